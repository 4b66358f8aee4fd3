import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { workerInput } from './fixtures.ts';

let stack: Stack;
let admin: string;
let officer: string;
let otherOfficer: string;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile'] });
  [admin, officer, otherOfficer] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
});
t.teardown(() => stack.stop());

const countWorkers = async (): Promise<number> => {
  const c = new pg.Client({ connectionString: stack.db.connectionString });
  await c.connect();
  const r = await c.query('SELECT count(*)::int AS n FROM worker_profile.workers');
  await c.end();
  return r.rows[0].n;
};

t.test(`register, read, update, list (${describeEnvironment(testEnvironment())})`, async (t) => {
  const input = workerInput();
  const created = await stack.api.post('/api/v1/workers', input, officer);
  t.equal(created.status, 201, JSON.stringify(created.body));
  const w = created.body;
  t.match(w, {
    name: input.name,
    idNumber: `${input.idNumber.slice(0, 6)}********${input.idNumber.slice(-4)}`,
    phone: input.phone,
    homeVillageName: '恋思村',
    townshipCode: '140723100',
    householdStatus: 'registered_poor',
    relocated: true,
    version: 1,
  });

  const read = await stack.api.get(`/api/v1/workers/${w.id}`, officer);
  t.equal(read.status, 200);
  t.equal(read.body.phone, input.phone, 'the officer of the village sees the phone');

  const updated = await stack.api.patch(
    `/api/v1/workers/${w.id}`,
    { expectedMinWage: 5000, skills: [{ code: 'con.welder', level: 4 }] },
    officer,
  );
  t.equal(updated.status, 200, JSON.stringify(updated.body));
  t.equal(updated.body.expectedMinWage, 5000);
  t.equal(updated.body.version, 2);

  const list = await stack.api.get(
    '/api/v1/workers?village=140723100236&householdStatus=registered_poor&skill=电焊工',
    officer,
  );
  t.equal(list.status, 200);
  t.ok(
    list.body.items.some((x: { id: string }) => x.id === w.id),
    'filters by village, status and a skill synonym',
  );
});

t.test('the ID number is encrypted at rest and the phone too', async (t) => {
  const input = workerInput();
  const created = await stack.api.post('/api/v1/workers', input, admin);
  t.equal(created.status, 201);
  const c = new pg.Client({ connectionString: stack.db.connectionString });
  await c.connect();
  t.teardown(() => c.end());
  const row = (await c.query('SELECT * FROM worker_profile.workers WHERE id = $1', [created.body.id])).rows[0];
  const dump = JSON.stringify(row);
  t.notOk(dump.includes(input.idNumber), 'no clear ID number in the row');
  t.notOk(dump.includes(input.phone), 'no clear phone in the row');
  const audit = await c.query(`SELECT * FROM worker_profile.audit_log WHERE $1 = ANY(worker_ids)`, [created.body.id]);
  t.ok(audit.rowCount! >= 1, 'the unmasked read is audited');
  t.equal(audit.rows[0].actor_role, 'admin');
});

t.test('a second registration with the same ID number is refused, naming the record', async (t) => {
  const input = workerInput();
  const first = await stack.api.post('/api/v1/workers', input, officer);
  const again = await stack.api.post('/api/v1/workers', { ...input, name: '重复' }, officer);
  t.equal(again.status, 409);
  t.equal(again.body.code, 'WORKER_ALREADY_REGISTERED');
  t.equal(again.body.existingId, first.body.id);
  const lower = await stack.api.post('/api/v1/workers', { ...input, idNumber: input.idNumber.toLowerCase() }, officer);
  t.equal(lower.status, input.idNumber.endsWith('X') ? 409 : 409);
});

