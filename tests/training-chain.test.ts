import { randomUUID } from 'node:crypto';
import { makeCreditCode, makeIdNumber } from '@tongxin/cn-codes';
import { type CloudEvent, type EventBus, createEvent, topicForEventType } from '@tongxin/events';
import {
  type Stack,
  type StackBus,
  describeEnvironment,
  eventually,
  stackBus,
  startStack,
  testEnvironment,
} from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';

/*
 * The training chain across four services, through the gateway: a worker who welds but holds no
 * certificate is only "needs certificate" for a welding opening; they complete a welding course
 * with the certificate (training → training.completed), worker-profile raises the skill with the
 * certificate and records a training service, matching re-ranks and the opening becomes a fit.
 * A redelivered training.completed then changes nothing.
 */

let stack: Stack;
let db: pg.Client;
let bus: EventBus;
let producer: StackBus;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'matching', 'training'] });
  db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
  // A producer on the stack's own bus, built as the services build theirs.
  producer = await stackBus(stack.settings, 'training-chain-test');
  bus = producer.bus;
});
t.teardown(async () => {
  await producer.close();
  await db.end();
  await stack.stop();
});

const today = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

const publish = (event: CloudEvent, key = event.subject) =>
  bus.publish([{ topic: topicForEventType(event.type), key, event }]);

let seq = 500;
const worker = (overrides: Record<string, unknown>) => {
  const s = seq++;
  return {
    name: s % 2 ? '李建军' : '王秀英',
    gender: s % 2 ? 'male' : 'female',
    birthDate: '1986-07-01',
    idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1986-07-01', sequence: s }),
    phone: `137${String(10_000_000 + s).slice(0, 8)}`,
    homeVillageCode: '140723100236',
    householdStatus: 'registered_poor',
    relocated: true,
    tierPreferences: ['in_province', 'out_of_province', 'in_county'],
    expectedMinWage: 5000,
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
    ...overrides,
  };
};

