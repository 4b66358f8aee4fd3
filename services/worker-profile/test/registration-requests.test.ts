import { makeIdNumber } from '@tongxin/cn-codes';
import { describeEnvironment, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from './fixtures.ts';
import { workerProfileStack } from './helpers/stack.ts';

const ctx = workerProfileStack(t);

const VILLAGE = '140723100236'; // 义兴镇恋思村, officer.yixing's
let seq = 600;
/** What a person not in the registry can tell about themselves: gender and birth date come from the ID. */
function selfInput(overrides: Record<string, unknown> = {}) {
  const n = seq++;
  return {
    name: '王小花',
    idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1995-06-01', sequence: n }),
    phone: `139${String(20_000_000 + n).slice(0, 8)}`,
    homeVillageCode: VILLAGE,
    skills: [{ code: 'con.welder', level: 2 }],
    tierPreferences: ['in_county'],
    consent: { version: '2026-1' },
    ...overrides,
  };
}
const submit = (body: unknown) => ctx.stack.api.post('/api/v1/registration-requests', body);
const count = async (table: string, where = 'true', args: unknown[] = []) =>
  (await ctx.db.query(`SELECT count(*)::int AS n FROM worker_profile.${table} WHERE ${where}`, args)).rows[0]
    .n as number;
const outbox = async (type: string, subject: string) =>
  (
    await ctx.db.query(
      `SELECT payload FROM worker_profile.outbox WHERE payload->>'type' = $1 AND payload->>'subject' = $2 ORDER BY id`,
      [type, subject],
    )
  ).rows.map((r) => r.payload as { data: Record<string, unknown> });

t.test(
  `a request confirmed by the village's officer becomes a worker (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const input = selfInput();
    const r = await submit(input);
    t.equal(r.status, 202, JSON.stringify(r.body));
    const id = r.body.requestId as string;
    t.match(id, /^[0-9a-f-]{36}$/);
    t.equal((await submit(input)).body.requestId, id, 'the same submission sent again finds the same request');

    const stored = (await ctx.db.query(`SELECT * FROM worker_profile.registration_requests WHERE id = $1`, [id]))
      .rows[0];
    t.notOk(JSON.stringify(stored).includes(input.idNumber), 'the ID number is not stored in clear');
    t.notOk(JSON.stringify(stored).includes(input.phone), 'nor the phone');

    const [submitted] = await outbox('registration-request.submitted', id);
    t.match(submitted?.data, { requestId: id, homeVillageCode: VILLAGE, nameMasked: '王**' });
    t.notOk(JSON.stringify(submitted).includes(input.idNumber), 'the event carries no personal data in clear');

    const list = await ctx.stack.api.get(
      `/api/v1/registration-requests?status=waiting&village=${VILLAGE}`,
      ctx.officer,
    );
    t.equal(list.status, 200);
    const listed = list.body.items.find((i: { id: string }) => i.id === id);
    t.match(listed, {
      status: 'waiting',
      name: '王小花',
      gender: 'female',
      birthDate: '1995-06-01',
      alreadyRegistered: false,
    });
    t.not(listed.idNumber, input.idNumber, 'masked in the list');
    t.not(listed.phone, input.phone);

    const audited = await count('audit_log', `purpose = $1`, [`registration-request:${id}`]);
    const one = await ctx.stack.api.get(`/api/v1/registration-requests/${id}`, ctx.officer);
    t.equal(one.body.idNumber, input.idNumber, 'in clear when read one by one');
    t.equal(one.body.phone, input.phone);
    t.equal(await count('audit_log', `purpose = $1`, [`registration-request:${id}`]), audited + 1, 'and audited');

    const confirmed = await ctx.stack.api.post(
      `/api/v1/registration-requests/${id}/confirm`,
      { corrections: { name: '王晓花', householdStatus: 'monitored' } },
      ctx.officer,
    );
    t.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    t.match(confirmed.body, { status: 'confirmed', workerId: /^[0-9a-f-]{36}$/ });
    const workerId = confirmed.body.workerId as string;
    const again = await ctx.stack.api.post(`/api/v1/registration-requests/${id}/confirm`, {}, ctx.officer);
    t.equal(again.status, 200);
    t.equal(again.body.workerId, workerId, 'confirming twice answers the same worker');
    t.equal(
      await count(
        'workers',
        `id_number_hash = (SELECT id_number_hash FROM worker_profile.registration_requests WHERE id = $1)`,
        [id],
      ),
      1,
    );

    const worker = await ctx.stack.api.get(`/api/v1/workers/${workerId}`, ctx.officer);
    t.match(worker.body, {
      name: '王晓花',
      gender: 'female',
      birthDate: '1995-06-01',
      phone: input.phone,
      homeVillageCode: VILLAGE,
      householdStatus: 'monitored',
      skills: [{ code: 'con.welder', level: 2 }],
      tierPreferences: ['in_county'],
      consent: { version: '2026-1' },
    });
    t.equal(worker.body.idNumber.length, 18);
    t.not(worker.body.idNumber, input.idNumber, 'the registry masks it as always');
    t.equal((await outbox('worker.registered', workerId)).length, 1, 'worker.registered once');
    const decided = await outbox('registration-request.decided', id);
    t.equal(decided.length, 1, 'decided once');
    t.match(decided[0]?.data, { requestId: id, decision: 'confirmed', workerId, homeVillageCode: VILLAGE });

    const declineAfter = await ctx.stack.api.post(
      `/api/v1/registration-requests/${id}/decline`,
      { reason: '重复' },
      ctx.officer,
    );
    t.equal(declineAfter.status, 409);
    t.equal(declineAfter.body.code, 'REGISTRATION_REQUEST_DECIDED');
    t.match(declineAfter.body.detail, /已处理/, 'Chinese by default');
  },
);

t.test('a declined request leaves nothing in the registry', async (t) => {
  const input = selfInput();
  const id = (await submit(input)).body.requestId as string;
  const workers = await count('workers');
  const r = await ctx.stack.api.post(
    `/api/v1/registration-requests/${id}/decline`,
    { reason: '不是本村村民' },
    ctx.officer,
  );
  t.equal(r.status, 200, JSON.stringify(r.body));
  t.match(r.body, { status: 'declined', declineReason: '不是本村村民' });
  t.notOk(r.body.workerId);
  t.equal(
    (await ctx.stack.api.post(`/api/v1/registration-requests/${id}/decline`, { reason: 'x' }, ctx.officer)).status,
    200,
  );
  t.equal(await count('workers'), workers, 'no worker');
  const search = await ctx.stack.api.get(`/api/v1/workers?q=${input.idNumber}`, ctx.admin);
  t.same(search.body.items, [], 'the ID number is not in the registry');
  t.match((await outbox('registration-request.decided', id))[0]?.data, { decision: 'declined' });
  const confirm = await ctx.stack.api.post(`/api/v1/registration-requests/${id}/confirm`, {}, ctx.officer);
  t.equal(confirm.status, 409);
  t.equal(confirm.body.code, 'REGISTRATION_REQUEST_DECIDED');
  t.equal(await count('workers'), workers);
  const waiting = await ctx.stack.api.get('/api/v1/registration-requests?status=waiting', ctx.officer);
  t.notOk(
    waiting.body.items.some((i: { id: string }) => i.id === id),
    'no longer waiting',
  );
});

t.test('an ID number already registered gets the same answer; confirming it is a 409 naming it', async (t) => {
  const registered = workerInput();
  const w = await ctx.stack.api.post('/api/v1/workers', registered, ctx.officer);
  t.equal(w.status, 201);
  const unknown = await submit(selfInput());
  const known = await submit(selfInput({ idNumber: registered.idNumber, name: registered.name }));
  t.equal(known.status, unknown.status, 'the same status');
  t.same(Object.keys(known.body), Object.keys(unknown.body), 'the same shape');
  t.same(Object.keys(known.body), ['requestId']);
  const id = known.body.requestId as string;
  const read = await ctx.stack.api.get(`/api/v1/registration-requests/${id}`, ctx.officer);
  t.match(read.body, { alreadyRegistered: true, existingWorkerId: w.body.id }, 'the officer sees it');
  const workers = await count('workers');
  const confirm = await ctx.stack.api.post(`/api/v1/registration-requests/${id}/confirm`, {}, ctx.officer);
  t.equal(confirm.status, 409);
  t.equal(confirm.body.code, 'WORKER_ALREADY_REGISTERED');
  t.equal(confirm.body.existingId, w.body.id);
  t.match(confirm.body.errors, [{ field: 'idNumber' }]);
  t.equal(await count('workers'), workers, 'nothing written');
  t.equal((await ctx.stack.api.get(`/api/v1/registration-requests/${id}`, ctx.officer)).body.status, 'waiting');
  t.equal((await outbox('registration-request.decided', id)).length, 0, 'no decision event');
});

t.test('bad input is a 400 naming the field, nothing written', async (t) => {
  const before = await count('registration_requests');
  const good = selfInput();
  const badId = good.idNumber.slice(0, 17) + (good.idNumber.endsWith('0') ? '1' : '0');
  const r = await submit({ ...good, idNumber: badId });
  t.equal(r.status, 400);
  t.match(r.body.errors, [{ field: 'idNumber' }]);
  const en = await ctx.stack.api.request('POST', '/api/v1/registration-requests', {
    body: { ...good, idNumber: badId },
    headers: { 'accept-language': 'en' },
  });
  t.match(en.body.errors, [{ field: 'idNumber', message: /check digit/ }]);
  const outside = await submit({ ...selfInput(), homeVillageCode: '110101001001' });
  t.equal(outside.status, 400);
  t.match(outside.body.errors, [{ field: 'homeVillageCode' }], 'a village of another county');
  const noVillage = await submit({ ...selfInput(), homeVillageCode: '140723100999' });
  t.match(noVillage.body.errors, [{ field: 'homeVillageCode' }], 'no such village');
  const { consent: _c, ...noConsent } = selfInput();
  const unconsented = await submit(noConsent);
  t.equal(unconsented.status, 400);
  t.match(unconsented.body.errors, [{ field: 'consent' }], 'consent is required');
  const wrongGender = await submit(selfInput({ gender: 'male' }));
  t.match(wrongGender.body.errors, [{ field: 'gender' }], 'gender must agree with the ID number');
  t.equal(await count('registration_requests'), before, 'nothing stored');
});

t.test('officers of other villages neither see nor decide a request', async (t) => {
  const id = (await submit(selfInput())).body.requestId as string;
  const list = await ctx.stack.api.get('/api/v1/registration-requests', ctx.otherOfficer);
  t.equal(list.status, 200);
  t.notOk(list.body.items.some((i: { id: string }) => i.id === id));
  t.equal((await ctx.stack.api.get(`/api/v1/registration-requests/${id}`, ctx.otherOfficer)).status, 404);
  t.equal((await ctx.stack.api.post(`/api/v1/registration-requests/${id}/confirm`, {}, ctx.otherOfficer)).status, 404);
  t.equal(
    (await ctx.stack.api.post(`/api/v1/registration-requests/${id}/decline`, { reason: 'x' }, ctx.otherOfficer)).status,
    404,
  );
  const moved = await ctx.stack.api.post(
    `/api/v1/registration-requests/${id}/confirm`,
    { corrections: { homeVillageCode: '140723102201' } },
    ctx.officer,
  );
  t.equal(moved.status, 403, 'an officer cannot confirm a person into a village outside their scope');
  t.equal((await ctx.stack.api.get('/api/v1/registration-requests')).status, 401, 'signed out: only submitting');
  t.equal((await ctx.stack.api.get(`/api/v1/registration-requests/${id}`, ctx.admin)).status, 200, 'the administrator');
});

t.test('the registry worklist: waiting requests and failed imports, for the right officer only', async (t) => {
  const id = (await submit(selfInput())).body.requestId as string;
  const sheet = [
    '活动类型,区划代码,活动日期,活动名称,参加人数,活动内容',
    '走访,140723100236,2026-03-01,,12,',
    '典型,140723100999,2026-03-02,,,',
  ].join('\n');
  const imported = await ctx.stack.api.request('POST', '/api/v1/workers/import?ledger=activities&mode=valid-only', {
    token: ctx.officer,
    raw: Buffer.from(sheet),
    headers: { 'content-type': 'text/csv' },
  });
  t.equal(imported.status, 200, JSON.stringify(imported.body).slice(0, 300));
  const jobId = imported.body.jobId as string;

  const mine = await ctx.stack.api.get('/api/v1/worklist/registry', ctx.officer);
  t.equal(mine.status, 200, JSON.stringify(mine.body));
  const request = mine.body.items.find((i: { id: string }) => i.id === id);
  t.match(request, {
    kind: 'registration-request',
    village: VILLAGE,
    overdue: false,
    link: `#/registration-requests/${id}`,
    action: { method: 'POST', path: `/api/v1/registration-requests/${id}/confirm` },
    title: /自助登记/,
    titleEn: /Self-registration/,
    dueDate: /^\d{4}-\d{2}-\d{2}$/,
  });
  const failed = mine.body.items.find((i: { id: string }) => i.id === jobId);
  t.match(failed, {
    kind: 'import-errors',
    overdue: false,
    action: { method: 'GET', path: `/api/v1/workers/import/${jobId}/errors.xlsx` },
  });
  t.ok(mine.body.counts['registration-request'] >= 1);
  t.ok(mine.body.counts['import-errors'] >= 1);

  const other = await ctx.stack.api.get('/api/v1/worklist/registry', ctx.otherOfficer);
  t.equal(other.status, 200);
  t.notOk(
    other.body.items.some((i: { id: string }) => i.id === id || i.id === jobId),
    'not for another township',
  );
  const all = await ctx.stack.api.get('/api/v1/worklist/registry', ctx.admin);
  t.ok(
    all.body.items.some((i: { id: string }) => i.id === id) &&
      all.body.items.some((i: { id: string }) => i.id === jobId),
  );

  const clean = await ctx.stack.api.request('POST', '/api/v1/workers/import?ledger=activities&mode=valid-only', {
    token: ctx.officer,
    raw: Buffer.from(sheet.split('\n').slice(0, 2).join('\n')),
    headers: { 'content-type': 'text/csv' },
  });
  t.equal(clean.body.invalid, 0);
  const after = await ctx.stack.api.get('/api/v1/worklist/registry', ctx.officer);
  t.notOk(
    after.body.items.some((i: { id: string }) => i.id === jobId),
    'a later clean import of the ledger supersedes it',
  );
  await ctx.stack.api.post(`/api/v1/registration-requests/${id}/decline`, { reason: '测试' }, ctx.officer);
  const decided = await ctx.stack.api.get('/api/v1/worklist/registry', ctx.officer);
  t.notOk(
    decided.body.items.some((i: { id: string }) => i.id === id),
    'a decided request leaves the list',
  );
});
