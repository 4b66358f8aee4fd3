import { makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, eventually, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { verifiedEmployer, welderOpening } from './support/employer.ts';

/**
 * Self-registration (自助登记, ADR 0015) through the gateway with the real consumers: a person not in
 * the registry asks signed out, the village's officer confirms, and the worker exists for the other
 * services (matching ranks openings for them); a declined request leaves nobody anywhere.
 */
let stack: Stack;
let admin: string;
let officer: string;
let otherOfficer: string;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'matching'] });
  [admin, officer, otherOfficer] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
});
t.teardown(() => stack.stop());

let seq = 700 + Math.floor(Math.random() * 200);
function request(name: string) {
  const s = seq++;
  return {
    name,
    idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1990-02-03', sequence: s }),
    phone: `136${String(10_000_000 + s).slice(0, 8)}`,
    homeVillageCode: '140723100236',
    skills: [{ code: 'con.welder', level: 3 }],
    tierPreferences: ['out_of_province', 'in_province'],
    consent: { version: '2026-1' },
  };
}

t.test(`a confirmed request is a worker for every service (${describeEnvironment(testEnvironment())})`, async (t) => {
  const employer = await verifiedEmployer(stack, admin, {
    name: '苏州自助登记测试有限公司',
    username: 'employer.selfreg',
    phone: '13912340001',
  });
  const opening = await welderOpening(stack, employer, 3);
  t.equal(opening.status, 201, JSON.stringify(opening.body));

  const submitted = await stack.api.post('/api/v1/registration-requests', request('赵自助'));
  t.equal(submitted.status, 202);
  const id = submitted.body.requestId as string;
  const waiting = await stack.api.get('/api/v1/worklist/registry', officer);
  t.ok(
    waiting.body.items.some((i: { kind: string; id: string }) => i.kind === 'registration-request' && i.id === id),
    "on the village officer's worklist",
  );
  t.notOk(
    (await stack.api.get('/api/v1/worklist/registry', otherOfficer)).body.items.some(
      (i: { id: string }) => i.id === id,
    ),
    "not on another township's",
  );

  // The officer knows what the person could not say: the household is registered-poor (the opening is reserved for it).
  const confirmed = await stack.api.post(
    `/api/v1/registration-requests/${id}/confirm`,
    { corrections: { householdStatus: 'registered_poor' } },
    officer,
  );
  t.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  const workerId = confirmed.body.workerId as string;
  const match = await eventually('matching ranks the opening for the new worker', async () => {
    const r = await stack.api.get(`/api/v1/workers/${workerId}/matches?limit=20`, officer);
    return r.status === 200
      ? r.body.items.find((m: { openingId: string }) => m.openingId === opening.body.id)
      : undefined;
  });
  t.ok(match, 'the self-registered welder is matched');

  const declined = (await stack.api.post('/api/v1/registration-requests', request('钱拒绝'))).body.requestId as string;
  const d = await stack.api.post(
    `/api/v1/registration-requests/${declined}/decline`,
    { reason: '不是本村村民' },
    officer,
  );
  t.equal(d.status, 200);
  const candidates = await eventually('matching lists the confirmed candidate', async () => {
    const r = await stack.api.get(`/api/v1/openings/${opening.body.id}/candidates?limit=50`, admin);
    return r.status === 200 && r.body.items.some((c: { workerId: string }) => c.workerId === workerId)
      ? r.body.items
      : undefined;
  });
  t.equal(candidates.length, 1, 'only the confirmed person is a candidate; the declined one exists nowhere');
  const workers = await stack.api.get('/api/v1/workers?limit=200', admin);
  t.same(
    workers.body.items.map((w: { name: string }) => w.name),
    ['赵自助'],
    'the registry holds the confirmed person only',
  );
});
