import { heshunPlan, scaleFromEnv } from '../heshun-plan.ts';
import { apportion } from '../heshun-plan.ts';
import { inParallel, listAll } from '../heshun-sheets.ts';
import type { SeedContext } from '../seed-context.ts';

const COURSES = [
  {
    title: '焊工（熔化焊接与热切割）培训班',
    skills: [{ code: 'con.welder', level: 3 }],
    hours: 120,
    subsidyPerTrainee: 1500,
  },
  { title: '低压电工作业培训班', skills: [{ code: 'con.electrician', level: 3 }], hours: 100, subsidyPerTrainee: 1200 },
  { title: '家政服务员培训班', skills: [{ code: 'dom.housekeeper', level: 3 }], hours: 64, subsidyPerTrainee: 800 },
  { title: '中式烹调师培训班', skills: [{ code: 'hos.cook', level: 2 }], hours: 90, subsidyPerTrainee: 1000 },
  { title: '挖掘机驾驶员培训班', skills: [{ code: 'con.excavator', level: 2 }], hours: 160, subsidyPerTrainee: 2000 },
  { title: '电子商务培训班', skills: [{ code: 'dig.ecommerce', level: 2 }], hours: 48, subsidyPerTrainee: 600 },
];
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Training through its service: courses, more than 40 batches over the townships, and more than
 * 2,000 trainees enrolled (each once), taken village by village. Enrolment waits until training
 * has learnt of the worker from the registry's events.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const plan = heshunPlan(scaleFromEnv());
  const call = async (path: string, body: unknown, key: string) => {
    const r = await ctx.api.post(path, body, ctx.admin, { 'idempotency-key': key });
    if (r.status !== 201 && r.status !== 200)
      throw new Error(`seed training: ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { id: string };
  };
  const courseIds: string[] = [];
  for (const [k, c] of COURSES.entries())
    courseIds.push(
      (await call('/api/v1/courses', { ...c, provider: '和顺县职业技术学校', capacity: 60 }, `heshun-course-${k}`)).id,
    );
  const B = plan.figures.trainingBatches;
  const sizes = apportion(plan.figures.trainees, Array(B).fill(1));
  const townships = [...new Set(plan.villages.map((v) => v.townshipCode))];
  const batchIds: string[] = [];
  for (let b = 0; b < B; b++) {
    batchIds.push(
      (
        await call(
          `/api/v1/courses/${courseIds[b % courseIds.length]}/batches`,
          {
            startDate: day(5 + (b % 30)),
            endDate: day(20 + (b % 30)),
            place: { regionCode: townships[b % townships.length], address: '乡镇职业培训教学点' },
            status: 'open',
          },
          `heshun-batch-${b}`,
        )
      ).id,
    );
  }
  // Trainees: the first workers of each village in turn, so that every township sends some.
  const perVillage = await Promise.all(
    plan.villages.map((v) => listAll<{ id: string }>(ctx, `/api/v1/workers?village=${v.code}`)),
  );
  const trainees: string[] = [];
  for (let k = 0; trainees.length < plan.figures.trainees; k++) {
    const before = trainees.length;
    for (const list of perVillage) if (list[k] && trainees.length < plan.figures.trainees) trainees.push(list[k]!.id);
    if (trainees.length === before) throw new Error('seed training: fewer workers than trainees');
  }
  const slots = sizes.flatMap((n, b) => Array.from({ length: n }, () => b));
  let done = 0;
  await inParallel(slots, 4, async (b, t) => {
    const deadline = Date.now() + 60 * 60_000;
    for (;;) {
      const r = await ctx.api.post(`/api/v1/batches/${batchIds[b]}/enrollments`, { workerId: trainees[t] }, ctx.admin, {
        'idempotency-key': `heshun-enrol-${t}`,
      });
      if (r.status === 201 || r.status === 409) break;
      if (r.status !== 404 || r.body?.code !== 'TRAINING_WORKER_UNKNOWN' || Date.now() > deadline)
        throw new Error(`seed training: enrolment ${t}: ${r.status} ${JSON.stringify(r.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    ctx.progress('trainees enrolled', ++done, slots.length);
  });
}
