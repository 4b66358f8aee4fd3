import type { ApiResponse } from '@tongxin/test-harness';
import type { SeedContext } from '../seed-context.ts';

interface CourseSeed {
  key: string;
  title: string;
  skills: { code: string; level: number }[];
  certificateName?: string;
  provider: string;
  hours: number;
  subsidyPerTrainee: number;
  capacity: number;
}

const SCHOOL = '和顺县职业技术学校';
const COURSES: CourseSeed[] = [
  {
    key: 'welding',
    title: '焊工（熔化焊接与热切割）特种作业培训班',
    skills: [{ code: 'con.welder', level: 3 }],
    certificateName: '特种作业操作证（熔化焊接与热切割作业）',
    provider: SCHOOL,
    hours: 120,
    subsidyPerTrainee: 1500,
    capacity: 30,
  },
  {
    key: 'electrician',
    title: '低压电工作业培训班',
    skills: [{ code: 'con.electrician', level: 3 }],
    certificateName: '特种作业操作证（低压电工作业）',
    provider: SCHOOL,
    hours: 100,
    subsidyPerTrainee: 1200,
    capacity: 30,
  },
  {
    key: 'excavator',
    title: '挖掘机驾驶员培训班',
    skills: [
      { code: 'con.excavator', level: 2 },
      { code: 'tra.loader', level: 1 },
    ],
    certificateName: '职业技能等级证书（挖掘机驾驶员·五级）',
    provider: '晋中市工程机械培训中心',
    hours: 160,
    subsidyPerTrainee: 2000,
    capacity: 20,
  },
  {
    key: 'housekeeping',
    title: '家政服务员培训班',
    skills: [
      { code: 'dom.housekeeper', level: 3 },
      { code: 'dom.cleaner', level: 2 },
    ],
    certificateName: '职业技能等级证书（家政服务员·五级）',
    provider: '和顺县妇联家政培训基地',
    hours: 64,
    subsidyPerTrainee: 800,
    capacity: 40,
  },
  {
    key: 'elder-care',
    title: '养老护理员培训班',
    skills: [{ code: 'dom.elder_care', level: 3 }],
    certificateName: '职业技能等级证书（养老护理员·五级）',
    provider: '和顺县妇联家政培训基地',
    hours: 80,
    subsidyPerTrainee: 1000,
    capacity: 30,
  },
  {
    key: 'ecommerce',
    title: '电子商务与直播带货培训班',
    skills: [
      { code: 'dig.ecommerce', level: 2 },
      { code: 'dig.livestream', level: 1 },
    ],
    provider: '和顺县电子商务公共服务中心',
    hours: 48,
    subsidyPerTrainee: 600,
    capacity: 40,
  },
  {
    key: 'cooking',
    title: '中式烹调师培训班',
    skills: [
      { code: 'hos.cook', level: 3 },
      { code: 'hos.kitchen_helper', level: 2 },
    ],
    certificateName: '职业技能等级证书（中式烹调师·五级）',
    provider: SCHOOL,
    hours: 120,
    subsidyPerTrainee: 1200,
    capacity: 25,
  },
  {
    key: 'forklift',
    title: '叉车司机培训班',
    skills: [{ code: 'tra.forklift', level: 2 }],
    certificateName: '特种设备作业人员证（N1叉车）',
    provider: '晋中市工程机械培训中心',
    hours: 56,
    subsidyPerTrainee: 900,
    capacity: 20,
  },
];

type Phase = 'finished' | 'running' | 'upcoming';
interface BatchSeed {
  course: string;
  phase: Phase;
  /** Start and end, in days from today. */
  days: [number, number];
  regionCode: string;
  address: string;
  /** How many seeded workers to enrol. */
  trainees: number;
}

const BATCHES: BatchSeed[] = [
  {
    course: 'welding',
    phase: 'finished',
    days: [-120, -90],
    regionCode: '140723',
    address: '和顺县职业技术学校实训楼',
    trainees: 8,
  },
  {
    course: 'electrician',
    phase: 'finished',
    days: [-60, -45],
    regionCode: '140723',
    address: '和顺县职业技术学校实训楼',
    trainees: 5,
  },
  {
    course: 'housekeeping',
    phase: 'finished',
    days: [-75, -66],
    regionCode: '140723100',
    address: '义兴镇便民服务中心二楼',
    trainees: 6,
  },
  {
    course: 'welding',
    phase: 'running',
    days: [-10, 20],
    regionCode: '140723102',
    address: '松烟镇综合文化站',
    trainees: 10,
  },
  {
    course: 'welding',
    phase: 'upcoming',
    days: [14, 44],
    regionCode: '140723100',
    address: '义兴镇职业培训中心',
    trainees: 4,
  },
  {
    course: 'electrician',
    phase: 'upcoming',
    days: [21, 36],
    regionCode: '140723',
    address: '和顺县职业技术学校实训楼',
    trainees: 3,
  },
  {
    course: 'excavator',
    phase: 'upcoming',
    days: [30, 70],
    regionCode: '140723',
    address: '晋中市工程机械培训中心和顺教学点',
    trainees: 2,
  },
  {
    course: 'housekeeping',
    phase: 'upcoming',
    days: [10, 19],
    regionCode: '140723102',
    address: '松烟镇综合文化站',
    trainees: 3,
  },
  {
    course: 'elder-care',
    phase: 'upcoming',
    days: [18, 30],
    regionCode: '140723',
    address: '和顺县社会福利中心',
    trainees: 2,
  },
  {
    course: 'ecommerce',
    phase: 'upcoming',
    days: [7, 13],
    regionCode: '140723',
    address: '和顺县电子商务公共服务中心',
    trainees: 4,
  },
  {
    course: 'cooking',
    phase: 'upcoming',
    days: [25, 55],
    regionCode: '140723100',
    address: '义兴镇职业培训中心',
    trainees: 0,
  },
  {
    course: 'forklift',
    phase: 'upcoming',
    days: [12, 22],
    regionCode: '140723',
    address: '晋中市工程机械培训中心和顺教学点',
    trainees: 0,
  },
];