t.test(
  'registrations sent at once: each answered on its own; a repeated ID number or a household of another village fails alone',
  async (t) => {
    const inputs = Array.from({ length: 24 }, () => workerInput());
    const twin = { ...inputs[3]!, name: '重复' };
    const household = `HH-G${Date.now()}`;
    const sameHousehold = [
      workerInput({ householdNo: household }),
      workerInput({ householdNo: household, homeVillageCode: '140723100200' }),
    ];
    const before = await countWorkers();
    const answers = await Promise.all(
      [...inputs, twin, ...sameHousehold].map((input) => stack.api.post('/api/v1/workers', input, admin)),
    );
    const created = answers.filter((a) => a.status === 201);
    t.equal(created.length, 25, 'the 24, and the first of the household');
    const original = answers[3]!.status === 201 ? answers[3]! : answers[24]!;
    const repeated = answers[3]!.status === 201 ? answers[24]! : answers[3]!;
    t.match(repeated, { status: 409, body: { code: 'WORKER_ALREADY_REGISTERED', existingId: original.body.id } });
    t.same(
      answers
        .slice(25)
        .map((a) => a.status)
        .sort(),
      [201, 400],
      'one household, one village: whichever came second is refused',
    );
    t.match(
      answers.slice(25).find((a) => a.status === 400),
      { body: { code: 'HOUSEHOLD_OTHER_VILLAGE' } },
    );
    t.equal(await countWorkers(), before + 25, 'nothing of the refused written');

    const c = new pg.Client({ connectionString: stack.db.connectionString });
    await c.connect();
    t.teardown(() => c.end());
    const ids = created.map((a) => a.body.id as string);
    const events = await c.query(
      `SELECT key FROM worker_profile.outbox WHERE payload->>'type' = 'worker.registered' AND key = ANY($1::text[])`,
      [ids],
    );
    t.same(
      events.rows.map((r) => r.key).sort(),
      [...ids].sort(),
      'one worker.registered for each, none for the refused',
    );
    const audited = await c.query(
      `SELECT worker_ids[1]::text AS id, request_id FROM worker_profile.audit_log WHERE worker_ids[1] = ANY($1::uuid[])`,
      [ids],
    );
    t.equal(new Set(audited.rows.map((r) => r.id)).size, 25, "each answer's phone in clear is audited");
    t.equal(new Set(audited.rows.map((r) => r.request_id)).size, 25, 'each with its own request');
    const households = await c.query(
      `SELECT home_village_code FROM worker_profile.households WHERE household_no = $1`,
      [household],
    );
    t.equal(households.rows.length, 1, 'the household of the one written');
  },
);

t.test('scopes: officers see their villages only, workers themselves only, employers nothing', async (t) => {
  const w = (await stack.api.post('/api/v1/workers', workerInput(), officer)).body;
  t.equal((await stack.api.get(`/api/v1/workers/${w.id}`, otherOfficer)).status, 404, 'other township: not found');
  t.equal((await stack.api.patch(`/api/v1/workers/${w.id}`, { expectedMinWage: 1 }, otherOfficer)).status, 404);
  const outside = await stack.api.post('/api/v1/workers', workerInput({ homeVillageCode: '140723102201' }), officer);
  t.equal(outside.status, 403, 'cannot register outside the villages');
  const list = await stack.api.get('/api/v1/workers', otherOfficer);
  t.notOk(
    list.body.items.some((x: { id: string }) => x.id === w.id),
    'not listed for the other township',
  );

  const acct = await stack.api.post(
    '/api/v1/accounts',
    { username: 'worker.zhang', password: 'worker-pass-1', role: 'worker', displayName: '张三', workerId: w.id },
    admin,
  );
  t.equal(acct.status, 201);
  const workerToken = await stack.login('worker.zhang', 'worker-pass-1');
  const self = await stack.api.get(`/api/v1/workers/${w.id}`, workerToken);
  t.equal(self.status, 200);
  const other = (await stack.api.post('/api/v1/workers', workerInput(), officer)).body;
  t.equal((await stack.api.get(`/api/v1/workers/${other.id}`, workerToken)).status, 404, 'another worker: not found');
  // A worker edits their own preferences, never their identity (ADR 0020; more in self-edit.test.ts).
  t.equal((await stack.api.patch(`/api/v1/workers/${w.id}`, { name: '改名' }, workerToken)).status, 403);
  t.equal((await stack.api.patch(`/api/v1/workers/${other.id}`, { expectedMinWage: 1 }, workerToken)).status, 404);

  await stack.api.post(
    '/api/v1/accounts',
    { username: 'employer.a', password: 'employer-pass', role: 'employer', displayName: '企业' },
    admin,
  );
  const employer = await stack.login('employer.a', 'employer-pass');
  t.equal((await stack.api.get(`/api/v1/workers/${w.id}`, employer)).status, 404);
  t.equal((await stack.api.get('/api/v1/workers', employer)).status, 403);
});

