import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '@tongxin/events';
import { type Stack, type StackBus, stackBus } from '@tongxin/test-harness';
import t from 'tap';
import {
  type Publisher,
  announce,
  daysAgo,
  employerAccount,
  openingSnapshot,
  placementStack,
  query,
  waitFor,
  workerSnapshot,
} from './support.ts';

/** Issue 15's placement events, heard on the real bus: interviews, unpaid wages, follow-ups due. */
let stack: Stack;
let bus: Publisher;
let listener: StackBus;
let admin: string;
let officer: string;
let employer: string;
let officerId: string;
const employerId = randomUUID();
const heard: CloudEvent[] = [];

t.before(async () => {
  ({ stack, bus, admin, yixing: officer } = await placementStack());
  listener = await stackBus(stack.settings, 'notices-listener');
  await listener.bus.subscribe({
    groupId: 'notices-test',
    topics: ['tongxin.placement'],
    fromBeginning: true,
    handler: async (event) => {
      heard.push(event);
    },
  });
  officerId = (await stack.api.get('/api/v1/auth/me', officer)).body.sub;
  employer = await employerAccount(stack, admin, 'employer.notices', employerId);
});
t.teardown(async () => {
  await listener?.close();
  await bus?.stop();
  await stack?.stop();
});

const heardOf = (type: string, subject: string) => heard.filter((e) => e.type === type && e.subject === subject);