const day = (offset: number): string =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The training catalogue of the demo county: eight courses on taxonomy codes, twelve batches
 * (three finished, one running, the rest upcoming), seeded workers enrolled and, in the finished
 * batches, most completed with their certificates — so worker-profile raises their skills.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const call = async (
    method: string,
    path: string,
    body: unknown,
    key?: string,
    ok = [200, 201],
  ): Promise<ApiResponse> => {
    const r = await ctx.api.request(method, path, {
      token: ctx.admin,
      body,
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
    if (!ok.includes(r.status))
      throw new Error(`seed training: ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };

  const courseIds: Record<string, string> = {};
  for (const [i, c] of COURSES.entries()) {
    const { key, ...body } = c;
    courseIds[key] = (await call('POST', '/api/v1/courses', body, `seed-course-${key}`)).body.id;
    ctx.progress('training courses', i + 1, COURSES.length);
  }

  const workerIds = ((ctx.state.workerIds as (string | undefined)[] | undefined) ?? []).filter((w): w is string =>
    Boolean(w),
  );
  let nextWorker = 0;
  const batchIds: string[] = [];
  let certificates = 0;
  for (const [i, b] of BATCHES.entries()) {
    const batch = (
      await call(
        'POST',
        `/api/v1/courses/${courseIds[b.course]}/batches`,
        {
          startDate: day(b.days[0]),
          endDate: day(b.days[1]),
          place: { regionCode: b.regionCode, address: b.address },
          status: 'open',
        },
        `seed-batch-${i}`,
      )
    ).body;
    batchIds.push(batch.id);

    const enrolled: string[] = [];
    for (let n = 0; n < b.trainees && workerIds.length > 0; n++) {
      const workerId = workerIds[nextWorker++ % workerIds.length]!;
      const e = await enrolWhenKnown(ctx, batch.id, workerId, `seed-enrol-${i}-${n}`);
      if (e) enrolled.push(e);
    }
    if (b.phase !== 'upcoming') {
      await call('PATCH', `/api/v1/batches/${batch.id}`, { status: 'running' }, undefined, [200, 409]);
      for (const id of enrolled) {
        await call(
          'PATCH',
          `/api/v1/enrollments/${id}`,
          { status: 'attending', attendance: { sessionsAttended: b.phase === 'running' ? 6 : 2, sessionsTotal: 20 } },
          undefined,
          [200, 409],
        );
      }
    }
    if (b.phase === 'finished') {
      for (const [n, id] of enrolled.entries()) {
        // Most pass; in the larger batches one fails and one drops out, as in real classes.
        const outcome =
          enrolled.length >= 6 && n === enrolled.length - 1
            ? 'dropped'
            : enrolled.length >= 6 && n === enrolled.length - 2
              ? 'failed'
              : 'completed';
        const course = COURSES.find((c) => c.key === b.course)!;
        const patch =
          outcome === 'completed'
            ? {
                status: 'completed',
                attendance: { sessionsAttended: 18 + (n % 3), sessionsTotal: 20 },
                result: '合格',
                score: 72 + ((n * 7) % 25),
                ...(course.certificateName
                  ? { certificateNo: `T140723${day(b.days[1]).slice(0, 4)}${String(++certificates).padStart(5, '0')}` }
                  : {}),
              }
            : outcome === 'failed'
              ? {
                  status: 'failed',
                  attendance: { sessionsAttended: 12, sessionsTotal: 20 },
                  result: '不合格',
                  score: 48,
                }
              : { status: 'dropped', note: '外出务工，中途退出' };
        await call('PATCH', `/api/v1/enrollments/${id}`, patch, undefined, [200, 409]);
      }
      await call('PATCH', `/api/v1/batches/${batch.id}`, { status: 'finished' }, undefined, [200, 409]);
    }
    ctx.progress('training batches', i + 1, BATCHES.length);
  }
  ctx.state.courseIds = courseIds;
  ctx.state.batchIds = batchIds;
}

/**
 * Enrols a worker once training has consumed their registration (the events may still be
 * arriving right after the workers step); gives up on that worker after 30 s.
 */
async function enrolWhenKnown(
  ctx: SeedContext,
  batchId: string,
  workerId: string,
  key: string,
): Promise<string | undefined> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await ctx.api.request('POST', `/api/v1/batches/${batchId}/enrollments`, {
      token: ctx.admin,
      body: { workerId },
      headers: { 'idempotency-key': key },
    });
    if (r.status === 201) return r.body.id as string;
    if (r.status === 409) return undefined;
    if (r.status !== 404 || r.body?.code !== 'TRAINING_WORKER_UNKNOWN' || Date.now() > deadline) {
      throw new Error(`seed training: enrolment of ${workerId}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
