import { makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, eventually, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { verifiedEmployer, welderOpening } from './support/employer.ts';

/**
 * 不漏一户 by household, through the gateway with the real producers and consumers: households come
 * from the registry (worker-profile), placement hears their numbers on worker events, and a
 * household is reached when one of its members had a service, a contact or a placement in the window.
 */
let stack: Stack;
let admin: string;
let officer: string;
let otherOfficer: string;
let employer: string;

const today = (): string => new Date().toISOString().slice(0, 10);
let seq = 600 + Math.floor(Math.random() * 300);

function workerBody(name: string, homeVillageCode: string, householdNo: string) {
  const s = seq++;
  return {
    name,
    gender: s % 2 ? 'male' : 'female',
    birthDate: '1985-07-11',
    idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1985-07-11', sequence: s }),
    phone: `137${String(10_000_000 + s).slice(0, 8)}`,
    homeVillageCode,
    householdNo,
    householdSize: 4,
    householdStatus: 'registered_poor',
    relocated: false,
    skills: [{ code: 'con.welder', level: 3, years: 5 }],
    tierPreferences: ['out_of_province', 'in_province'],
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
  };
}

async function register(name: string, village: string, householdNo: string, token = officer): Promise<string> {
  const r = await stack.api.post('/api/v1/workers', workerBody(name, village, householdNo), token);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id as string;
}

async function hire(workerId: string): Promise<void> {
  const opening = await welderOpening(stack, employer, 1);
  if (opening.status !== 201) throw new Error(JSON.stringify(opening.body));
  const applied = await eventually('placement knows the worker and the opening', async () => {
    const r = await stack.api.post('/api/v1/applications', { openingId: opening.body.id, workerId }, officer);
    return r.status === 404 ? undefined : r;
  });
  if (applied.status !== 201) throw new Error(JSON.stringify(applied.body));
  for (const status of ['screening', 'interview', 'offered']) {
    await stack.api.patch(`/api/v1/applications/${applied.body.id}`, { status }, employer);
  }
  const hired = await stack.api.patch(
    `/api/v1/applications/${applied.body.id}`,
    { status: 'hired', startDate: today(), agreedWage: 6800 },
    employer,
  );
  if (hired.status !== 200) throw new Error(JSON.stringify(hired.body));
}

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'placement'] });
  [admin, officer, otherOfficer] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
  employer = await verifiedEmployer(stack, admin, {
    name: '苏州同心户户通制造有限公司',
    username: 'employer.households',
    phone: '13951200002',
    creditPrefix: '91320505MB',
  });
});
t.teardown(() => stack?.stop());

t.test(
  `a household is reached when one member is; one not reached is listed with its reason (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    // 恋思村: a household of two, one of whom is placed.
    const placed = await register('郝安置', '140723100236', 'HC-0001');
    await register('郝留守', '140723100236', 'HC-0001');
    // 青背村 (same township): one worker, never contacted.
    const alone = await register('武未访', '140723100201', 'HC-0002');
    // 松烟村 (another township): one worker with a service this week.
    const served = await register('孟服务', '140723102200', 'HC-0003', otherOfficer);
    const service = await stack.api.post(
      `/api/v1/workers/${served}/services`,
      { service: 'information', date: today(), channel: 'phone' },
      otherOfficer,
    );
    t.equal(service.status, 201, JSON.stringify(service.body));
    await hire(placed);

    const county = await eventually('placement has heard of every household and contact', async () => {
      const r = await stack.api.get('/api/v1/coverage/households', admin);
      return r.status === 200 && r.body.totals.target === 3 && r.body.totals.covered === 2 ? r : undefined;
    });
    t.match(county.body.totals, { target: 3, registeredPoor: 3, covered: 2, notCovered: 1 }, 'county level');
    t.same(
      county.body.townships.map((x: { code: string; covered: number; target: number }) => [
        x.code,
        x.covered,
        x.target,
      ]),
      [
        ['140723100', 1, 2],
        ['140723102', 1, 1],
      ],
    );
    t.match(county.body.notReached, [
      { householdNo: 'HC-0002', homeVillageCode: '140723100201', reasons: ['no_recent_contact'] },
    ]);
    t.equal(county.body.notReached.length, 1);
    t.equal(county.body.notReached[0].members[0].workerId, alone);

    const township = await stack.api.get('/api/v1/coverage/households?township=140723100', officer);
    t.equal(township.status, 200);
    t.match(township.body.totals, { target: 2, covered: 1, notCovered: 1 }, 'township level');
    t.match(township.body.notReached, [{ householdNo: 'HC-0002', reasons: ['no_recent_contact'] }]);

    const village = await stack.api.get('/api/v1/coverage/households?village=140723100236', officer);
    t.match(village.body.totals, { target: 1, covered: 1, notCovered: 0 }, 'village level: two members, one placed');
    t.same(village.body.notReached, []);
    const other = await stack.api.get('/api/v1/coverage/households?village=140723100201', officer);
    t.match(other.body.totals, { target: 1, covered: 0 }, 'village level: the household never contacted');

    // Per person, the household of two still shows its member who was not reached: today's answer stands.
    const people = await stack.api.get('/api/v1/coverage?village=140723100236', officer);
    t.equal(people.body.totals.target, 2);
    t.ok(people.body.notCovered.some((w: { name: string }) => w.name === '郝留守'));

    t.equal((await stack.api.get('/api/v1/coverage/households?village=140723100236', otherOfficer)).status, 404);
    const paged = await stack.api.get('/api/v1/coverage/households?limit=1', admin);
    t.equal(paged.body.notReached.length, 1);
    t.notOk(paged.body.nextCursor, 'one household not reached: one page');

    const dashboard = await stack.api.get('/api/v1/dashboard', admin);
    t.equal(dashboard.status, 200);
    t.match(dashboard.body.households, {
      total: 3,
      registeredPoor: 3,
      relocated: 0,
      monitored: 0,
      target: 3,
      reached: 2,
    });
    const mine = await stack.api.get('/api/v1/dashboard', officer);
    t.match(mine.body.households, { total: 2, target: 2, reached: 1 }, 'an officer’s villages only');
  },
);
