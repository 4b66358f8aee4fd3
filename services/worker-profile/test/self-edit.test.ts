import { type Stack, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { workerInput } from './fixtures.ts';

let stack: Stack;
let admin: string;
let officer: string;
let otherOfficer: string;
let db: pg.Client;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile'] });
  [admin, officer, otherOfficer] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
  db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
});
t.teardown(async () => {
  await db.end();
  await stack.stop();
});

let accounts = 0;
/** A worker of officer.yixing's village, with an account of their own. */
async function workerWithAccount(): Promise<{ id: string; phone: string; token: string }> {
  const input = workerInput();
  const w = await stack.api.post('/api/v1/workers', input, officer);
  if (w.status !== 201) throw new Error(JSON.stringify(w.body));
  const username = `worker.self${accounts++}`;
  const a = await stack.api.post(
    '/api/v1/accounts',
    { username, password: 'worker-pass-1', role: 'worker', displayName: input.name, workerId: w.body.id },
    admin,
  );
  if (a.status !== 201) throw new Error(JSON.stringify(a.body));
  return { id: w.body.id as string, phone: input.phone, token: await stack.login(username, 'worker-pass-1') };
}
const outbox = async (type: string, subject: string) =>
  (
    await db.query(
      `SELECT payload FROM worker_profile.outbox WHERE payload->>'type' = $1 AND payload->>'subject' = $2 ORDER BY id`,
      [type, subject],
    )
  ).rows.map((r) => r.payload as { data: Record<string, unknown> });
const pendingRows = async (workerId: string) =>
  (await db.query(`SELECT * FROM worker_profile.pending_changes WHERE worker_id = $1`, [workerId])).rows;

t.test('a worker changes their own skills, preferences and availability at once, announced as an update', async (t) => {
  const me = await workerWithAccount();
  const skills = [{ code: 'con.welder', level: 4, years: 8 }];
  const r = await stack.api.patch(
    `/api/v1/workers/${me.id}`,
    { skills, tierPreferences: ['in_county'], expectedMinWage: 5200, employmentStatus: 'seeking' },
    me.token,
  );
  t.equal(r.status, 200, JSON.stringify(r.body));
  t.match(r.body, { skills, tierPreferences: ['in_county'], expectedMinWage: 5200 });
  const [updated] = await outbox('worker.updated', me.id);
  t.match(updated?.data, { worker: { id: me.id, expectedMinWage: 5200 } });
  t.ok((updated?.data.changed as string[]).includes('skills'));
  const [skillsChanged] = await outbox('worker.skills-changed', me.id);
  t.match(skillsChanged?.data, { workerId: me.id, skills, reason: 'edited' });
  t.match((await stack.api.get(`/api/v1/workers/${me.id}`, officer)).body, { skills, expectedMinWage: 5200 });
});

t.test("another worker's record is not found; identity fields are refused by name, nothing written", async (t) => {
  const me = await workerWithAccount();
  const other = await workerWithAccount();
  const r = await stack.api.patch(`/api/v1/workers/${other.id}`, { expectedMinWage: 1 }, me.token);
  t.equal(r.status, 404);
  for (const body of [
    { name: '改名' },
    { homeVillageCode: '140723100237', expectedMinWage: 9000 },
    { householdNo: 'H1' },
  ]) {
    const before = await stack.api.get(`/api/v1/workers/${me.id}`, me.token);
    const refused = await stack.api.patch(`/api/v1/workers/${me.id}`, body, me.token);
    t.equal(refused.status, 403, JSON.stringify(body));
    t.equal(refused.body.code, 'WORKER_FIELD_NOT_SELF_EDITABLE');
    t.ok(
      refused.body.errors.some((e: { field: string }) => e.field === Object.keys(body)[0]),
      'the field is named',
    );
    t.match(refused.body.detail, /工作人员/, 'in Chinese by default');
    const after = await stack.api.get(`/api/v1/workers/${me.id}`, me.token);
    t.equal(after.body.version, before.body.version, 'nothing written');
  }
  t.equal((await stack.api.patch(`/api/v1/workers/${me.id}`, { phone: '12345' }, me.token)).status, 400);
  t.same(await pendingRows(me.id), [], 'a bad phone proposes nothing');
});

