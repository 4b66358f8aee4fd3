/**
 * Defect 9: an account's workerId / employerId / regions go into its token, so they must fit its
 * role and name a record that exists; otherwise a 400 problem names the field and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { type Stack, startStack } from '@tongxin/test-harness';
import t, { type Test } from 'tap';
import { employerInput } from '../../employer/test/helpers/fixtures.ts';
import { workerInput } from '../../worker-profile/test/fixtures.ts';

let stack: Stack;
let admin: string;
let workerId: string;
let employerId: string;
t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer'] });
  admin = await stack.login('admin');
  const officer = await stack.login('officer.yixing');
  const w = await stack.api.post('/api/v1/workers', workerInput(), officer);
  if (w.status !== 201) throw new Error(JSON.stringify(w.body));
  workerId = w.body.id;
  const e = await stack.api.post('/api/v1/employers', employerInput(), admin);
  if (e.status !== 201) throw new Error(JSON.stringify(e.body));
  employerId = e.body.id;
});
t.teardown(() => stack?.stop());

const base = { password: 'a-good-pass-1', displayName: '测试' };
let n = 0;
const username = () => `link.case.${n++}`;

/** Posts the account and expects a 400 naming `field`; then the same username is still free. */
async function refused(t: Test, body: Record<string, unknown>, field: string, code?: string) {
  const name = username();
  const r = await stack.api.post('/api/v1/accounts', { ...base, username: name, ...body }, admin);
  t.equal(r.status, 400, `${JSON.stringify(body)} → 400 (${JSON.stringify(r.body)})`);
  t.ok(
    (r.body.errors ?? []).some((e: { field: string }) => e.field === field),
    `the problem names ${field}: ${JSON.stringify(r.body.errors)}`,
  );
  if (code) t.equal(r.body.code, code);
  const login = await stack.api.post('/api/v1/auth/token', { username: name, password: base.password });
  t.equal(login.status, 401, 'nothing was written: the refused account cannot sign in');
}

t.test('workerId only on (and required for) a worker account', async (t) => {
  await refused(t, { role: 'worker' }, 'workerId');
  await refused(t, { role: 'officer', regions: ['140723100'], workerId }, 'workerId');
  await refused(t, { role: 'employer', workerId }, 'workerId');
  await refused(t, { role: 'admin', workerId }, 'workerId');
  await refused(t, { role: 'worker', workerId, employerId }, 'employerId');
});

t.test('employerId only on an employer account; regions only on (and required for) an officer', async (t) => {
  await refused(t, { role: 'officer', regions: ['140723100'], employerId }, 'employerId');
  await refused(t, { role: 'admin', employerId }, 'employerId');
  await refused(t, { role: 'officer' }, 'regions');
  await refused(t, { role: 'officer', regions: [] }, 'regions');
  await refused(t, { role: 'employer', regions: ['140723100'] }, 'regions');
  await refused(t, { role: 'worker', workerId, regions: ['140723100'] }, 'regions');
});

t.test('the worker or employer must exist', async (t) => {
  await refused(t, { role: 'worker', workerId: randomUUID() }, 'workerId', 'UNKNOWN_WORKER');
  await refused(t, { role: 'employer', employerId: randomUUID() }, 'employerId', 'UNKNOWN_EMPLOYER');
  // A worker id given as an employer id is not an employer either.
  await refused(t, { role: 'employer', employerId: workerId }, 'employerId', 'UNKNOWN_EMPLOYER');
});

t.test('well-formed accounts are created and their tokens carry the link', async (t) => {
  const cases = [
    { role: 'worker', workerId },
    { role: 'employer', employerId },
    { role: 'employer' },
    { role: 'officer', regions: ['140723100'] },
    { role: 'admin' },
  ];
  for (const body of cases) {
    const name = username();
    const r = await stack.api.post('/api/v1/accounts', { ...base, username: name, ...body }, admin);
    t.equal(r.status, 201, `${JSON.stringify(body)} → 201 (${JSON.stringify(r.body)})`);
    const token = await stack.login(name, base.password);
    const me = (await stack.api.get('/api/v1/auth/me', token)).body;
    t.equal(me.workerId, body.workerId);
    t.equal(me.employerId, body.employerId);
    t.same(me.regions, body.regions);
  }
});