t.test('find a worker by a part of the name or by the whole ID number, within scope', async (t) => {
  const input = workerInput({ name: '欧阳%_娜' });
  const w = (await stack.api.post('/api/v1/workers', input, officer)).body;
  const ids = async (q: string, token = officer) => {
    const r = await stack.api.get(`/api/v1/workers?q=${encodeURIComponent(q)}&limit=200`, token);
    t.equal(r.status, 200, JSON.stringify(r.body).slice(0, 200));
    return r.body.items.map((x: { id: string }) => x.id) as string[];
  };
  t.same(await ids('阳%_'), [w.id], 'a part of the name, its % and _ taken literally');
  t.same(await ids('%'), [w.id], 'a lone % is a character, not a wildcard');
  t.same(await ids(input.idNumber), [w.id], 'the whole ID number finds its holder');
  t.same(await ids(input.idNumber.slice(0, 17)), [], 'a part of an ID number finds no one');
  t.same(await ids(input.idNumber, otherOfficer), [], 'not outside the villages');
  t.equal((await stack.api.get('/api/v1/workers?q=', officer)).status, 400, 'an empty q is named');
});

t.test('cursor pagination walks every worker once', async (t) => {
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await stack.api.get(`/api/v1/workers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin);
    t.equal(r.status, 200);
    for (const w of r.body.items) {
      t.notOk(seen.has(w.id), 'no repeats');
      seen.add(w.id);
    }
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  t.equal(seen.size, await countWorkers(), `pages ${pages}`);
  t.equal((await stack.api.get('/api/v1/workers?cursor=!!!', admin)).status, 400);
});

t.test('bad input gets a 4xx problem naming the field and writes nothing', async (t) => {
  const before = await countWorkers();
  const cases: [string, Record<string, unknown> | string, string][] = [
    ['bad check digit', { idNumber: '140723198803140017' }, 'idNumber'],
    ['birth date disagrees', { birthDate: '1990-01-01' }, 'birthDate'],
    ['unknown village', { homeVillageCode: '140723100999' }, 'homeVillageCode'],
    ['landline', { phone: '03513333333' }, 'phone'],
    ['wrong type', { expectedMinWage: '4500' }, 'expectedMinWage'],
    ['unknown field', { nickname: '三儿' }, 'nickname'],
    ['level out of range', { skills: [{ code: 'con.welder', level: 6 }] }, 'skills/0/level'],
    ['unknown skill', { skills: [{ code: 'con.astronaut', level: 2 }] }, 'skills/0/code'],
    ['megabyte string', { name: '张'.repeat(1_000_000) }, ''],
  ];
  for (const [what, change, field] of cases) {
    const r = await stack.api.post('/api/v1/workers', { ...workerInput(), ...(change as object) }, officer);
    t.ok(r.status >= 400 && r.status < 500, `${what}: ${r.status}`);
    t.match(r.headers.get('content-type'), /application\/problem\+json/, what);
    if (field)
      t.ok(
        r.body.errors?.some((e: { field: string }) => e.field === field),
        `${what} names ${field}: ${JSON.stringify(r.body.errors)}`,
      );
  }
  const missing = { ...workerInput() } as Record<string, unknown>;
  delete missing.consent;
  t.match((await stack.api.post('/api/v1/workers', missing, officer)).body, { errors: [{ field: 'consent' }] });
  const malformed = await stack.api.request('POST', '/api/v1/workers', {
    token: officer,
    raw: '{"name": ',
    headers: { 'content-type': 'application/json' },
  });
  t.equal(malformed.status, 400);
  t.equal(malformed.body.code, 'MALFORMED_JSON');
  t.equal((await stack.api.post('/api/v1/workers', workerInput())).status, 401, 'no token');
  t.equal(
    (await stack.api.post('/api/v1/workers', workerInput(), `${officer.slice(0, -3)}abc`)).status,
    401,
    'forged token',
  );
  t.equal((await stack.api.get('/api/v1/workers/not-a-uuid', officer)).status, 400);
  t.equal(await countWorkers(), before, 'nothing written');
});

t.test('an Idempotency-Key makes a retried registration harmless', async (t) => {
  const input = workerInput();
  const key = `reg-${Date.now()}`;
  const a = await stack.api.post('/api/v1/workers', input, officer, { 'idempotency-key': key });
  const b = await stack.api.post('/api/v1/workers', input, officer, { 'idempotency-key': key });
  t.equal(a.status, 201);
  t.equal(b.status, 201);
  t.equal(b.body.id, a.body.id);
  t.equal(b.headers.get('idempotent-replayed'), 'true');
  const c = await stack.api.post('/api/v1/workers', workerInput(), officer, { 'idempotency-key': key });
  t.equal(c.status, 409, 'same key, other body');
  const db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
  t.teardown(() => db.end());
  const kept = JSON.stringify((await db.query('SELECT * FROM worker_profile.idempotency_keys')).rows);
  t.notOk(kept.includes(input.phone), 'the remembered answer (with the unmasked phone) is not kept in clear');
});
