import { describeEnvironment, signedInStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { dayFromToday, registerWorker, waitKnown, weldingCourse, workerInput } from './fixtures.ts';

const ctx = signedInStack(t, { services: ['worker-profile', 'training'] });

const count = async (table: string): Promise<number> =>
  (await ctx.db.query(`SELECT count(*)::int AS n FROM training.${table}`)).rows[0].n;
const outboxEvents = async (type: string, subject: string) =>
  (
    await ctx.db.query(`SELECT payload FROM training.outbox WHERE payload->>'type' = $1 AND payload->>'subject' = $2`, [
      type,
      subject,
    ])
  ).rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));

const newBatch = async (courseId: string, overrides: Record<string, unknown> = {}) => {
  const r = await ctx.stack.api.post(
    `/api/v1/courses/${courseId}/batches`,
    {
      startDate: dayFromToday(10),
      endDate: dayFromToday(30),
      place: { regionCode: '140723100', address: '义兴镇职业培训中心' },
      status: 'open',
      ...overrides,
    },
    ctx.officer,
  );
  if (r.status !== 201) throw new Error(`batch: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

t.test(`courses and batches (${describeEnvironment(testEnvironment())})`, async (t) => {
  const created = await ctx.stack.api.post('/api/v1/courses', weldingCourse(), ctx.officer);
  t.equal(created.status, 201, JSON.stringify(created.body));
  t.match(created.body, {
    skills: [{ code: 'con.welder', level: 3, name: '焊工' }],
    certificateName: '特种作业操作证（熔化焊接与热切割作业）',
    capacity: 30,
  });
  const course = created.body;
  t.equal((await ctx.stack.api.get(`/api/v1/courses/${course.id}`, ctx.otherOfficer)).body.title, course.title);
  const bySynonym = await ctx.stack.api.get('/api/v1/courses?skill=电焊工&certificate=true', ctx.officer);
  t.ok(
    bySynonym.body.items.some((c: { id: string }) => c.id === course.id),
    'course found by a skill synonym',
  );
  t.equal((await ctx.stack.api.get('/api/v1/courses?skill=dom.housekeeper', ctx.officer)).body.items.length, 0);
  t.same((await outboxEvents('course.created', course.id))[0]?.data.course.skills, [{ code: 'con.welder', level: 3 }]);

  const batch = await newBatch(course.id, { status: undefined });
  t.match(batch, {
    courseId: course.id,
    status: 'scheduled',
    capacity: 30,
    enrolled: 0,
    placesLeft: 30,
    place: { regionName: '义兴镇' },
  });
  t.equal((await outboxEvents('batch.scheduled', batch.id)).length, 1);
  const past = await newBatch(course.id, { startDate: dayFromToday(-40), endDate: dayFromToday(-20), capacity: 5 });
  const upcoming = await ctx.stack.api.get(`/api/v1/batches?courseId=${course.id}&upcoming=true`, ctx.admin);
  t.same(
    upcoming.body.items.map((b: { id: string }) => b.id),
    [batch.id],
    'only the batch that has not started',
  );

  // Moves: scheduled → open → running → finished; nothing after finished.
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/batches/${batch.id}`, { status: 'finished' }, ctx.officer)).body.code,
    'TRAINING_ILLEGAL_TRANSITION',
  );
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/batches/${batch.id}`, { status: 'open' }, ctx.officer)).body.status,
    'open',
  );
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/batches/${past.id}`, { status: 'running' }, ctx.officer)).body.status,
    'running',
  );
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/batches/${past.id}`, { status: 'finished' }, ctx.officer)).body.status,
    'finished',
  );
  t.equal((await ctx.stack.api.patch(`/api/v1/batches/${past.id}`, { status: 'open' }, ctx.officer)).status, 409);
  t.equal(
    (await ctx.stack.api.get(`/api/v1/batches?status=finished&courseId=${course.id}`, ctx.admin)).body.items.length,
    1,
  );

  // Cursor pagination over courses.
  for (let i = 0; i < 3; i++)
    await ctx.stack.api.post('/api/v1/courses', weldingCourse({ title: `焊工班 ${i}` }), ctx.admin);
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const r = await ctx.stack.api.get(`/api/v1/courses?limit=2${cursor ? `&cursor=${cursor}` : ''}`, ctx.admin);
    for (const c of r.body.items) {
      t.notOk(seen.has(c.id), 'no repeats');
      seen.add(c.id);
    }
    cursor = r.body.nextCursor;
  } while (cursor);
  t.equal(seen.size, await count('courses'));
});

t.test('enrolment: officer enrols, completes with certificate; events follow', async (t) => {
  const course = (await ctx.stack.api.post('/api/v1/courses', weldingCourse(), ctx.officer)).body;
  const batch = await newBatch(course.id);
  const workerId = await registerWorker(ctx.stack.api, ctx.officer, ctx.admin);

  const e = await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId }, ctx.officer);
  t.equal(e.status, 201, JSON.stringify(e.body));
  t.match(e.body, {
    workerId,
    batchId: batch.id,
    courseId: course.id,
    status: 'enrolled',
    homeVillageCode: '140723100236',
    workerName: /.+/,
  });
  const again = await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId }, ctx.admin);
  t.equal(again.status, 409);
  t.equal(again.body.code, 'TRAINING_ALREADY_ENROLLED');
  t.equal((await ctx.stack.api.get(`/api/v1/batches/${batch.id}`, ctx.officer)).body.enrolled, 1);
  t.match((await outboxEvents('enrollment.created', e.body.id))[0]?.data, {
    enrollment: { id: e.body.id, workerId, status: 'enrolled' },
  });

  const id = e.body.id;
  const skip = await ctx.stack.api.patch(
    `/api/v1/enrollments/${id}`,
    { status: 'completed', certificateNo: 'T1407230001' },
    ctx.officer,
  );
  t.equal(skip.body.code, 'TRAINING_ILLEGAL_TRANSITION', 'completed only from attending');
  const attending = await ctx.stack.api.patch(
    `/api/v1/enrollments/${id}`,
    { status: 'attending', attendance: { sessionsAttended: 3, sessionsTotal: 20 } },
    ctx.officer,
  );
  t.match(attending.body, { status: 'attending', attendance: { sessionsAttended: 3, sessionsTotal: 20, percent: 15 } });
  const noCert = await ctx.stack.api.patch(`/api/v1/enrollments/${id}`, { status: 'completed' }, ctx.officer);
  t.equal(noCert.status, 400);
  t.match(noCert.body.errors, [{ field: 'certificateNo' }], 'the course issues a certificate: its number is required');
  const done = await ctx.stack.api.patch(
    `/api/v1/enrollments/${id}`,
    {
      status: 'completed',
      attendance: { sessionsAttended: 19, sessionsTotal: 20 },
      result: '合格',
      score: 86,
      certificateNo: 'T140723000123',
    },
    ctx.officer,
  );
  t.equal(done.status, 200, JSON.stringify(done.body));
  t.match(done.body, {
    status: 'completed',
    certificateNo: 'T140723000123',
    result: '合格',
    score: 86,
    completedAt: /T/,
  });
  const [completed] = await outboxEvents('training.completed', id);
  t.match(completed?.data, {
    enrollmentId: id,
    workerId,
    courseId: course.id,
    batchId: batch.id,
    skills: [{ code: 'con.welder', level: 3 }],
    certificateNo: 'T140723000123',
    certificateName: '特种作业操作证（熔化焊接与热切割作业）',
  });
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/enrollments/${id}`, { status: 'dropped' }, ctx.officer)).status,
    409,
    'nothing after completed',
  );

  // Failing, and a course without a certificate.
  const plain = (
    await ctx.stack.api.post(
      '/api/v1/courses',
      {
        ...weldingCourse(),
        title: '电子商务培训',
        skills: [{ code: 'dig.ecommerce', level: 2 }],
        certificateName: undefined,
      },
      ctx.admin,
    )
  ).body;
  const plainBatch = await newBatch(plain.id);
  const e2 = (await ctx.stack.api.post(`/api/v1/batches/${plainBatch.id}/enrollments`, { workerId }, ctx.officer)).body;
  await ctx.stack.api.patch(`/api/v1/enrollments/${e2.id}`, { status: 'attending' }, ctx.officer);
  const certOnPlain = await ctx.stack.api.patch(
    `/api/v1/enrollments/${e2.id}`,
    { status: 'completed', certificateNo: 'X1' },
    ctx.officer,
  );
  t.match(certOnPlain.body.errors, [{ field: 'certificateNo' }]);
  const failed = await ctx.stack.api.patch(
    `/api/v1/enrollments/${e2.id}`,
    { status: 'failed', result: '不合格' },
    ctx.officer,
  );
  t.equal(failed.body.status, 'failed');
  t.equal((await outboxEvents('training.failed', e2.id)).length, 1);

  const list = await ctx.stack.api.get(`/api/v1/enrollments?workerId=${workerId}`, ctx.officer);
  t.same(
    list.body.items.map((x: { status: string }) => x.status),
    ['completed', 'failed'],
  );
  t.equal(
    (await ctx.stack.api.get(`/api/v1/enrollments?workerId=${workerId}&status=failed`, ctx.officer)).body.items.length,
    1,
  );
});

