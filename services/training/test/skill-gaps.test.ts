import { makeCreditCode } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { dayFromToday, eventually, registerWorker, weldingCourse } from './fixtures.ts';

let stack: Stack;
let admin: string;
let officer: string;
let otherOfficer: string;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'training'] });
  [admin, officer, otherOfficer] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
});
t.teardown(() => stack.stop());

const opening = (
  employerId: string,
  title: string,
  code: string,
  worksiteRegionCode: string,
  headcount: number,
  certificateRequired: boolean,
) => ({
  employerId,
  title,
  occupationCode: code,
  requiredSkills: [{ code, minLevel: 2, certificateRequired }],
  worksiteRegionCode,
  headcount,
  wageMin: 4000,
  wageMax: 7000,
  status: 'open',
});

t.test(`skill gaps of the county and of one worker (${describeEnvironment(testEnvironment())})`, async (t) => {
  const employer = await stack.api.post(
    '/api/v1/employers',
    {
      name: '苏州建工有限公司',
      creditCode: makeCreditCode('91320505MA0ABCD1X'),
      industry: 'construction',
      regionCode: '320505',
    },
    admin,
  );
  t.equal(employer.status, 201, 'employer registered');
  t.equal((await stack.api.post(`/api/v1/employers/${employer.body.id}/verify`, {}, admin)).status, 200);
  const eid = employer.body.id;
  const openings = [
    opening(eid, '电焊工', 'con.welder', '320505', 20, true),
    opening(eid, '电工', 'con.electrician', '140723', 5, true),
    opening(eid, '家政服务员', 'dom.housekeeper', '140105', 10, false),
  ];
  const ids: string[] = [];
  for (const o of openings) {
    const r = await stack.api.post('/api/v1/openings', o, admin);
    t.equal(r.status, 201, `opening ${o.title}`);
    ids.push(r.body.id);
  }
  const [welding, electrician, housekeeping] = await Promise.all(
    [
      weldingCourse(),
      weldingCourse({
        title: '低压电工培训班',
        skills: [{ code: 'con.electrician', level: 3 }],
        certificateName: '特种作业操作证（低压电工作业）',
      }),
      {
        ...weldingCourse({ title: '家政服务员培训', skills: [{ code: 'dom.housekeeper', level: 2 }], hours: 56 }),
        certificateName: undefined,
      },
    ].map(async (c) => (await stack.api.post('/api/v1/courses', c, admin)).body),
  );
  const batch = (
    await stack.api.post(
      `/api/v1/courses/${welding.id}/batches`,
      {
        startDate: dayFromToday(7),
        endDate: dayFromToday(37),
        place: { regionCode: '140723100', address: '义兴镇职业培训中心' },
        capacity: 25,
        status: 'open',
      },
      admin,
    )
  ).body;

  const uncertified = await registerWorker(stack.api, officer, admin, {
    skills: [{ code: 'con.welder', level: 3, years: 4 }],
  });
  await registerWorker(stack.api, officer, admin, {
    skills: [{ code: 'con.welder', level: 3, years: 8, certificateNo: 'T140723000777' }],
  });
  const homebound = await registerWorker(stack.api, officer, admin, { tierPreferences: ['in_county'] });
  await registerWorker(stack.api, otherOfficer, admin, { homeVillageCode: '140723102201' });
  await registerWorker(stack.api, officer, admin, { employmentStatus: 'employed' });

  const gaps = await eventually('training to learn of the openings', async () => {
    const r = await stack.api.get('/api/v1/insights/skill-gaps', officer);
    return r.status === 200 && r.body.openings === 3 ? r.body : undefined;
  });
  t.equal(gaps.seekingWorkers, 3, 'seeking workers of the officer’s villages only');
  t.same(
    gaps.items.map((i: { code: string }) => i.code),
    ['con.welder', 'dom.housekeeper', 'con.electrician'],
    'largest uncovered gap first',
  );
  t.match(gaps.items[0], {
    code: 'con.welder',
    name: '焊工',
    openings: 1,
    places: 20,
    certificateRequired: true,
    workersQualified: 1,
    workersShort: 2,
    placesUncovered: 19,
    courses: [
      {
        id: welding.id,
        level: 3,
        certificateName: welding.certificateName,
        upcomingBatches: [{ id: batch.id, placesLeft: 25 }],
      },
    ],
  });
  t.match(gaps.items[1], {
    code: 'dom.housekeeper',
    places: 10,
    workersQualified: 0,
    courses: [{ id: housekeeping.id }],
  });
  t.equal(
    (await stack.api.get('/api/v1/insights/skill-gaps', admin)).body.seekingWorkers,
    4,
    'the administrator counts the county',
  );
  t.equal((await stack.api.get('/api/v1/insights/skill-gaps?region=140723102', otherOfficer)).body.seekingWorkers, 1);

  // One worker: the welding certificate opens the out-of-province welding job; each course one opening.
  const advice = (await stack.api.get(`/api/v1/insights/skill-gaps?workerId=${uncertified}`, officer)).body;
  t.equal(advice.currentMatches, 0);
  t.same(
    advice.items.map((i: { course: { id: string } }) => i.course.id),
    [welding.id, housekeeping.id, electrician.id],
    'most places first',
  );
  t.match(advice.items[0], {
    additionalMatches: 1,
    additionalPlaces: 20,
    openings: [{ id: ids[0], tier: 'out_of_province' }],
  });
  // A worker who only accepts work in the county: only the electrician course helps.
  const home = (await stack.api.get(`/api/v1/insights/skill-gaps?workerId=${homebound}`, officer)).body;
  t.same(
    home.items.map((i: { course: { id: string } }) => i.course.id),
    [electrician.id],
    'tier preferences respected',
  );

  // A filled-up or closed opening leaves the view.
  t.equal((await stack.api.patch(`/api/v1/openings/${ids[0]}`, { status: 'closed' }, admin)).status, 200);
  await eventually('the closed opening to leave the view', async () => {
    const r = await stack.api.get('/api/v1/insights/skill-gaps', officer);
    return r.body.openings === 2 ? true : undefined;
  });
});