async function given() {
  const w = workerSnapshot({ officerId });
  const o = openingSnapshot(employerId);
  await announce(stack, bus, [w], [o]);
  const applied = await stack.api.post('/api/v1/applications', { openingId: o.id, workerId: w.id }, officer);
  return { worker: w, opening: o, application: applied.body as { id: string } };
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

t.test('the employer sets the interview; worker, employer and officer see it; every change is announced', async (t) => {
  const { worker, opening, application: a } = await given();
  await stack.api.post(
    '/api/v1/accounts',
    {
      username: 'worker.notices',
      password: 'worker-pass-1',
      role: 'worker',
      displayName: '王小二',
      workerId: worker.id,
    },
    admin,
  );
  const workerToken = await stack.login('worker.notices', 'worker-pass-1');
  t.equal((await stack.api.patch(`/api/v1/applications/${a.id}`, { status: 'screening' }, employer)).status, 200);

  const early = await stack.api.post(
    `/api/v1/applications/${a.id}/interview`,
    { at: inDays(2), place: '厂门口' },
    employer,
  );
  t.equal(early.status, 409, 'no interview before the application is in interview');
  t.equal(early.body.code, 'PLACEMENT_NOT_IN_INTERVIEW');
  const wrongMove = await stack.api.patch(
    `/api/v1/applications/${a.id}`,
    { status: 'rejected', interview: { at: inDays(2), place: '厂门口' } },
    employer,
  );
  t.equal(wrongMove.status, 400);
  t.equal(wrongMove.body.errors[0].field, 'interview');
  const past = await stack.api.patch(
    `/api/v1/applications/${a.id}`,
    { status: 'interview', interview: { at: inDays(-1), place: '厂门口' } },
    employer,
  );
  t.equal(past.status, 400, 'an interview in the past is refused');
  t.equal(past.body.errors[0].field, 'interview/at');
  t.match(past.body.errors[0].message, /将来/, 'in Chinese by default');
  t.equal(
    (await query(stack, `SELECT status FROM placement.applications WHERE id = $1`, [a.id]))[0]?.status,
    'screening',
    'nothing written',
  );

  const at = inDays(3);
  const moved = await stack.api.patch(
    `/api/v1/applications/${a.id}`,
    { status: 'interview', interview: { at, place: '苏州工业园区星湖街 88 号', note: '带身份证' } },
    employer,
  );
  t.equal(moved.status, 200, JSON.stringify(moved.body));
  t.match(moved.body.interview, { at, place: '苏州工业园区星湖街 88 号', note: '带身份证', revision: 1 });
  for (const [who, token] of [
    ['worker', workerToken],
    ['officer', officer],
  ] as const) {
    const seen = await stack.api.get(`/api/v1/applications/${a.id}`, token);
    t.match(
      seen.body.interview,
      { at, place: '苏州工业园区星湖街 88 号', revision: 1 },
      `the ${who} sees the interview`,
    );
  }
  const first = await waitFor('interview-scheduled on the bus', async () => {
    const e = heardOf('application.interview-scheduled', a.id);
    return e.length === 1 && e[0];
  });
  t.match(first.data, {
    applicationId: a.id,
    workerId: worker.id,
    openingId: opening.id,
    employerId,
    at,
    place: '苏州工业园区星湖街 88 号',
    note: '带身份证',
    revision: 1,
  });

  const same = await stack.api.post(
    `/api/v1/applications/${a.id}/interview`,
    { at, place: '苏州工业园区星湖街 88 号', note: '带身份证' },
    employer,
  );
  t.equal(same.status, 200);
  t.equal(same.body.interview.revision, 1, 'the same interview again changes nothing');
  t.equal(
    (await stack.api.post(`/api/v1/applications/${a.id}/interview`, { at: inDays(4), place: '厂门口' }, workerToken))
      .status,
    403,
    'the worker does not set interviews',
  );
  const later = inDays(4);
  const moved2 = await stack.api.post(
    `/api/v1/applications/${a.id}/interview`,
    { at: later, place: '二号门' },
    employer,
  );
  t.equal(moved2.status, 200);
  t.match(moved2.body.interview, { at: later, place: '二号门', revision: 2 });
  t.notOk(moved2.body.interview.note, 'the note of the first does not linger');
  await waitFor(
    'the re-scheduling on the bus',
    async () => heardOf('application.interview-scheduled', a.id).length === 2,
  );
  const events = await query<{ n: number }>(
    stack,
    `SELECT count(*)::int AS n FROM placement.outbox WHERE payload->>'type' = 'application.interview-scheduled' AND payload->>'subject' = $1`,
    [a.id],
  );
  t.equal(events[0]?.n, 2, 'one event per change, none for the repeat');
});

t.test('a follow-up reporting unpaid wages is announced to the village', async (t) => {
  const { worker, application: a } = await given();
  for (const status of ['screening', 'interview', 'offered']) {
    await stack.api.patch(`/api/v1/applications/${a.id}`, { status }, employer);
  }
  const hired = await stack.api.patch(
    `/api/v1/applications/${a.id}`,
    { status: 'hired', startDate: daysAgo(31), agreedWage: 6500 },
    employer,
  );
  const placementId = hired.body.placementId as string;
  const f = await stack.api.post(
    `/api/v1/placements/${placementId}/follow-ups`,
    { day: 30, stillEmployed: true, wagesPaidOnTime: false, note: '两个月未发工资' },
    officer,
  );
  t.equal(f.status, 201, JSON.stringify(f.body));
  const e = await waitFor('wages-unpaid on the bus', async () => heardOf('placement.wages-unpaid', placementId)[0]);
  t.match(e.data, {
    placementId,
    workerId: worker.id,
    village: worker.homeVillageCode,
    employerId,
    day: 30,
    note: '两个月未发工资',
  });
  t.ok(Date.parse((e.data as { reportedAt: string }).reportedAt) > 0);
});

t.test('the follow-up-due scan announces each due step once', async (t) => {
  const { worker, application: a } = await given();
  for (const status of ['screening', 'interview', 'offered']) {
    await stack.api.patch(`/api/v1/applications/${a.id}`, { status }, employer);
  }
  const startDate = daysAgo(30);
  const hired = await stack.api.patch(
    `/api/v1/applications/${a.id}`,
    { status: 'hired', startDate, agreedWage: 6500 },
    employer,
  );
  const placementId = hired.body.placementId as string;
  const job = stack.services.placement!.jobs['follow-up-due']!;
  t.ok((await job()) >= 1, 'the scan wrote events');
  t.equal(await job(), 0, 'a second run the same day announces nothing');
  const e = await waitFor('follow-up-due on the bus', async () => heardOf('placement.follow-up-due', placementId)[0]);
  t.match(e.data, { placementId, workerId: worker.id, village: worker.homeVillageCode, employerId, kind: 30 });
  t.equal((e.data as { dueDate: string }).dueDate, await dueOf(placementId));
  await stack.api.post(
    `/api/v1/placements/${placementId}/follow-ups`,
    { day: 30, stillEmployed: true, wagesPaidOnTime: true },
    officer,
  );
  t.equal(await job(), 0, 'recorded follow-ups are not announced');
  t.equal(heardOf('placement.follow-up-due', placementId).length, 1);
});

async function dueOf(placementId: string): Promise<string> {
  const p = await stack.api.get(`/api/v1/placements/${placementId}`, admin);
  return (p.body.followUps as { day: number; dueDate: string }[]).find((f) => f.day === 30)!.dueDate;
}
