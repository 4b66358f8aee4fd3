import { randomUUID } from 'node:crypto';
import { makeCreditCode } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import type { EventType } from '@tongxin/events';
import pg from 'pg';
import t from 'tap';
import { type TestPublisher, eventually, testPublisher } from './helpers/bus.ts';
import { workerInput } from './fixtures.ts';

let stack: Stack;
let bus: TestPublisher;
let admin: string;
let officer: string;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile'] });
  bus = await testPublisher(stack);
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
});
t.teardown(async () => {
  await bus.close();
  await stack.stop();
});

const TRAINING = '/tongxin/training';
const PLACEMENT = '/tongxin/placement';
const now = () => new Date().toISOString();

const register = async (overrides: Record<string, unknown> = {}) => {
  const r = await stack.api.post('/api/v1/workers', workerInput(overrides), officer);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: string; version: number; phone: string; idNumber: string };
};
const read = async (id: string) => (await stack.api.get(`/api/v1/workers/${id}`, admin)).body;
const services = async (id: string) =>
  (await stack.api.get(`/api/v1/workers/${id}/services`, admin)).body.items as Record<string, unknown>[];

const enrollment = (workerId: string, id = randomUUID()) => ({
  id,
  batchId: randomUUID(),
  courseId: randomUUID(),
  workerId,
  status: 'enrolled',
  at: now(),
});