t.test('a worker enrols themself into an upcoming batch and may drop it', async (t) => {
  const course = (await ctx.stack.api.post('/api/v1/courses', weldingCourse(), ctx.officer)).body;
  const upcoming = await newBatch(course.id);
  const started = await newBatch(course.id, { startDate: dayFromToday(0), endDate: dayFromToday(5) });
  const workerId = await registerWorker(ctx.stack.api, ctx.officer, ctx.admin);
  const other = await registerWorker(ctx.stack.api, ctx.officer, ctx.admin);
  await ctx.stack.api.post(
    '/api/v1/accounts',
    { username: 'worker.wang', password: 'worker-pass-1', role: 'worker', displayName: '王强', workerId },
    ctx.admin,
  );
  const me = await ctx.stack.login('worker.wang', 'worker-pass-1');

  const self = await ctx.stack.api.post(`/api/v1/batches/${upcoming.id}/enrollments`, {}, me);
  t.equal(self.status, 201, JSON.stringify(self.body));
  t.equal(self.body.workerId, workerId);
  t.equal(
    (await ctx.stack.api.post(`/api/v1/batches/${started.id}/enrollments`, {}, me)).body.code,
    'TRAINING_BATCH_NOT_UPCOMING',
  );
  t.equal(
    (await ctx.stack.api.post(`/api/v1/batches/${upcoming.id}/enrollments`, { workerId: other }, me)).status,
    403,
    'not someone else',
  );
  const theirs = (
    await ctx.stack.api.post(`/api/v1/batches/${upcoming.id}/enrollments`, { workerId: other }, ctx.officer)
  ).body;
  t.equal(
    (await ctx.stack.api.get(`/api/v1/enrollments/${theirs.id}`, me)).status,
    404,
    'another worker’s enrolment is invisible',
  );
  t.same(
    (await ctx.stack.api.get('/api/v1/enrollments', me)).body.items.map((x: { workerId: string }) => x.workerId),
    [workerId],
  );
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/enrollments/${self.body.id}`, { status: 'attending' }, me)).status,
    403,
    'only officers move it on',
  );
  const dropped = await ctx.stack.api.patch(`/api/v1/enrollments/${self.body.id}`, { status: 'dropped' }, me);
  t.equal(dropped.body.status, 'dropped');
  t.equal((await ctx.stack.api.get(`/api/v1/batches/${upcoming.id}`, me)).body.enrolled, 1, 'the place is free again');
  t.equal((await outboxEvents('enrollment.dropped', self.body.id)).length, 1);
  t.equal(
    (await ctx.stack.api.post(`/api/v1/batches/${upcoming.id}/enrollments`, {}, me)).status,
    201,
    're-enrolling after a drop is fine',
  );

  // Cancelling the batch drops every open enrolment.
  const cancelled = await ctx.stack.api.patch(`/api/v1/batches/${upcoming.id}`, { status: 'cancelled' }, ctx.admin);
  t.match(cancelled.body, { status: 'cancelled', enrolled: 0 });
  t.same(
    (await ctx.stack.api.get(`/api/v1/enrollments?batchId=${upcoming.id}&status=dropped`, ctx.admin)).body.items.length,
    3,
  );
  t.equal(
    (await ctx.stack.api.post(`/api/v1/batches/${upcoming.id}/enrollments`, { workerId: other }, ctx.officer)).body
      .code,
    'TRAINING_BATCH_NOT_ENROLLING',
  );
});

t.test('scope: officers act only for workers of their villages', async (t) => {
  const course = (await ctx.stack.api.post('/api/v1/courses', weldingCourse(), ctx.admin)).body;
  const batch = await newBatch(course.id);
  const yixing = await registerWorker(ctx.stack.api, ctx.officer, ctx.admin);
  const songyan = await registerWorker(ctx.stack.api, ctx.otherOfficer, ctx.admin, { homeVillageCode: '140723102201' });

  const refused = await ctx.stack.api.post(
    `/api/v1/batches/${batch.id}/enrollments`,
    { workerId: yixing },
    ctx.otherOfficer,
  );
  t.equal(refused.status, 404);
  t.equal(refused.body.code, 'TRAINING_WORKER_UNKNOWN');
  const mine = (await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId: yixing }, ctx.officer))
    .body;
  t.equal(
    (await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId: songyan }, ctx.otherOfficer))
      .status,
    201,
  );
  t.equal((await ctx.stack.api.get(`/api/v1/enrollments/${mine.id}`, ctx.otherOfficer)).status, 404);
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/enrollments/${mine.id}`, { status: 'dropped' }, ctx.otherOfficer)).status,
    404,
  );
  const theirs = await ctx.stack.api.get(`/api/v1/enrollments?batchId=${batch.id}`, ctx.otherOfficer);
  t.same(
    theirs.body.items.map((x: { workerId: string }) => x.workerId),
    [songyan],
    'only their own villages listed',
  );
  t.equal((await ctx.stack.api.get(`/api/v1/insights/skill-gaps?workerId=${yixing}`, ctx.otherOfficer)).status, 404);
  t.equal((await ctx.stack.api.get('/api/v1/insights/skill-gaps?region=140723100', ctx.otherOfficer)).status, 400);

  await ctx.stack.api.post(
    '/api/v1/accounts',
    { username: 'employer.t', password: 'employer-pass', role: 'employer', displayName: '企业' },
    ctx.admin,
  );
  const employer = await ctx.stack.login('employer.t', 'employer-pass');
  t.equal((await ctx.stack.api.post('/api/v1/courses', weldingCourse(), employer)).status, 403);
  t.equal(
    (await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId: yixing }, employer)).status,
    403,
  );
  t.equal((await ctx.stack.api.get('/api/v1/enrollments', employer)).status, 403);
  t.equal((await ctx.stack.api.get('/api/v1/insights/skill-gaps', employer)).status, 403);
  t.equal((await ctx.stack.api.get('/api/v1/courses')).status, 401, 'no token');
});