t.test(
  `a certificate course turns "needs certificate" into a fit (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
    const { api } = stack;

    // The opening: a welder with the special-operations certificate, in the province.
    const employer = (
      await api.post(
        '/api/v1/employers',
        {
          name: '太原钢结构工程有限公司',
          creditCode: makeCreditCode('91140105MA0ABCD2X'),
          industry: 'construction',
          regionCode: '140105',
        },
        admin,
      )
    ).body;
    t.equal((await api.post(`/api/v1/employers/${employer.id}/verify`, {}, admin)).status, 200, 'employer verified');
    const opening = await api.post(
      '/api/v1/openings',
      {
        employerId: employer.id,
        title: '电焊工',
        occupationCode: 'con.welder',
        requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: true }],
        worksiteRegionCode: '140105',
        headcount: 10,
        wageMin: 6000,
        wageMax: 8000,
        status: 'open',
      },
      admin,
    );
    t.equal(opening.status, 201, 'opening published');
    const openingId = opening.body.id as string;

    // The course and an upcoming batch, so matching can point at them.
    const course = (
      await api.post(
        '/api/v1/courses',
        {
          title: '焊工特种作业培训班',
          skills: [{ code: 'con.welder', level: 3 }],
          certificateName: '特种作业操作证（熔化焊接与热切割作业）',
          provider: '和顺县职业技术学校',
          hours: 120,
          subsidyPerTrainee: 1500,
          capacity: 30,
        },
        officer,
      )
    ).body;
    const batch = (
      await api.post(
        `/api/v1/courses/${course.id}/batches`,
        {
          startDate: today(7),
          endDate: today(37),
          place: { regionCode: '140723100', address: '义兴镇职业培训中心' },
          status: 'open',
        },
        officer,
      )
    ).body;
    t.ok(batch.id, 'batch scheduled');

    // A welder without a certificate; and a second worker used to observe the bus later.
    const welder = (
      await api.post('/api/v1/workers', worker({ skills: [{ code: 'con.welder', level: 2, years: 3 }] }), officer)
    ).body.id as string;
    const witness = (
      await api.post('/api/v1/workers', worker({ skills: [{ code: 'dom.cleaner', level: 1 }] }), officer)
    ).body.id as string;

    const before = await eventually('the opening flagged needs-certificate', async () => {
      const r = await api.get(`/api/v1/workers/${welder}/matches?limit=20`, officer);
      const m = r.body.items?.find((i: { openingId: string }) => i.openingId === openingId);
      return m && m.explanation.certificateCourses?.length ? m : undefined;
    });
    t.equal(before.explanation.fit, false, 'not a fit without the certificate');
    t.same(before.explanation.needsCertificate, ['con.welder']);
    t.match(before.explanation.certificateCourses, [{ courseId: course.id }], 'with the course that gives it');

    // Enrol (once training knows the worker), attend, complete with the certificate.
    const enrolment = await eventually('training to learn of the worker', async () => {
      const r = await api.post(`/api/v1/batches/${batch.id}/enrollments`, { workerId: welder }, officer);
      return r.status === 201
        ? r.body
        : r.status === 404
          ? undefined
          : t.fail(`enrol: ${r.status} ${JSON.stringify(r.body)}`);
    });
    t.equal((await api.patch(`/api/v1/enrollments/${enrolment.id}`, { status: 'attending' }, officer)).status, 200);
    const done = await api.patch(
      `/api/v1/enrollments/${enrolment.id}`,
      {
        status: 'completed',
        attendance: { sessionsAttended: 20, sessionsTotal: 20 },
        result: '合格',
        certificateNo: 'T140723202612345',
      },
      officer,
    );
    t.equal(done.status, 200, 'completed');

    const certified = await eventually('worker-profile to raise the skill with the certificate', async () => {
      const w = (await api.get(`/api/v1/workers/${welder}`, officer)).body;
      const s = w.skills?.find((k: { code: string }) => k.code === 'con.welder');
      return s?.certificateNo === 'T140723202612345' ? w : undefined;
    });
    t.match(
      certified.skills,
      [{ code: 'con.welder', level: 3, certificateNo: 'T140723202612345' }],
      'raised to the level taught',
    );
    const after = await eventually('matching to re-rank the worker', async () => {
      const r = await api.get(`/api/v1/workers/${welder}/matches?limit=20`, officer);
      const m = r.body.items?.find((i: { openingId: string }) => i.openingId === openingId);
      return m?.explanation.fit ? m : undefined;
    });
    t.same(after.explanation.needsCertificate, [], 'no certificate missing');
    t.ok(after.explanation.matchedSkills.includes('con.welder'));
    t.equal(
      (await api.get(`/api/v1/workers/${welder}/matches?limit=20`, officer)).body.items[0].openingId,
      openingId,
      'and ranks first',
    );

    const records = async () =>
      ((await api.get(`/api/v1/workers/${welder}/services?limit=100`, officer)).body.items ?? []).filter(
        (r: { service: string }) => r.service === 'training',
      );
    const trainingRecords = await eventually('the training service record', async () =>
      (await records()).length ? records() : undefined,
    );
    t.equal(trainingRecords.length, 1, 'one training service record');

    // Redelivery: the very same training.completed event onto the bus again.
    const row = await db.query(
      `SELECT payload FROM training.outbox WHERE payload->>'type' = 'training.completed' AND payload->>'subject' = $1`,
      [enrolment.id],
    );
    const original = (
      typeof row.rows[0].payload === 'string' ? JSON.parse(row.rows[0].payload) : row.rows[0].payload
    ) as CloudEvent;
    const skillsBefore = (await api.get(`/api/v1/workers/${welder}`, officer)).body;
    await publish(original);
    await publish(original);
    // Witness: a completion for another worker on the same key (same partition, so consumed after
    // the duplicates). Once it shows, worker-profile has been through the redelivered event.
    const witnessEvent = createEvent({
      type: 'training.completed',
      source: '/tongxin/training',
      subject: enrolment.id,
      data: {
        enrollmentId: randomUUID(),
        workerId: witness,
        courseId: course.id,
        batchId: batch.id,
        skills: [{ code: 'dom.cleaner', level: 2 }],
        completedAt: new Date().toISOString(),
      },
    });
    await publish(witnessEvent, enrolment.id);
    await eventually('the witness event to be consumed', async () => {
      const w = (await api.get(`/api/v1/workers/${witness}`, officer)).body;
      return w.skills?.some((s: { code: string; level: number }) => s.code === 'dom.cleaner' && s.level === 2)
        ? true
        : undefined;
    });
    const skillsAfter = (await api.get(`/api/v1/workers/${welder}`, officer)).body;
    t.same(skillsAfter.skills, skillsBefore.skills, 'skills unchanged by the redelivery');
    t.equal(skillsAfter.version, skillsBefore.version, 'the worker record was not rewritten');
    t.equal((await records()).length, 1, 'still one training service record');
  },
);