t.test(
  `training moves skills up, never down, and leaves a training record (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const w = await register({ skills: [{ code: 'con.welder', level: 2, years: 4 }], employmentStatus: 'seeking' });
    const enr = enrollment(w.id);
    await bus.publish(bus.event('enrollment.created', TRAINING, enr.id, { enrollment: enr }));
    await eventually(async () => (await read(w.id)).employmentStatus === 'in_training', 'in_training');

    const completed = bus.event('training.completed', TRAINING, enr.id, {
      enrollmentId: enr.id,
      workerId: w.id,
      courseId: enr.courseId,
      batchId: enr.batchId,
      skills: [
        { code: 'con.welder', level: 4 },
        { code: 'con.rebar', level: 2 },
      ],
      certificateNo: 'CERT-2026-0001',
      certificateName: '焊工证',
      completedAt: '2026-05-20T09:00:00Z',
    });
    await bus.publish(completed);
    const after = await eventually(async () => {
      const x = await read(w.id);
      return x.skills.some((s: { level: number }) => s.level === 4) && x.employmentStatus === 'seeking' ? x : undefined;
    }, 'raised skills');
    t.same(
      after.skills,
      [
        { code: 'con.welder', level: 4, years: 4, certificateNo: 'CERT-2026-0001' },
        { code: 'con.rebar', level: 2, certificateNo: 'CERT-2026-0001' },
      ],
      'raised and added, with the certificate',
    );
    const records = await services(w.id);
    t.equal(records.length, 1);
    t.match(records[0], { service: 'training', source: 'event', date: '2026-05-20', channel: 'system' });
    t.equal(after.lastContactAt, '2026-05-20', 'a completed training counts as contact');

    // The same event again changes nothing; a later event on the same key proves it was handled.
    await bus.publish(completed);
    const enr2 = enrollment(w.id);
    await bus.publish(bus.event('enrollment.created', TRAINING, enr.id, { enrollment: enr2 }));
    const later = await eventually(async () => {
      const x = await read(w.id);
      return x.employmentStatus === 'in_training' ? x : undefined;
    }, 'second enrolment');
    t.same(later.skills, after.skills, 'redelivery: skills unchanged');
    t.equal(later.version, after.version + 1, 'redelivery: only the enrolment bumped the version');
    t.equal((await services(w.id)).length, 1, 'redelivery: no second service record');

    // A course at a lower level never lowers a skill; dropping out ends the training status.
    await bus.publish(
      bus.event('training.completed', TRAINING, enr2.id, {
        enrollmentId: enr2.id,
        workerId: w.id,
        courseId: enr2.courseId,
        batchId: enr2.batchId,
        skills: [{ code: 'con.welder', level: 1 }],
        completedAt: '2026-06-01T09:00:00Z',
      }),
    );
    const lower = await eventually(async () => {
      const x = await read(w.id);
      return x.employmentStatus === 'seeking' ? x : undefined;
    }, 'second completion');
    t.same(lower.skills, after.skills, 'never lowered');
    t.equal((await services(w.id)).length, 2);
  },
);

t.test('enrolment dropped or failed returns the worker to seeking', async (t) => {
  const w = await register();
  const a = enrollment(w.id);
  const b = enrollment(w.id);
  await bus.publish(bus.event('enrollment.created', TRAINING, a.id, { enrollment: a }));
  await bus.publish(bus.event('enrollment.created', TRAINING, b.id, { enrollment: b }));
  await eventually(async () => (await read(w.id)).employmentStatus === 'in_training', 'in_training');
  await bus.publish(bus.event('enrollment.dropped', TRAINING, a.id, { enrollment: { ...a, status: 'dropped' } }));
  await bus.publish(
    bus.event('training.failed', TRAINING, b.id, {
      enrollmentId: b.id,
      workerId: w.id,
      courseId: b.courseId,
      batchId: b.batchId,
      at: now(),
    }),
  );
  await eventually(async () => (await read(w.id)).employmentStatus === 'seeking', 'seeking again');
  t.pass('both enrolments ended');
});

const placement = (workerId: string, employerId = randomUUID()) => ({
  id: randomUUID(),
  applicationId: randomUUID(),
  workerId,
  openingId: randomUUID(),
  employerId,
  homeVillageCode: '140723100236',
  startDate: '2026-06-01',
  agreedWage: 6000,
  tier: 'out_of_province',
  status: 'active',
  hiredAt: now(),
});

t.test('hire, separation and unpaid wages', async (t) => {
  const w = await register();
  const p = placement(w.id);
  await bus.publish(bus.event('placement.hired', PLACEMENT, p.id, { placement: p }));
  await eventually(async () => (await read(w.id)).employmentStatus === 'employed', 'employed');

  await bus.publish(
    bus.event('placement.followed-up', PLACEMENT, p.id, {
      placementId: p.id,
      workerId: w.id,
      employerId: p.employerId,
      openingId: p.openingId,
      day: 30,
      stillEmployed: true,
      wagesPaidOnTime: false,
      note: '拖欠两个月',
      at: '2026-07-01T10:00:00Z',
      by: 'officer-1',
    }),
  );
  const rights = await eventually(
    async () => (await services(w.id)).find((s) => s.service === 'rights'),
    'rights record',
  );
  t.match(rights, { service: 'rights', source: 'event', outcome: 'open', date: '2026-07-01' });
  t.match(rights.note, /拖欠两个月/);
  t.equal((await read(w.id)).lastContactAt, undefined, 'an opened case is not a contact');

  await bus.publish(
    bus.event('placement.separated', PLACEMENT, p.id, {
      placement: { ...p, status: 'separated' },
      reason: 'contract ended',
      separatedAt: now(),
    }),
  );
  await eventually(async () => (await read(w.id)).employmentStatus === 'seeking', 'seeking after separation');
  // A late redelivery of the hire cannot undo the separation.
  const p2 = placement(w.id);
  await bus.publish(bus.event('placement.hired', PLACEMENT, p.id, { placement: p }));
  await bus.publish(
    bus.event('placement.followed-up', PLACEMENT, p.id, {
      placementId: p.id,
      workerId: w.id,
      employerId: p.employerId,
      openingId: p.openingId,
      day: 90,
      stillEmployed: false,
      wagesPaidOnTime: false,
      at: now(),
      by: 'officer-1',
    }),
  );
  await eventually(
    async () => (await services(w.id)).filter((s) => s.service === 'rights').length === 2,
    'second follow-up',
  );
  t.equal((await read(w.id)).employmentStatus, 'seeking', 'the separated placement stays separated');
  await bus.publish(bus.event('placement.hired', PLACEMENT, p2.id, { placement: p2 }));
  await eventually(async () => (await read(w.id)).employmentStatus === 'employed', 'hired again');
});

t.test('employers see their applicants unmasked from interview until rejected, withdrawn or suspended', async (t) => {
  const employerId = randomUUID();
  await stack.api.post(
    '/api/v1/accounts',
    { username: 'employer.hr', password: 'employer-pass', role: 'employer', displayName: '人事', employerId },
    admin,
  );
  const employer = await stack.login('employer.hr', 'employer-pass');
  const applicant = await register();
  const stranger = await register();
  const full = (await stack.api.get(`/api/v1/workers/${applicant.id}`, officer)).body;

  t.equal((await stack.api.get(`/api/v1/workers/${applicant.id}`, employer)).status, 404, 'no application yet');
  const app = {
    id: randomUUID(),
    workerId: applicant.id,
    openingId: randomUUID(),
    employerId,
    status: 'submitted',
    homeVillageCode: '140723100236',
    createdAt: now(),
    updatedAt: now(),
  };
  await bus.publish(bus.event('application.submitted', PLACEMENT, app.id, { application: app }));
  const masked = await eventually(async () => {
    const r = await stack.api.get(`/api/v1/workers/${applicant.id}`, employer);
    return r.status === 200 ? r.body : undefined;
  }, 'applicant visible');
  t.equal(
    masked.phone,
    applicant.phone.slice(0, 3) + '****' + applicant.phone.slice(-4),
    'phone masked before interview',
  );
  t.equal(masked.idNumber, applicant.idNumber, 'ID number masked');
  t.equal((await stack.api.get(`/api/v1/workers/${stranger.id}`, employer)).status, 404, 'never another worker');

  await bus.publish(
    bus.event('application.status-changed', PLACEMENT, app.id, {
      application: { ...app, status: 'screening' },
      from: 'submitted',
      to: 'screening',
      by: 'acct',
    }),
  );
  await bus.publish(
    bus.event('application.status-changed', PLACEMENT, app.id, {
      application: { ...app, status: 'interview' },
      from: 'screening',
      to: 'interview',
      by: 'acct',
    }),
  );
  const open = await eventually(async () => {
    const r = await stack.api.get(`/api/v1/workers/${applicant.id}`, employer);
    return r.body.phone === full.phone ? r.body : undefined;
  }, 'unmasked at interview');
  t.match(open.idNumber, /^\d{17}[\dX]$/, 'ID number in clear from interview on');

  const later = (ms: number) => new Date(Date.parse(app.updatedAt) + ms).toISOString();
  const interview = bus.event('application.status-changed', PLACEMENT, app.id, {
    application: { ...app, status: 'interview' },
    from: 'screening',
    to: 'interview',
    by: 'acct',
  });
  await bus.publish(
    bus.event('application.status-changed', PLACEMENT, app.id, {
      application: { ...app, status: 'rejected', updatedAt: later(1_000) },
      from: 'interview',
      to: 'rejected',
      by: 'acct',
    }),
  );
  const maskedPhone = applicant.phone.slice(0, 3) + '****' + applicant.phone.slice(-4);
  const hidden = await eventually(async () => {
    const r = await stack.api.get(`/api/v1/workers/${applicant.id}`, employer);
    return r.status === 200 && r.body.phone === maskedPhone ? r.body : undefined;
  }, 'masked again once rejected');
  t.equal(hidden.idNumber, applicant.idNumber, 'a rejection masks the applicant again (still an applicant, not a 404)');

  const c = new pg.Client({ connectionString: stack.db.connectionString });
  await c.connect();
  t.teardown(() => c.end());
  const handled = (id: string) =>
    eventually(
      async () => (await c.query('SELECT 1 FROM worker_profile.inbox WHERE event_id = $1', [id])).rowCount === 1,
      `event ${id} handled`,
    );
  const publishHandled = async (e: ReturnType<typeof bus.event>) => {
    await bus.publish(e);
    await handled(e.id);
  };
  const phone = async () => (await stack.api.get(`/api/v1/workers/${applicant.id}`, employer)).body.phone;

  // An older event delivered late (a new id, as after a producer retry) does not undo the rejection.
  await publishHandled(bus.event(interview.type, interview.source, interview.subject!, interview.data));
  t.equal(await phone(), maskedPhone, 'an older interview event arriving after the rejection does not unmask');
  const otherApp = { ...app, id: randomUUID(), workerId: stranger.id };
  await bus.publish(bus.event('application.submitted', PLACEMENT, otherApp.id, { application: otherApp }));
  await eventually(
    async () => (await stack.api.get(`/api/v1/workers/${stranger.id}`, employer)).status === 200,
    'second applicant',
  );

  // Access is per application: a second application of the same worker at interview unmasks, and
  // withdrawing it masks again.
  const second = {
    ...app,
    id: randomUUID(),
    openingId: randomUUID(),
    createdAt: later(2_000),
    updatedAt: later(2_000),
  };
  await bus.publish(bus.event('application.submitted', PLACEMENT, second.id, { application: second }));
  for (const [from, to, ms] of [
    ['submitted', 'screening', 3_000],
    ['screening', 'interview', 4_000],
  ] as const) {
    await bus.publish(
      bus.event('application.status-changed', PLACEMENT, second.id, {
        application: { ...second, status: to, updatedAt: later(ms) },
        from,
        to,
        by: 'acct',
      }),
    );
  }
  await eventually(async () => (await phone()) === full.phone, 'unmasked by the second application');

  // A suspended employer sees nobody unmasked; verified again (a newer version), it does; an older
  // snapshot arriving late changes nothing.
  const employerEvent = (type: EventType, status: string, version: number) =>
    bus.event(type, '/tongxin/employer', employerId, {
      employer: {
        id: employerId,
        name: '太原测试机械有限公司',
        creditCode: makeCreditCode('91140105MA0000001'),
        industry: 'manufacturing',
        regionCode: '140105',
        tier: 'in_province',
        status,
        version,
        updatedAt: now(),
      },
    });
  await bus.publish(employerEvent('employer.suspended', 'suspended', 3));
  await eventually(async () => (await phone()) === maskedPhone, 'masked while suspended');
  await publishHandled(employerEvent('employer.verified', 'verified', 2));
  t.equal(await phone(), maskedPhone, 'an older verified snapshot does not lift the suspension');
  await bus.publish(employerEvent('employer.verified', 'verified', 4));
  await eventually(async () => (await phone()) === full.phone, 'unmasked once verified again');
  await publishHandled(employerEvent('employer.suspended', 'suspended', 3));
  t.equal(await phone(), full.phone, 'an older suspension arriving late does not mask');

  await bus.publish(
    bus.event('application.status-changed', PLACEMENT, second.id, {
      application: { ...second, status: 'withdrawn', updatedAt: later(5_000) },
      from: 'interview',
      to: 'withdrawn',
      by: 'acct',
    }),
  );
  await eventually(async () => (await phone()) === maskedPhone, 'masked once the second application is withdrawn');
  const r = await stack.api.get(`/api/v1/workers/${applicant.id}`, employer);
  t.equal(r.status, 200, 'withdrawn and rejected applications still name an applicant (masked, not 404)');
  t.equal(r.body.phone, maskedPhone, 'every application rejected or withdrawn: masked');

  const audit = await c.query(
    `SELECT * FROM worker_profile.audit_log WHERE actor_role = 'employer' AND $1 = ANY(worker_ids)`,
    [applicant.id],
  );
  t.ok(audit.rowCount! >= 1, 'unmasked reads by the employer are audited');
  t.same(audit.rows[0].fields, ['phone', 'idNumber']);
});
