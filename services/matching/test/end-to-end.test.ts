import { makeCreditCode, makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { eventually } from './bus.ts';

/**
 * Through the gateway with the real producers: a worker registered in worker-profile, an
 * employer and its opening created and verified in employer, and the match seen in matching.
 */
let stack: Stack;
let admin: string;
let officer: string;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'matching'] });
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
});
t.teardown(() => stack?.stop());

const day = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

t.test(
  `an opening created through the API reaches the worker's matches (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const seq = 2 * Math.floor(Math.random() * 450) + 51; // odd: a man, as the ID number says
    const w = await stack.api.post(
      '/api/v1/workers',
      {
        name: '张焊工',
        gender: 'male',
        birthDate: '1988-03-14',
        idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1988-03-14', sequence: seq }),
        phone: '13800000123',
        homeVillageCode: '140723100236',
        currentRegionCode: '140723',
        householdStatus: 'registered_poor',
        relocated: false,
        skills: [{ code: 'con.welder', level: 3, years: 6, certificateNo: 'T140723001' }],
        tierPreferences: ['in_county'],
        expectedMinWage: 5000,
        employmentStatus: 'seeking',
        consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
      },
      officer,
    );
    t.equal(w.status, 201, JSON.stringify(w.body));
    const e = await stack.api.post(
      '/api/v1/employers',
      {
        name: '和顺县同心钢构有限公司',
        creditCode: makeCreditCode(`91140723MA${String(1_000_000 + seq).slice(-7)}`),
        industry: 'construction',
        regionCode: '140723100',
        address: '义兴镇新建街 8 号',
        contact: { name: '王经理', phone: '13935400001' },
      },
      admin,
    );
    t.equal(e.status, 201, JSON.stringify(e.body));
    t.equal((await stack.api.post(`/api/v1/employers/${e.body.id}/verify`, undefined, admin)).status, 200);
    const o = await stack.api.post(
      '/api/v1/openings',
      {
        employerId: e.body.id,
        title: '电焊工',
        occupationCode: 'con.welder',
        requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: true }],
        worksiteRegionCode: '140723100236',
        headcount: 2,
        wageMin: 6000,
        wageMax: 8000,
        benefits: { housing: true, meals: true, socialInsurance: true },
        startDate: day(10),
        closingDate: day(40),
        reservedForPoor: false,
        status: 'open',
      },
      admin,
    );
    t.equal(o.status, 201, JSON.stringify(o.body));
    t.equal(o.body.tier, 'in_county');

    const match = await eventually(async () => {
      const r = await stack.api.get(`/api/v1/workers/${w.body.id}/matches`, officer);
      return r.status === 200 ? r.body.items.find((i: { openingId: string }) => i.openingId === o.body.id) : undefined;
    }, 'the opening in the worker matches');
    t.match(match, {
      explanation: {
        fit: true,
        matchedSkills: ['con.welder'],
        tier: 'in_county',
        tierRank: 1,
        wageFit: 'above_expectation',
        priority: ['registered_poor'],
      },
    });
    const candidates = await stack.api.get(`/api/v1/openings/${o.body.id}/candidates`, admin);
    t.equal(candidates.body.items[0]?.workerId, w.body.id, 'the worker is the first candidate');
    const found = await eventually(async () => {
      const r = await stack.api.get(`/api/v1/search/openings?q=${encodeURIComponent('电焊')}&tier=in_county`);
      return r.body.items?.some((i: { id: string }) => i.id === o.body.id) ? r.body : undefined;
    }, 'the opening in search');
    t.ok(found.facets.tier.in_county >= 1);

    // Paused through the API: gone from matches and search.
    const paused = await stack.api.patch(`/api/v1/openings/${o.body.id}`, { status: 'paused' }, admin);
    t.equal(paused.status, 200, JSON.stringify(paused.body));
    await eventually(async () => {
      const r = await stack.api.get(`/api/v1/workers/${w.body.id}/matches`, officer);
      return !r.body.items.some((i: { openingId: string }) => i.openingId === o.body.id);
    }, 'paused opening gone');
    await eventually(async () => {
      const r = await stack.api.get(`/api/v1/search/openings?q=${encodeURIComponent('电焊')}`);
      return !r.body.items.some((i: { id: string }) => i.id === o.body.id);
    }, 'paused opening not searchable');
  },
);