t.test('bad input gets a 4xx problem naming the field and writes nothing', async (t) => {
  const course = (await ctx.stack.api.post('/api/v1/courses', weldingCourse(), ctx.admin)).body;
  const batch = await newBatch(course.id);
  const workerId = await registerWorker(ctx.stack.api, ctx.officer, ctx.admin);
  const enrolment = (await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId }, ctx.officer))
    .body;
  const before = {
    courses: await count('courses'),
    batches: await count('batches'),
    enrollments: await count('enrollments'),
    outbox: await count('outbox'),
  };

  const check = async (what: string, r: { status: number; headers: Headers; body: any }, field: string) => {
    t.ok(r.status >= 400 && r.status < 500, `${what}: ${r.status}`);
    t.match(r.headers.get('content-type'), /application\/problem\+json/, what);
    if (field)
      t.ok(
        r.body.errors?.some((e: { field: string }) => e.field === field),
        `${what} names ${field}: ${JSON.stringify(r.body.errors ?? r.body)}`,
      );
  };
  const courseCases: [string, Record<string, unknown>, string][] = [
    ['unknown skill', { skills: [{ code: 'con.astronaut', level: 2 }] }, 'skills/0/code'],
    ['level out of range', { skills: [{ code: 'con.welder', level: 6 }] }, 'skills/0/level'],
    ['no skills', { skills: [] }, 'skills'],
    [
      'same skill twice',
      {
        skills: [
          { code: 'con.welder', level: 2 },
          { code: 'con.welder', level: 3 },
        ],
      },
      'skills',
    ],
    ['hours as text', { hours: '120' }, 'hours'],
    ['negative subsidy', { subsidyPerTrainee: -1 }, 'subsidyPerTrainee'],
    ['unknown field', { teacher: '李师傅' }, 'teacher'],
    ['empty title', { title: '' }, 'title'],
  ];
  for (const [what, change, field] of courseCases)
    await check(
      what,
      await ctx.stack.api.post('/api/v1/courses', { ...weldingCourse(), ...change }, ctx.officer),
      field,
    );
  const batchBody = {
    startDate: dayFromToday(5),
    endDate: dayFromToday(9),
    place: { regionCode: '140723100', address: '义兴镇' },
  };
  const batchCases: [string, Record<string, unknown>, string][] = [
    ['ends before it starts', { endDate: dayFromToday(1) }, 'endDate'],
    ['unknown region', { place: { regionCode: '140723999', address: 'x' } }, 'place/regionCode'],
    ['no address', { place: { regionCode: '140723100' } }, 'place/address'],
    ['zero capacity', { capacity: 0 }, 'capacity'],
    ['bad date', { startDate: '2026-02-30' }, 'startDate'],
    ['status finished', { status: 'finished' }, 'status'],
  ];
  for (const [what, change, field] of batchCases)
    await check(
      what,
      await ctx.stack.api.post(`/api/v1/courses/${course.id}/batches`, { ...batchBody, ...change }, ctx.officer),
      field,
    );
  await check(
    'batch of unknown course',
    await ctx.stack.api.post('/api/v1/courses/7b0c3f1e-0000-4000-8000-000000000000/batches', batchBody, ctx.officer),
    '',
  );
  await check(
    'bad status move value',
    await ctx.stack.api.patch(`/api/v1/batches/${batch.id}`, { status: 'done' }, ctx.officer),
    'status',
  );
  await check(
    'capacity under enrolled',
    await ctx.stack.api.patch(`/api/v1/batches/${batch.id}`, { capacity: 0 }, ctx.officer),
    'capacity',
  );
  await check(
    'enrol: bad worker id',
    await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId: 'abc' }, ctx.officer),
    'workerId',
  );
  await check(
    'enrol: no worker',
    await ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, {}, ctx.officer),
    'workerId',
  );
  await check(
    'enrol: unknown worker',
    await ctx.stack.api.post(
      `/api/v1/batches/${batch.id}/enrollments`,
      { workerId: '7b0c3f1e-0000-4000-8000-000000000001' },
      ctx.officer,
    ),
    'workerId',
  );
  await check(
    'enrol: unknown batch',
    await ctx.stack.api.post(
      '/api/v1/batches/7b0c3f1e-0000-4000-8000-000000000002/enrollments',
      { workerId },
      ctx.officer,
    ),
    '',
  );
  const patchCases: [string, Record<string, unknown>, string][] = [
    [
      'attended more than held',
      { attendance: { sessionsAttended: 5, sessionsTotal: 4 } },
      'attendance/sessionsAttended',
    ],
    ['unknown status', { status: 'graduated' }, 'status'],
    ['certificate before completion', { certificateNo: 'T1' }, 'certificateNo'],
    ['score too high', { score: 101 }, 'score'],
    ['empty patch', {}, ''],
  ];
  for (const [what, change, field] of patchCases)
    await check(what, await ctx.stack.api.patch(`/api/v1/enrollments/${enrolment.id}`, change, ctx.officer), field);
  const malformed = await ctx.stack.api.request('POST', '/api/v1/courses', {
    token: ctx.officer,
    raw: '{"title": ',
    headers: { 'content-type': 'application/json' },
  });
  t.equal(malformed.status, 400);
  await check('bad cursor', await ctx.stack.api.get('/api/v1/courses?cursor=!!!', ctx.officer), 'cursor');
  await check('bad query flag', await ctx.stack.api.get('/api/v1/batches?upcoming=maybe', ctx.officer), 'upcoming');
  await check('bad id', await ctx.stack.api.get('/api/v1/enrollments/not-a-uuid', ctx.officer), '');

  t.same(
    {
      courses: await count('courses'),
      batches: await count('batches'),
      enrollments: await count('enrollments'),
      outbox: await count('outbox'),
    },
    before,
    'nothing written',
  );
  t.equal((await ctx.stack.api.get(`/api/v1/enrollments/${enrolment.id}`, ctx.officer)).body.status, 'enrolled');
});

