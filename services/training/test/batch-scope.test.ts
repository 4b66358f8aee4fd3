import { describeEnvironment, signedInStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { dayFromToday, registerWorker, weldingCourse } from './fixtures.ts';

const ctx = signedInStack(t, { services: ['worker-profile', 'training'] });

const batchBody = (regionCode: string) => ({
  startDate: dayFromToday(10),
  endDate: dayFromToday(30),
  place: { regionCode, address: '职业培训中心' },
  status: 'open',
});
const count = async (sql: string, args: unknown[] = []): Promise<number> =>
  (await ctx.db.query(`SELECT count(*)::int AS n FROM ${sql}`, args)).rows[0].n;

t.test(`a batch belongs to the township of its place (${describeEnvironment(testEnvironment())})`, async (t) => {
  const course = (await ctx.stack.api.post('/api/v1/courses', weldingCourse(), ctx.officer)).body;
  const batches = await count('training.batches');

  for (const [what, regionCode] of [
    ['another township', '140723100'],
    ['a village of another township', '140723100236'],
    ['the whole county', '140723'],
  ] as const) {
    const r = await ctx.stack.api.post(`/api/v1/courses/${course.id}/batches`, batchBody(regionCode), ctx.otherOfficer);
    t.equal(r.status, 403, `no batch in ${what}: ${JSON.stringify(r.body)}`);
    t.equal(r.body.code, 'TRAINING_BATCH_OUT_OF_SCOPE');
    t.match(r.body.errors, [{ field: 'place/regionCode' }], 'the problem names the field');
  }
  t.equal(await count('training.batches'), batches, 'nothing written');
  t.equal(
    (await ctx.stack.api.post(`/api/v1/courses/${course.id}/batches`, batchBody('140723102201'), ctx.otherOfficer))
      .status,
    201,
    'a batch in a village of their own township',
  );
  t.equal(
    (await ctx.stack.api.post(`/api/v1/courses/${course.id}/batches`, batchBody('140723'), ctx.admin)).status,
    201,
    'administrators schedule county-wide batches',
  );

  const created = await ctx.stack.api.post(`/api/v1/courses/${course.id}/batches`, batchBody('140723100'), ctx.officer);
  t.equal(created.status, 201);
  const batch = created.body;

  // A songyan worker enrolled by their own officer into the yixing batch.
  const worker = await registerWorker(ctx.stack.api, ctx.otherOfficer, ctx.admin, { homeVillageCode: '140723102201' });
  const e = await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId: worker }, ctx.otherOfficer);
  t.equal(e.status, 201, 'officers still enrol their own workers into any batch');

  for (const [what, patch] of [
    ['change the capacity', { capacity: 40 }],
    ['start it', { status: 'running' }],
    ['cancel it', { status: 'cancelled' }],
  ] as const) {
    const r = await ctx.stack.api.patch(`/api/v1/batches/${batch.id}`, patch, ctx.otherOfficer);
    t.equal(r.status, 403, `another township's officer cannot ${what}`);
    t.equal(r.body.code, 'TRAINING_BATCH_OUT_OF_SCOPE');
  }
  const unchanged = (await ctx.stack.api.get(`/api/v1/batches/${batch.id}`, ctx.otherOfficer)).body;
  t.match(unchanged, { status: 'open', capacity: 30, enrolled: 1 }, 'the batch is as it was');
  t.equal(
    (await ctx.stack.api.get(`/api/v1/enrollments/${e.body.id}`, ctx.admin)).body.status,
    'enrolled',
    'nobody dropped',
  );

  // Running the batch's roster is the batch township's work.
  const attending = await ctx.stack.api.patch(
    `/api/v1/enrollments/${e.body.id}`,
    { status: 'attending' },
    ctx.otherOfficer,
  );
  t.equal(attending.status, 403, "the worker's officer does not run another township's batch");
  t.equal(attending.body.code, 'TRAINING_BATCH_OUT_OF_SCOPE');
  const roster = await ctx.stack.api.get(`/api/v1/enrollments?batchId=${batch.id}`, ctx.officer);
  t.same(
    roster.body.items.map((x: { id: string }) => x.id),
    [e.body.id],
    "the batch's officer lists its roster",
  );
  t.equal((await ctx.stack.api.get(`/api/v1/enrollments/${e.body.id}`, ctx.officer)).status, 200);
  const byBatchOfficer = await ctx.stack.api.patch(
    `/api/v1/enrollments/${e.body.id}`,
    { status: 'attending', attendance: { sessionsAttended: 1, sessionsTotal: 20 } },
    ctx.officer,
  );
  t.equal(byBatchOfficer.status, 200, "the batch's officer records attendance");

  t.equal((await ctx.stack.api.patch(`/api/v1/batches/${batch.id}`, { capacity: 40 }, ctx.officer)).body.capacity, 40);
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/enrollments/${e.body.id}`, { status: 'dropped' }, ctx.otherOfficer)).status,
    200,
    "the worker's officer may still take their worker out",
  );
  const cancelled = await ctx.stack.api.patch(`/api/v1/batches/${batch.id}`, { status: 'cancelled' }, ctx.admin);
  t.equal(cancelled.body.status, 'cancelled', 'administrators cancel any batch');
});
