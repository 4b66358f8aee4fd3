import { makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, eventually, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { verifiedEmployer, welderOpening } from './support/employer.ts';

/**
 * The placement journey through the gateway, with the real producers and consumers: an employer
 * posts an out-of-province opening, an officer refers a relocated worker, the employer hires them,
 * and every service reacts to the events.
 */
let stack: Stack;
let admin: string;
let officer: string;
let otherOfficer: string;
let employer: string;
let opening: { id: string; tier: string };

const VILLAGE = '140723100236'; // 义兴镇恋思村
let seq = 400 + Math.floor(Math.random() * 400);
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function workerBody(name: string) {
  const s = seq++;
  return {
    name,
    gender: s % 2 ? 'male' : 'female',
    birthDate: '1987-05-20',
    idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1987-05-20', sequence: s }),
    phone: `139${String(10_000_000 + s).slice(0, 8)}`,
    homeVillageCode: VILLAGE,
    householdStatus: 'none',
    relocated: true,
    relocation: { resettlementSite: '义兴镇移民新村' },
    skills: [{ code: 'con.welder', level: 3, years: 5 }],
    tierPreferences: ['out_of_province', 'in_province'],
    expectedMinWage: 5000,
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
  };
}

/** Refers the worker as soon as placement has heard of the worker and the opening. */
async function refer(workerId: string, token = officer) {
  return eventually('placement knows the worker and the opening', async () => {
    const r = await stack.api.post(
      '/api/v1/applications',
      { openingId: opening.id, workerId, note: '易地搬迁户，优先推荐' },
      token,
    );
    return r.status === 404 ? undefined : r;
  });
}

async function moveTo(id: string, statuses: string[]) {
  for (const status of statuses) {
    const r = await stack.api.patch(`/api/v1/applications/${id}`, { status }, employer);
    if (r.status !== 200) throw new Error(`${status}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'placement'] });
  [admin, officer, otherOfficer] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
  employer = await verifiedEmployer(stack, admin, {
    name: '苏州同心精密制造有限公司',
    username: 'employer.tongxin',
    phone: '13951200001',
  });
});
t.teardown(() => stack?.stop());

t.test(
  `an officer's referral becomes a followed-up, subsidised, covered placement (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const posted = await welderOpening(stack, employer, 2);
    t.equal(posted.status, 201, JSON.stringify(posted.body));
    opening = posted.body;
    t.equal(opening.tier, 'out_of_province');

    const worker = await stack.api.post('/api/v1/workers', workerBody('韩移民'), officer);
    t.equal(worker.status, 201, JSON.stringify(worker.body));
    const workerId = worker.body.id as string;

    const referred = await refer(workerId);
    t.equal(referred.status, 201, JSON.stringify(referred.body));
    t.match(referred.body, {
      status: 'submitted',
      referredBy: String,
      contactVisible: false,
      worker: { name: '韩移民', relocated: true },
    });
    const applicationId = referred.body.id as string;
    const listed = await stack.api.get(`/api/v1/applications?openingId=${opening.id}`, employer);
    t.same(
      listed.body.items.map((a: { id: string }) => a.id),
      [applicationId],
      'the employer sees its applicant',
    );

    await moveTo(applicationId, ['screening', 'interview', 'offered']);
    const hired = await stack.api.patch(
      `/api/v1/applications/${applicationId}`,
      { status: 'hired', startDate: daysAgo(31), agreedWage: 6800 },
      employer,
    );
    t.equal(hired.status, 200, JSON.stringify(hired.body));
    const placementId = hired.body.placementId as string;
    t.ok(placementId, 'the hire made a placement');

    const filled = await eventually('the opening counts the hire', async () => {
      const o = await stack.api.get(`/api/v1/openings/${opening.id}`, employer);
      return o.body.filledCount === 1 && o.body;
    });
    t.equal(filled.filledCount, 1, "the opening's filled count rose");

    const employed = await eventually('worker-profile sets the worker employed', async () => {
      const w = await stack.api.get(`/api/v1/workers/${workerId}`, officer);
      return w.body.employmentStatus === 'employed' && w.body;
    });
    t.equal(employed.employmentStatus, 'employed', 'the worker is employed');

    const subsidies = await stack.api.get(`/api/v1/subsidies?placementId=${placementId}`, officer);
    t.match(
      subsidies.body.items,
      [{ ruleId: 'transport-out-of-province', amount: 500, status: 'eligible', workerId }],
      'the transport subsidy is eligible',
    );

    const due = await stack.api.get('/api/v1/placements?due=true', officer);
    const mine = due.body.items.find((p: { id: string }) => p.id === placementId);
    t.ok(mine, 'the placement is on the officer’s due list');
    t.match(mine?.followUps?.[0], { day: 30, state: 'due' }, 'the 30-day follow-up is due');

    const coverage = await stack.api.get(`/api/v1/coverage?village=${VILLAGE}`, officer);
    t.equal(coverage.status, 200);
    t.ok(coverage.body.totals.covered >= 1, 'the village coverage counts them');
    t.notOk(
      coverage.body.notCovered.some((n: { workerId: string }) => n.workerId === workerId),
      'not on the not-covered list',
    );

    // Scope: the officer of another township can neither refer nor see this worker's placement.
    t.equal(
      (await stack.api.post('/api/v1/applications', { openingId: opening.id, workerId }, otherOfficer)).status,
      404,
    );
    t.equal((await stack.api.get(`/api/v1/applications/${applicationId}`, otherOfficer)).status, 404);
    t.equal((await stack.api.get(`/api/v1/placements/${placementId}`, otherOfficer)).status, 404);
    t.equal((await stack.api.get(`/api/v1/workers/${workerId}`, otherOfficer)).status, 404);
  },
);

t.test('two hires racing for the last place: exactly one wins', async (t) => {
  const ids: string[] = [];
  for (const name of ['甲搬迁', '乙搬迁']) {
    const w = await stack.api.post('/api/v1/workers', workerBody(name), officer);
    t.equal(w.status, 201);
    const a = await refer(w.body.id);
    t.equal(a.status, 201, JSON.stringify(a.body));
    await moveTo(a.body.id, ['screening', 'interview', 'offered']);
    ids.push(a.body.id);
  }
  const results = await Promise.all(
    ids.map((id) => stack.api.patch(`/api/v1/applications/${id}`, { status: 'hired' }, employer)),
  );
  t.same(
    results.map((r) => r.status).sort(),
    [200, 409],
    JSON.stringify(results.map((r) => r.body.code ?? r.body.status)),
  );
  t.equal(results.find((r) => r.status === 409)?.body.code, 'OPENING_FULL');
  const full = await eventually('the opening is filled', async () => {
    const o = await stack.api.get(`/api/v1/openings/${opening.id}`, employer);
    return o.body.filledCount === 2 && o.body;
  });
  t.match(full, { filledCount: 2, headcount: 2, status: 'filled' });
  const placements = await stack.api.get(
    `/api/v1/placements?employerId=${(full as { employerId: string }).employerId}`,
    admin,
  );
  t.equal(placements.body.items.length, 2, 'two placements for two places');
});