t.test('capacity holds under concurrency: 50 enrolments for 30 places', async (t) => {
  const course = (await ctx.stack.api.post('/api/v1/courses', weldingCourse(), ctx.admin)).body;
  const batch = await newBatch(course.id, { capacity: 30 });
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const r = await ctx.stack.api.post('/api/v1/workers', workerInput(), ctx.officer);
    t.equal(r.status, 201);
    ids.push(r.body.id);
  }
  for (const id of ids) await waitKnown(ctx.stack.api, ctx.admin, id);

  const results = await Promise.all(
    ids.map((workerId) => ctx.stack.api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId }, ctx.officer)),
  );
  const created = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status === 409);
  t.equal(created.length, 30, 'exactly 30 enrolled');
  t.equal(refused.length, 20, 'exactly 20 refused');
  t.ok(
    refused.every((r) => r.body.code === 'TRAINING_BATCH_FULL'),
    'with a stable code',
  );
  t.match((await ctx.stack.api.get(`/api/v1/batches/${batch.id}`, ctx.admin)).body, { enrolled: 30, placesLeft: 0 });
  const rows = await ctx.db.query(`SELECT count(*)::int AS n FROM training.enrollments WHERE batch_id = $1`, [
    batch.id,
  ]);
  t.equal(rows.rows[0].n, 30);

  // One worker, ten simultaneous tries at one batch: one open enrolment.
  const other = await newBatch(course.id, { capacity: 30 });
  const same = await Promise.all(
    Array.from({ length: 10 }, () =>
      ctx.stack.api.post(`/api/v1/batches/${other.id}/enrollments`, { workerId: ids[0] }, ctx.officer),
    ),
  );
  t.equal(same.filter((r) => r.status === 201).length, 1, 'one enrolment');
  t.ok(
    same.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'TRAINING_ALREADY_ENROLLED'),
  );
  t.equal((await ctx.stack.api.get(`/api/v1/batches/${other.id}`, ctx.admin)).body.enrolled, 1, 'one place taken');
});
