import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '@tongxin/events';
import { type Stack, type StackBus, stackBus, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { dayFromToday, eventually, weldingCourse } from './fixtures.ts';

/** Issue 15: a scheduled batch is recommended to the workers whose matches lack what it teaches. */
let stack: Stack;
let bus: StackBus;
let admin: string;
const heard: CloudEvent[] = [];

t.before(async () => {
  stack = await startStack({ services: ['training'] });
  bus = await stackBus(stack.settings, 'training-recommend-test');
  await bus.bus.subscribe({
    groupId: 'batch-recommended-test',
    topics: ['tongxin.training'],
    fromBeginning: true,
    handler: async (event) => {
      heard.push(event);
    },
  });
  admin = await stack.login('admin');
});
t.teardown(async () => {
  await bus?.close();
  await stack?.stop();
});

const now = () => new Date().toISOString();
const worker = (skills: { code: string; level: number; certificateNo?: string }[], overrides = {}) => ({
  id: randomUUID(),
  name: '王小二',
  gender: 'male',
  birthYear: 1990,
  homeVillageCode: '140723100236',
  townshipCode: '140723100',
  householdStatus: 'none',
  relocated: false,
  skills,
  tierPreferences: ['in_county', 'out_of_province'],
  employmentStatus: 'seeking',
  unionMember: false,
  version: 1,
  updatedAt: now(),
  ...overrides,
});
const opening = (code: string, certificateRequired: boolean, tier = 'out_of_province') => ({
  id: randomUUID(),
  employerId: randomUUID(),
  employerName: '苏州测试电子有限公司',
  employerVerified: true,
  title: '电焊工',
  occupationCode: code,
  category: 'construction',
  requiredSkills: [{ code, minLevel: 2, certificateRequired }],
  worksiteRegionCode: '320505',
  tier,
  headcount: 5,
  filledCount: 0,
  wageMin: 6000,
  wageMax: 8000,
  benefits: { housing: true, meals: true, socialInsurance: true },
  status: 'open',
  reservedForPoor: false,
  version: 1,
  updatedAt: now(),
});

t.test('the workers a welding batch would turn into fits hear of it', async (t) => {
  const uncertified = worker([{ code: 'con.welder', level: 3 }]);
  const beginner = worker([]);
  const certified = worker([{ code: 'con.welder', level: 3, certificateNo: 'T-1' }]);
  const homebody = worker([], { tierPreferences: ['in_county'] });
  const employed = worker([], { employmentStatus: 'employed' });
  const welding = opening('con.welder', true);
  const cooking = opening('hos.cook', false);
  for (const w of [uncertified, beginner, certified, homebody, employed]) {
    await bus.emit('worker.registered', '/tongxin/worker-profile', w.id, { worker: w });
  }
  for (const o of [welding, cooking]) {
    await bus.emit('opening.published', '/tongxin/employer', o.id, { opening: o });
  }
  const db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
  try {
    await eventually('read models', async () => {
      const r = await db.query(
        `SELECT (SELECT count(*) FROM training.workers)::int + (SELECT count(*) FROM training.openings)::int AS n`,
      );
      return r.rows[0].n === 7;
    });
  } finally {
    await db.end();
  }

  const course = (await stack.api.post('/api/v1/courses', weldingCourse(), admin)).body as { id: string };
  const created = await stack.api.post(
    `/api/v1/courses/${course.id}/batches`,
    {
      startDate: dayFromToday(7),
      endDate: dayFromToday(37),
      place: { regionCode: '140723100', address: '义兴镇职业培训中心' },
      capacity: 25,
    },
    admin,
  );
  t.equal(created.status, 201, JSON.stringify(created.body));
  const batchId = created.body.id as string;
  const e = await eventually('batch.recommended on the bus', async () =>
    heard.find((x) => x.type === 'batch.recommended' && x.subject === batchId),
  );
  const data = e.data as { batchId: string; courseId: string; workerIds: string[]; skills: string[] };
  t.match(data, { batchId, courseId: course.id, skills: ['con.welder'] });
  t.same(data.workerIds, [uncertified.id, beginner.id].sort(), 'those the course makes fit, no one else');

  // A course nobody's matches lack: scheduled, and recommended to no one.
  const cooks = (
    await stack.api.post(
      '/api/v1/courses',
      weldingCourse({ title: '中式烹调师', skills: [{ code: 'hos.pastry', level: 2 }] }),
      admin,
    )
  ).body as { id: string };
  const quiet = await stack.api.post(
    `/api/v1/courses/${cooks.id}/batches`,
    {
      startDate: dayFromToday(7),
      endDate: dayFromToday(20),
      place: { regionCode: '140723100', address: '义兴镇职业培训中心' },
    },
    admin,
  );
  t.equal(quiet.status, 201, JSON.stringify(quiet.body));
  await eventually('its batch.scheduled', async () =>
    heard.find((x) => x.type === 'batch.scheduled' && x.subject === quiet.body.id),
  );
  t.notOk(heard.some((x) => x.type === 'batch.recommended' && x.subject === quiet.body.id));
});
