import { makeCreditCode, makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, eventually, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';

/**
 * Reserved places of a relocated village through the gateway, with the real producers: an
 * administrator marks the village and sets its quota, an employer publishes an opening, the
 * administrator designates its places for the village, an officer refers a relocated worker of the
 * village, the employer hires them, and the village's place counts as filled.
 */
let stack: Stack;
let admin: string;
let officer: string;
let employer: string;
let employerId: string;

const VILLAGE = '140723100236'; // 义兴镇恋思村
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'placement'] });
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
  const company = await stack.api.post(
    '/api/v1/employers',
    {
      name: '晋中同心食品有限公司',
      creditCode: makeCreditCode(`91140700MA${String(Date.now() % 10_000_000).padStart(7, '0')}`),
      industry: 'manufacturing',
      regionCode: '140702',
      contact: { name: '赵经理', phone: '13935400001' },
    },
    admin,
  );
  if (company.status !== 201) throw new Error(JSON.stringify(company.body));
  employerId = company.body.id;
  await stack.api.post(`/api/v1/employers/${employerId}/verify`, undefined, admin);
  await stack.api.post(
    '/api/v1/accounts',
    { username: 'employer.jinzhong', password: 'employer-pass', role: 'employer', displayName: '晋中同心', employerId },
    admin,
  );
  employer = await stack.login('employer.jinzhong', 'employer-pass');
});
t.teardown(() => stack?.stop());

t.test(
  `an opening designated for a relocated village: a hire fills one of its places (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const marked = await stack.api.request('PUT', `/api/v1/relocated-villages/${VILLAGE}`, {
      token: admin,
      body: { quota: 2, sites: ['义兴镇移民新村'] },
    });
    t.equal(marked.status, 200, JSON.stringify(marked.body));
    t.match(marked.body, { villageName: '恋思村', quota: 2, offered: 0, filled: 0, vacant: 2 });

    const posted = await stack.api.post(
      '/api/v1/openings',
      {
        employerId,
        title: '食品包装工',
        occupationCode: 'mfg.food',
        requiredSkills: [],
        worksiteRegionCode: '140702',
        headcount: 3,
        wageMin: 3800,
        wageMax: 4500,
        benefits: { housing: true, meals: true, socialInsurance: true },
        reservedForPoor: true,
        startDate: daysAgo(-5),
        closingDate: daysAgo(-40),
        status: 'open',
      },
      employer,
    );
    t.equal(posted.status, 201, JSON.stringify(posted.body));
    const openingId = posted.body.id as string;

    // Placement hears of the opening through its event; until then the opening is unknown (404).
    const designated = await eventually('placement knows the opening', async () => {
      const r = await stack.api.post(`/api/v1/relocated-villages/${VILLAGE}/openings`, { openingId, places: 2 }, admin);
      return r.status === 404 ? undefined : r;
    });
    t.equal(designated.status, 200, JSON.stringify(designated.body));
    t.match(designated.body, { offered: 2, filled: 0, openPlaces: 2, openings: [{ openingId, title: '食品包装工' }] });

    const worker = await stack.api.post(
      '/api/v1/workers',
      {
        name: '郝搬迁',
        gender: 'female',
        birthDate: '1990-03-12',
        idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1990-03-12', sequence: 612 }),
        phone: '13935412612',
        homeVillageCode: VILLAGE,
        householdStatus: 'none',
        relocated: true,
        relocation: { resettlementSite: '义兴镇移民新村' },
        skills: [],
        tierPreferences: ['in_province'],
        expectedMinWage: 3500,
        employmentStatus: 'seeking',
        consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
      },
      officer,
    );
    t.equal(worker.status, 201, JSON.stringify(worker.body));

    const referred = await eventually('placement knows the worker', async () => {
      const r = await stack.api.post('/api/v1/applications', { openingId, workerId: worker.body.id }, officer);
      return r.status === 404 ? undefined : r;
    });
    t.equal(referred.status, 201, JSON.stringify(referred.body));
    for (const status of ['screening', 'interview', 'offered']) {
      t.equal((await stack.api.patch(`/api/v1/applications/${referred.body.id}`, { status }, employer)).status, 200);
    }
    const hired = await stack.api.patch(
      `/api/v1/applications/${referred.body.id}`,
      { status: 'hired', startDate: daysAgo(1), agreedWage: 4000 },
      employer,
    );
    t.equal(hired.status, 200, JSON.stringify(hired.body));

    const village = await stack.api.get(`/api/v1/relocated-villages/${VILLAGE}`, officer);
    t.equal(village.status, 200, 'the officer of the village sees its figures');
    t.match(village.body, { quota: 2, offered: 2, filled: 1, vacant: 1, openPlaces: 1 });
    t.match(village.body.openings, [{ openingId, places: 2, filled: 1 }]);

    const dashboard = await stack.api.get('/api/v1/dashboard', admin);
    t.match(dashboard.body.reservedPlaces, { villages: 1, quota: 2, offered: 2, filled: 1, vacant: 1 });
    t.match(dashboard.body.reservedPlaces.byVillage, [{ villageCode: VILLAGE, villageName: '恋思村', filled: 1 }]);

    const low = await stack.api.request('PUT', `/api/v1/relocated-villages/${VILLAGE}`, {
      token: admin,
      body: { quota: 0 },
    });
    t.equal(low.status, 409, 'the quota cannot drop below the place filled');
    t.equal(low.body.errors[0].field, 'quota');
  },
);