t.test("a proposed phone awaits the village's officer, who confirms it", async (t) => {
  const me = await workerWithAccount();
  const phone = '13912345678';
  const r = await stack.api.patch(`/api/v1/workers/${me.id}`, { phone }, me.token);
  t.equal(r.status, 200, JSON.stringify(r.body));
  t.equal(r.body.phone, me.phone, 'the phone on record is unchanged until confirmed');
  t.match(r.body.pendingChanges, [{ field: 'phone', value: '139****5678', awaiting: 'officer' }]);
  t.equal(r.body.pendingChanges.length, 1);
  const again = await stack.api.patch(`/api/v1/workers/${me.id}`, { phone }, me.token);
  t.same(again.body.pendingChanges, r.body.pendingChanges, 'the same proposal twice: one pending change');
  const rows = await pendingRows(me.id);
  t.equal(rows.length, 1);
  t.notOk(JSON.stringify(rows).includes(phone), 'the proposed phone is not stored in clear');
  t.equal((await outbox('worker.updated', me.id)).length, 0, 'a proposal changes nothing yet');

  const changeId = r.body.pendingChanges[0].id as string;
  const seen = await stack.api.get(`/api/v1/workers/${me.id}`, officer);
  t.match(seen.body.pendingChanges, [{ id: changeId, field: 'phone', value: '139****5678' }]);

  const path = `/api/v1/workers/${me.id}/pending-changes/${changeId}`;
  t.equal((await stack.api.post(`${path}/confirm`, {}, otherOfficer)).status, 404, "another township's officer");
  t.equal((await stack.api.post(`${path}/confirm`, {}, me.token)).status, 403, 'the worker cannot confirm');
  const confirmed = await stack.api.post(`${path}/confirm`, {}, officer);
  t.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  t.equal(confirmed.body.phone, phone);
  t.notOk(confirmed.body.pendingChanges, 'nothing pending any more');
  const [updated] = await outbox('worker.updated', me.id);
  t.same(updated?.data.changed, ['phone']);
  t.notOk(JSON.stringify(updated).includes(phone), 'the event carries no phone');
  t.equal((await stack.api.post(`${path}/confirm`, {}, officer)).status, 200, 'confirming again changes nothing');
  t.equal((await outbox('worker.updated', me.id)).length, 1);
  const declined = await stack.api.post(`${path}/decline`, {}, officer);
  t.equal(declined.status, 409);
  t.equal(declined.body.code, 'WORKER_PENDING_CHANGE_DECIDED');
  const list = await stack.api.get(`/api/v1/workers?q=${encodeURIComponent('张三')}`, otherOfficer);
  t.notOk(JSON.stringify(list.body).includes(phone), 'out of scope, nobody sees it');
});

t.test('a declined phone leaves the record as it was', async (t) => {
  const me = await workerWithAccount();
  const r = await stack.api.patch(`/api/v1/workers/${me.id}`, { phone: '13700001111', skills: [] }, me.token);
  t.equal(r.status, 200, JSON.stringify(r.body));
  t.same(r.body.skills, [], 'the direct part applies at once');
  const changeId = r.body.pendingChanges[0].id as string;
  const declined = await stack.api.post(`/api/v1/workers/${me.id}/pending-changes/${changeId}/decline`, {}, officer);
  t.equal(declined.status, 200);
  t.equal(declined.body.phone, me.phone);
  t.notOk(declined.body.pendingChanges);
  const updates = await outbox('worker.updated', me.id);
  t.equal(updates.length, 1, 'only the skills update');
  t.notOk((updates[0]?.data.changed as string[]).includes('phone'));
  t.match((await pendingRows(me.id))[0], { outcome: 'declined', decided_by: /./ });
});

t.test("a proposed phone is on the worklist of the worker's officers only, until decided", async (t) => {
  const me = await workerWithAccount();
  const r = await stack.api.patch(`/api/v1/workers/${me.id}`, { phone: '13655554444' }, me.token);
  const changeId = r.body.pendingChanges[0].id as string;
  const item = (body: { items: { kind: string; id: string }[] }) =>
    body.items.find((i) => i.kind === 'phone-change' && i.id === changeId);
  const mine = await stack.api.get('/api/v1/worklist/registry', officer);
  t.equal(mine.status, 200);
  t.match(item(mine.body), {
    workerId: me.id,
    village: '140723100236',
    title: /136\*\*\*\*4444/,
    action: { method: 'POST', path: `/api/v1/workers/${me.id}/pending-changes/${changeId}/confirm` },
  });
  t.ok(mine.body.counts['phone-change'] >= 1);
  t.notOk(JSON.stringify(mine.body).includes('13655554444'), 'masked on the worklist');
  t.notOk(item((await stack.api.get('/api/v1/worklist/registry', otherOfficer)).body), "not another township's");
  t.ok(item((await stack.api.get('/api/v1/worklist/registry', admin)).body), "the administrator's");
  await stack.api.post(`/api/v1/workers/${me.id}/pending-changes/${changeId}/decline`, {}, officer);
  t.notOk(item((await stack.api.get('/api/v1/worklist/registry', officer)).body), 'gone once decided');
});
