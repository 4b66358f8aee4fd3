import { randomUUID } from 'node:crypto';
import { type Stack, describeEnvironment, testEnvironment } from '@tongxin/test-harness';
import ExcelJS from 'exceljs';
import t from 'tap';
import {
  type Publisher,
  announce,
  daysAgo,
  employerAccount,
  moveThrough,
  openingSnapshot,
  placementStack,
  query,
  waitFor,
  workerSnapshot,
} from './support.ts';

let stack: Stack;
let bus: Publisher;
let admin: string;
let officer: string;
let otherOfficer: string;
let employer: string;
let officerId: string;
const employerId = randomUUID();

t.before(async () => {
  ({ stack, bus, admin, yixing: officer, songyan: otherOfficer } = await placementStack());
  officerId = (await stack.api.get('/api/v1/auth/me', officer)).body.sub;
  employer = await employerAccount(stack, admin, 'employer.suzhou', employerId);
});
t.teardown(async () => {
  await bus?.stop();
  await stack?.stop();
});

/** Announces a worker and an opening and waits until placement has both. */
async function given(worker: Record<string, unknown> = {}, opening: Record<string, unknown> = {}) {
  const w = workerSnapshot({ officerId, ...worker });
  const o = openingSnapshot(employerId, opening);
  await announce(stack, bus, [w], [o]);
  return { worker: w, opening: o };
}

const moveTo = (id: string, statuses: string[], token = employer) => moveThrough(stack, id, statuses, token);

t.test(`referral through the pipeline to a hire (${describeEnvironment(testEnvironment())})`, async (t) => {
  const { worker, opening } = await given();
  const referred = await stack.api.post(
    '/api/v1/applications',
    { openingId: opening.id, workerId: worker.id, note: '焊工证齐全' },
    officer,
  );
  t.equal(referred.status, 201, JSON.stringify(referred.body));
  const a = referred.body;
  t.match(a, {
    status: 'submitted',
    referredBy: officerId,
    employerId,
    contactVisible: false,
    worker: { name: '王小二', householdStatus: 'registered_poor', homeVillageName: '恋思村' },
  });
  t.notOk(JSON.stringify(a).includes('CERT-140723-9'), 'no certificate number, phone or ID number travels');
  t.equal(a.history.length, 1);

  const again = await stack.api.post('/api/v1/applications', { openingId: opening.id, workerId: worker.id }, officer);
  t.equal(again.status, 409, 'one open application per worker and opening');
  t.equal(again.body.code, 'APPLICATION_EXISTS');

  const skip = await stack.api.patch(`/api/v1/applications/${a.id}`, { status: 'offered' }, employer);
  t.equal(skip.status, 409, 'steps cannot be skipped');
  t.equal(skip.body.code, 'ILLEGAL_TRANSITION');
  t.equal(
    (await stack.api.patch(`/api/v1/applications/${a.id}`, { status: 'screening' }, officer)).status,
    403,
    'officers only withdraw',
  );

  const interview = await moveTo(a.id, ['screening', 'interview']);
  t.equal(interview.status, 200);
  t.equal(interview.body.contactVisible, true, 'contact visible from interview on');
  const seen = await stack.api.get(`/api/v1/applications?openingId=${opening.id}`, employer);
  t.equal(seen.body.items.length, 1, 'the employer lists its applicants');

  const hired = await stack.api.patch(
    `/api/v1/applications/${a.id}`,
    { status: 'offered', note: '月薪6500' },
    employer,
  );
  t.equal(hired.status, 200);
  const done = await stack.api.patch(
    `/api/v1/applications/${a.id}`,
    { status: 'hired', startDate: daysAgo(31), agreedWage: 6500 },
    employer,
  );
  t.equal(done.status, 200, JSON.stringify(done.body));
  t.same(
    done.body.history.map((h: { to: string }) => h.to),
    ['submitted', 'screening', 'interview', 'offered', 'hired'],
  );
  t.match(done.body.history[3], { from: 'interview', to: 'offered', note: '月薪6500', byRole: 'employer' });
  t.ok(done.body.placementId);
  t.equal(
    (await stack.api.patch(`/api/v1/applications/${a.id}`, { status: 'withdrawn' }, admin)).status,
    409,
    'hired is final',
  );

  const events = await query<{ type: string }>(
    stack,
    `SELECT payload->>'type' AS type FROM placement.outbox ORDER BY id`,
  );
  for (const type of ['application.submitted', 'application.status-changed', 'placement.hired', 'subsidy.eligible']) {
    t.ok(
      events.some((e) => e.type === type),
      `${type} emitted`,
    );
  }
  // worker-profile reads contactVisible from the events rather than restating the pipeline.
  const announced = await query<{ status: string; visible: boolean }>(
    stack,
    `SELECT payload->'data'->'application'->>'status' AS status,
            (payload->'data'->'application'->'contactVisible')::boolean AS visible
       FROM placement.outbox WHERE payload->>'subject' = $1 AND payload->>'type' LIKE 'application.%' ORDER BY id`,
    [a.id],
  );
  t.same(
    announced.map((e) => [e.status, e.visible]),
    [
      ['submitted', false],
      ['screening', false],
      ['interview', true],
      ['offered', true],
      ['hired', true],
    ],
    'each application event says whether the employer may now see the contact',
  );

  const placement = await stack.api.get(`/api/v1/placements/${done.body.placementId}`, officer);
  t.match(placement.body, {
    tier: 'out_of_province',
    agreedWage: 6500,
    startDate: daysAgo(31),
    status: 'active',
    officerId,
  });
  t.match(placement.body.followUps, [
    { day: 30, state: 'due' },
    { day: 90, state: 'upcoming' },
    { day: 180, state: 'upcoming' },
  ]);
  const due = await stack.api.get(`/api/v1/placements?due=true&officer=${officerId}`, officer);
  t.ok(
    due.body.items.some((p: { id: string }) => p.id === done.body.placementId),
    'listed as due for the officer',
  );
  const overdue = await stack.api.get('/api/v1/placements?overdue=true', officer);
  t.notOk(
    overdue.body.items.some((p: { id: string }) => p.id === done.body.placementId),
    'not yet overdue',
  );

  const subsidies = await stack.api.get(`/api/v1/subsidies?placementId=${done.body.placementId}`, officer);
  t.match(subsidies.body.items, [{ ruleId: 'transport-out-of-province', amount: 500, status: 'eligible' }]);
  const s = subsidies.body.items[0];
  t.equal(
    (await stack.api.patch(`/api/v1/subsidies/${s.id}`, { status: 'approved' }, officer)).status,
    403,
    'administrators only',
  );
  t.equal(
    (await stack.api.patch(`/api/v1/subsidies/${s.id}`, { status: 'paid' }, admin)).status,
    409,
    'not before approval',
  );
  t.equal((await stack.api.patch(`/api/v1/subsidies/${s.id}`, { status: 'approved' }, admin)).status, 200);
  const paid = await Promise.all(
    [1, 2].map(() => stack.api.patch(`/api/v1/subsidies/${s.id}`, { status: 'paid' }, admin)),
  );
  t.same(paid.map((r) => r.status).sort(), [200, 409], 'paid once however often it is asked');
  t.equal((await query(stack, `SELECT 1 FROM placement.outbox WHERE payload->>'type' = 'subsidy.paid'`)).length, 1);

  const early = await stack.api.post(
    `/api/v1/placements/${done.body.placementId}/follow-ups`,
    { day: 90, stillEmployed: true, wagesPaidOnTime: true },
    officer,
  );
  t.equal(early.status, 409);
  t.equal(early.body.code, 'FOLLOW_UP_NOT_DUE');
  const unpaid = await stack.api.post(
    `/api/v1/placements/${done.body.placementId}/follow-ups`,
    { day: 30, stillEmployed: true, wagesPaidOnTime: false, note: '拖欠一个月工资' },
    officer,
  );
  t.equal(unpaid.status, 201, JSON.stringify(unpaid.body));
  t.match(unpaid.body.followUps[0], { day: 30, state: 'done', wagesPaidOnTime: false });
  const [ev] = await query<{ data: Record<string, unknown> }>(
    stack,
    `SELECT payload->'data' AS data FROM placement.outbox WHERE payload->>'type' = 'placement.followed-up'`,
  );
  t.match(ev?.data, { day: 30, stillEmployed: true, wagesPaidOnTime: false, workerId: worker.id, employerId });
  t.equal(
    (
      await stack.api.post(
        `/api/v1/placements/${done.body.placementId}/follow-ups`,
        { day: 30, stillEmployed: true, wagesPaidOnTime: true },
        officer,
      )
    ).status,
    409,
    'once per day',
  );
});

t.test('a deprecated code is still answered in code, with its PLACEMENT_ code beside it', async (t) => {
  const { worker, opening } = await given();
  // Two submissions racing: the unique index decides, and the loser gets the domain error, not a 500.
  const both = await Promise.all(
    [0, 1].map(() => stack.api.post('/api/v1/applications', { openingId: opening.id, workerId: worker.id }, officer)),
  );
  t.same(both.map((r) => r.status).sort(), [201, 409]);
  const refused = both.find((r) => r.status === 409)!;
  t.match(refused.body, {
    type: 'https://tongxin.example/problems/application-exists',
    status: 409,
    code: 'APPLICATION_EXISTS',
    canonicalCode: 'PLACEMENT_APPLICATION_EXISTS',
  });
  t.notMatch(JSON.stringify(refused.body), /applications_one_open|duplicate key/, 'no database detail leaks');

  const a = both.find((r) => r.status === 201)!.body;
  const skip = await stack.api.patch(`/api/v1/applications/${a.id}`, { status: 'hired' }, employer);
  t.match(skip.body, {
    code: 'ILLEGAL_TRANSITION',
    canonicalCode: 'PLACEMENT_ILLEGAL_TRANSITION',
    from: 'submitted',
    to: 'hired',
  });
  const gone = await stack.api.get(`/api/v1/applications/${randomUUID()}`, admin);
  t.equal(gone.body.code, 'NOT_FOUND');
  t.notOk('canonicalCode' in gone.body, 'a code that was never renamed has no canonicalCode');
});

t.test('the race for the last place yields exactly one hire', async (t) => {
  const { worker, opening } = await given({}, { headcount: 1 });
  const other = workerSnapshot({ officerId, name: '李四' });
  await bus.publish('worker.registered', other.id, { worker: other });
  await waitFor(
    'second worker',
    async () => (await query(stack, 'SELECT 1 FROM placement.workers WHERE id = $1', [other.id])).length === 1,
  );
  const apps = [];
  for (const workerId of [worker.id, other.id]) {
    const r = await stack.api.post('/api/v1/applications', { openingId: opening.id, workerId }, officer);
    t.equal(r.status, 201, JSON.stringify(r.body));
    t.equal((await moveTo(r.body.id, ['screening', 'interview', 'offered'])).status, 200);
    apps.push(r.body.id as string);
  }
  const results = await Promise.all(
    apps.map((id) => stack.api.patch(`/api/v1/applications/${id}`, { status: 'hired' }, employer)),
  );
  t.same(results.map((r) => r.status).sort(), [200, 409], JSON.stringify(results.map((r) => r.body.code)));
  t.equal(results.find((r) => r.status === 409)?.body.code, 'OPENING_FULL');
  const rows = await query<{ n: number }>(
    stack,
    'SELECT count(*)::int AS n FROM placement.placements WHERE opening_id = $1',
    [opening.id],
  );
  t.equal(rows[0]?.n, 1, 'one placement');
  const loser = apps[results.findIndex((r) => r.status === 409)]!;
  t.equal(
    (await stack.api.get(`/api/v1/applications/${loser}`, employer)).body.status,
    'offered',
    'the loser stays offered, nothing half-written',
  );
});

t.test('scopes: officers, employers and workers', async (t) => {
  const { worker, opening } = await given();
  const outside = await stack.api.post(
    '/api/v1/applications',
    { openingId: opening.id, workerId: worker.id },
    otherOfficer,
  );
  t.equal(outside.status, 404, 'an officer cannot refer a worker outside their townships');
  const a = (await stack.api.post('/api/v1/applications', { openingId: opening.id, workerId: worker.id }, officer))
    .body;
  t.equal((await stack.api.get(`/api/v1/applications/${a.id}`, otherOfficer)).status, 404, 'nor see their application');
  t.notOk(
    (await stack.api.get('/api/v1/applications', otherOfficer)).body.items.some((x: { id: string }) => x.id === a.id),
  );
  t.equal((await stack.api.patch(`/api/v1/applications/${a.id}`, { status: 'withdrawn' }, otherOfficer)).status, 404);
  t.equal((await stack.api.get(`/api/v1/coverage?township=140723100`, otherOfficer)).status, 404, 'nor their coverage');
  t.equal(
    (
      await stack.api.post(
        '/api/v1/applications',
        { openingId: opening.id, workerId: worker.id, referredBy: 'someone-else' },
        admin,
      )
    ).status,
    400,
  );

  const rival = randomUUID();
  await stack.api.post(
    '/api/v1/accounts',
    { username: 'employer.rival', password: 'employer-pass', role: 'employer', displayName: '别家', employerId: rival },
    admin,
  );
  const rivalToken = await stack.login('employer.rival', 'employer-pass');
  t.equal(
    (await stack.api.get(`/api/v1/applications/${a.id}`, rivalToken)).status,
    404,
    'another employer sees nothing',
  );
  t.equal((await stack.api.get('/api/v1/applications', rivalToken)).body.items.length, 0);
  t.equal(
    (await stack.api.post('/api/v1/applications', { openingId: opening.id, workerId: worker.id }, employer)).status,
    403,
    'employers do not apply',
  );
  t.equal((await stack.api.get('/api/v1/dashboard', employer)).status, 403);

  await stack.api.post(
    '/api/v1/accounts',
    { username: 'worker.wang', password: 'worker-pass-1', role: 'worker', displayName: '王', workerId: worker.id },
    admin,
  );
  const self = await stack.login('worker.wang', 'worker-pass-1');
  const mine = await stack.api.get('/api/v1/applications', self);
  t.same(
    mine.body.items.map((x: { id: string }) => x.id),
    [a.id],
    'a worker sees their own only',
  );
  t.equal((await stack.api.patch(`/api/v1/applications/${a.id}`, { status: 'screening' }, self)).status, 403);
  const withdrawn = await stack.api.patch(
    `/api/v1/applications/${a.id}`,
    { status: 'withdrawn', note: '已在本地找到工作' },
    self,
  );
  t.equal(withdrawn.status, 200);
  const reapply = await stack.api.post('/api/v1/applications', { openingId: opening.id }, self);
  t.equal(reapply.status, 201, 'after withdrawing one may apply again, as oneself');
  t.notOk(reapply.body.referredBy);
});

t.test('separation, the stable-employment reward and reserved openings', async (t) => {
  const { worker, opening } = await given(
    { relocated: false, householdStatus: 'none' },
    { tier: 'in_county', worksiteRegionCode: '140723', headcount: 1 },
  );
  const a = (await stack.api.post('/api/v1/applications', { openingId: opening.id, workerId: worker.id }, officer))
    .body;
  const hired = await moveTo(a.id, ['screening', 'interview', 'offered']).then(() =>
    stack.api.patch(`/api/v1/applications/${a.id}`, { status: 'hired', startDate: daysAgo(200) }, employer),
  );
  const id = hired.body.placementId;
  t.equal(
    (await stack.api.get(`/api/v1/subsidies?placementId=${id}`, admin)).body.items.length,
    0,
    'no transport subsidy in county for others',
  );
  const detail = (await stack.api.get(`/api/v1/placements/${id}`, admin)).body;
  t.match(detail.followUps, [
    { day: 30, state: 'overdue' },
    { day: 90, state: 'overdue' },
    { day: 180, state: 'due' },
  ]);
  t.ok(
    (await stack.api.get('/api/v1/placements?overdue=true', admin)).body.items.some((p: { id: string }) => p.id === id),
  );
  const r180 = await stack.api.post(
    `/api/v1/placements/${id}/follow-ups`,
    { day: 180, stillEmployed: true, wagesPaidOnTime: true },
    officer,
  );
  t.equal(r180.status, 201);
  t.match((await stack.api.get(`/api/v1/subsidies?placementId=${id}`, admin)).body.items, [
    { ruleId: 'stable-employment-6-months', amount: 1000, status: 'eligible' },
  ]);

  // The worker reads their own subsidies (the portal's 我的奖补), and no one else's.
  await stack.api.post(
    '/api/v1/accounts',
    { username: 'worker.reward', password: 'worker-pass-2', role: 'worker', displayName: '赵', workerId: worker.id },
    admin,
  );
  const self = await stack.login('worker.reward', 'worker-pass-2');
  const ledger = (await stack.api.get('/api/v1/subsidies', admin)).body.items as { id: string; workerId: string }[];
  const others = ledger.find((s) => s.workerId !== worker.id);
  t.ok(others, 'the ledger holds other workers’ subsidies too');
  const own = await stack.api.get('/api/v1/subsidies', self);
  t.equal(own.status, 200);
  t.match(own.body.items, [
    { workerId: worker.id, ruleId: 'stable-employment-6-months', ruleName: String, amount: 1000 },
  ]);
  t.equal(own.body.items.length, 1, 'their own subsidy only');
  t.same(
    (await stack.api.get(`/api/v1/subsidies?workerId=${others!.workerId}`, self)).body.items.map(
      (s: { id: string }) => s.id,
    ),
    own.body.items.map((s: { id: string }) => s.id),
    'another worker’s id in the query changes nothing',
  );

  const bad = await stack.api.post(
    `/api/v1/placements/${id}/separation`,
    { reason: '回乡', separatedAt: daysAgo(300) },
    employer,
  );
  t.equal(bad.status, 400);
  t.equal(bad.body.errors[0].field, 'separatedAt');
  const left = await stack.api.post(`/api/v1/placements/${id}/separation`, { reason: '回乡照顾老人' }, employer);
  t.equal(left.status, 201, JSON.stringify(left.body));
  t.match(left.body, { status: 'separated', separationReason: '回乡照顾老人' });
  t.equal(
    (
      await stack.api.post(
        `/api/v1/placements/${id}/follow-ups`,
        { day: 90, stillEmployed: true, wagesPaidOnTime: true },
        officer,
      )
    ).status,
    409,
  );
  t.equal(
    (
      await query(
        stack,
        `SELECT 1 FROM placement.outbox WHERE payload->>'type' = 'placement.separated' AND payload->>'subject' = $1`,
        [id],
      )
    ).length,
    1,
  );
  t.same(
    await query(stack, 'SELECT hired FROM placement.opening_hires WHERE opening_id = $1', [opening.id]),
    [{ hired: 0 }],
    'the place is free again',
  );

  const reserved = openingSnapshot(employerId, { reservedForPoor: true });
  await bus.publish('opening.published', reserved.id, { opening: reserved });
  await waitFor(
    'reserved opening',
    async () => (await query(stack, 'SELECT 1 FROM placement.openings WHERE id = $1', [reserved.id])).length === 1,
  );
  const refused = await stack.api.post(
    '/api/v1/applications',
    { openingId: reserved.id, workerId: worker.id },
    officer,
  );
  t.equal(refused.status, 409);
  t.equal(refused.body.code, 'OPENING_RESERVED_FOR_POOR');
  const closed = { ...reserved, status: 'closed', version: 2 };
  await bus.publish('opening.closed', reserved.id, { opening: closed });
  await waitFor(
    'closed',
    async () =>
      (await query(stack, `SELECT 1 FROM placement.openings WHERE id = $1 AND status = 'closed'`, [reserved.id]))
        .length === 1,
  );
  await bus.publish('opening.published', reserved.id, { opening: reserved });
  const stale = await query(stack, `SELECT status FROM placement.openings WHERE id = $1`, [reserved.id]);
  t.same(stale, [{ status: 'closed' }], 'an older snapshot does not overwrite a newer one');
});

t.test('coverage and the dashboard', async (t) => {
  // Three more workers of 白仁村 (松烟镇): one without officer, one never contacted, one covered.
  const village = '140723102201';
  const lonely = workerSnapshot({ homeVillageCode: village, townshipCode: '140723102', name: '赵一' });
  const silentOne = workerSnapshot({
    homeVillageCode: village,
    townshipCode: '140723102',
    name: '赵二',
    officerId: 'officer-x',
  });
  const fine = workerSnapshot({
    homeVillageCode: village,
    townshipCode: '140723102',
    name: '赵三',
    officerId: 'officer-x',
    employmentStatus: 'employed',
    unionMember: true,
  });
  const notTarget = workerSnapshot({
    homeVillageCode: village,
    townshipCode: '140723102',
    name: '赵四',
    householdStatus: 'none',
    relocated: false,
  });
  for (const w of [lonely, silentOne, fine, notTarget]) await bus.publish('worker.registered', w.id, { worker: w });
  await bus.publish(
    'ledger.service-recorded',
    randomUUID(),
    {
      record: {
        id: randomUUID(),
        workerId: fine.id,
        homeVillageCode: village,
        service: 'information',
        date: daysAgo(10),
        officerId: 'officer-x',
        channel: 'phone',
      },
    },
    '/tongxin/worker-profile',
  );
  // An unpaid-wage case that worker-profile opened from an event is not a contact with the worker.
  await bus.publish(
    'ledger.service-recorded',
    randomUUID(),
    {
      record: {
        id: randomUUID(),
        workerId: silentOne.id,
        homeVillageCode: village,
        service: 'rights',
        date: daysAgo(3),
        officerId: 'officer-x',
        channel: 'system',
        outcome: 'open',
        source: 'event',
      },
    },
    '/tongxin/worker-profile',
  );
  await bus.publish(
    'ledger.party-group-created',
    randomUUID(),
    { group: { id: randomUUID(), name: '白仁村流动党员党小组', regionCode: village, leaderName: '赵书记' } },
    '/tongxin/worker-profile',
  );
  await waitFor('coverage facts', async () => {
    const r = await query<{ n: number }>(
      stack,
      `SELECT (SELECT count(*) FROM placement.workers WHERE home_village_code = $1)::int + (SELECT count(*) FROM placement.worker_contacts WHERE worker_id = $2)::int + (SELECT count(*) FROM placement.party_entries)::int + (SELECT count(*) FROM placement.inbox WHERE consumer = 'placement.ledger')::int AS n`,
      [village, fine.id],
    );
    return r[0]?.n === 9;
  });

  const cov = await stack.api.get(`/api/v1/coverage?village=${village}`, otherOfficer);
  t.equal(cov.status, 200, JSON.stringify(cov.body));
  t.match(cov.body.totals, { target: 3, covered: 1, notCovered: 2 });
  t.match(cov.body.townships, [
    { code: '140723102', villages: [{ code: village, name: '白仁村', target: 3, covered: 1 }] },
  ]);
  const reasons = Object.fromEntries(
    cov.body.notCovered.map((n: { name: string; reasons: string[] }) => [n.name, n.reasons]),
  );
  t.same(reasons, {
    赵一: ['no_officer', 'no_recent_contact', 'not_employed_training_or_referred'],
    赵二: ['no_recent_contact', 'not_employed_training_or_referred'],
  });
  // The not-covered list pages by cursor, in the same order, and names no one twice.
  const first = await stack.api.get(`/api/v1/coverage?village=${village}&limit=1`, otherOfficer);
  t.match(first.body, { notCovered: [{ name: '赵一' }], notCoveredTruncated: true, totals: { notCovered: 2 } });
  t.type(first.body.nextCursor, 'string');
  t.notMatch(Buffer.from(first.body.nextCursor, 'base64url').toString(), /赵/, 'no name in the cursor');
  const second = await stack.api.get(
    `/api/v1/coverage?village=${village}&limit=1&cursor=${first.body.nextCursor}`,
    otherOfficer,
  );
  t.match(second.body, { notCovered: [{ name: '赵二' }], notCoveredTruncated: false });
  t.notOk('nextCursor' in second.body, 'the last page has no cursor');
  const gone = Buffer.from(`${village}:${randomUUID()}`).toString('base64url');
  t.match(
    (await stack.api.get(`/api/v1/coverage?village=${village}&cursor=${gone}`, otherOfficer)).body.notCovered,
    [{ name: '赵一' }, { name: '赵二' }],
    'a cursor whose worker is no longer listed starts again at their village',
  );
  const badCursor = await stack.api.get(`/api/v1/coverage?cursor=bm9wZQ`, otherOfficer);
  t.equal(badCursor.status, 400);
  t.ok(
    badCursor.body.errors?.some((e: { field: string }) => e.field === 'cursor'),
    'a cursor the list never issued is named',
  );
  const mine = await stack.api.get('/api/v1/coverage', officer);
  t.notOk(
    mine.body.townships.some((x: { code: string }) => x.code === '140723102'),
    'officers see their townships only',
  );
  t.ok(mine.body.totals.covered >= 1, 'referred and recently contacted workers of 恋思村 are covered');
  t.equal((await stack.api.get('/api/v1/coverage?village=1407231', admin)).status, 400, 'a malformed village is named');

  const dash = await stack.api.get('/api/v1/dashboard', admin);
  t.equal(dash.status, 200, JSON.stringify(dash.body));
  t.ok(dash.body.workers.registered >= 8);
  t.ok(dash.body.workers.registeredPoorShare > 0 && dash.body.workers.registeredPoorShare < 1);
  t.equal(dash.body.workers.unionMembers, 1);
  t.equal(dash.body.party.groups, 1);
  t.ok(dash.body.placements.byTier.out_of_province >= 2);
  t.equal(dash.body.monthlyPlacements.length, 12);
  t.ok(dash.body.coverage.target >= 3);
  // Counted in the database, the dashboard's figures are the totals of the list they summarise.
  const list = await stack.api.get('/api/v1/coverage', admin);
  t.match(dash.body.coverage, { target: list.body.totals.target, covered: list.body.totals.covered });
  const scoped = await stack.api.get('/api/v1/dashboard', otherOfficer);
  t.equal(scoped.body.workers.registered, 4, 'an officer sees the figures of their townships');
  t.equal(scoped.body.placements.total, 0);
});

t.test('the dashboard is kept only while nothing in placement has been written since', async (t) => {
  const untracked = await query<{ tablename: string }>(
    stack,
    `SELECT tablename FROM pg_tables WHERE schemaname = 'placement'
       AND tablename NOT IN ('schema_migrations', 'data_version')
       AND (SELECT count(*) FROM pg_trigger g WHERE g.tgrelid = format('placement.%I', tablename)::regclass
              AND g.tgname IN ('raise_data_version', 'raise_data_version_truncate')) <> 2`,
  );
  t.same(untracked, [], 'every table of the schema raises the version (a new table needs the trigger)');
  const version = async () =>
    (await query<{ v: string }>(stack, 'SELECT sum(n)::text AS v FROM placement.data_version'))[0]!.v;

  const { worker, opening } = await given();
  const before = (await stack.api.get('/api/v1/dashboard', admin)).body;
  const v = await version();
  t.same((await stack.api.get('/api/v1/dashboard', admin)).body, before, 'read again: the same figures');
  t.equal(await version(), v, 'reading changes nothing');

  // A write through the API is in the very next answer, though the figures before it were kept.
  const referred = await stack.api.post(
    '/api/v1/applications',
    { openingId: opening.id, workerId: worker.id },
    officer,
  );
  t.equal(referred.status, 201, JSON.stringify(referred.body));
  t.not(await version(), v, 'the write raised the version');
  const after = (await stack.api.get('/api/v1/dashboard', admin)).body;
  t.equal(after.applications.total, before.applications.total + 1);
  t.equal(after.applications.referrals, before.applications.referrals + 1);

  // And a write by a consumer: a worker placement learns of from the bus.
  const { worker: another } = await given();
  t.ok(another.id);
  const last = (await stack.api.get('/api/v1/dashboard', admin)).body;
  t.equal(last.workers.registered, after.workers.registered + 1, 'the consumer wrote the worker: counted at once');
});

t.test('bad input is refused with a problem naming the field, and nothing is written', async (t) => {
  const { worker, opening } = await given();
  const before = await query<{ n: number }>(stack, 'SELECT count(*)::int AS n FROM placement.applications');
  const cases: [string, unknown, string][] = [
    ['missing opening', { workerId: worker.id }, 'openingId'],
    ['not a uuid', { openingId: 'x', workerId: worker.id }, 'openingId'],
    ['unknown field', { openingId: opening.id, workerId: worker.id, priority: 1 }, 'priority'],
    ['officer without worker', { openingId: opening.id }, 'workerId'],
  ];
  for (const [what, body, field] of cases) {
    const r = await stack.api.post('/api/v1/applications', body, officer);
    t.equal(r.status, 400, what);
    t.match(r.headers.get('content-type'), /application\/problem\+json/);
    t.ok(
      r.body.errors?.some((e: { field: string }) => e.field === field),
      `${what} names ${field}: ${JSON.stringify(r.body.errors)}`,
    );
  }
  t.equal(
    (await stack.api.post('/api/v1/applications', { openingId: randomUUID(), workerId: worker.id }, officer)).status,
    404,
  );
  const a = (await stack.api.post('/api/v1/applications', { openingId: opening.id, workerId: worker.id }, officer))
    .body;
  const patches: [unknown, string][] = [
    [{ status: 'promoted' }, 'status'],
    [{ status: 'screening', startDate: '2026-01-01' }, 'startDate'],
    [{ status: 'hired', agreedWage: '6000' }, 'agreedWage'],
  ];
  for (const [body, field] of patches) {
    const r = await stack.api.patch(`/api/v1/applications/${a.id}`, body, employer);
    t.equal(r.status, 400);
    t.ok(
      r.body.errors?.some((e: { field: string }) => e.field === field),
      `names ${field}`,
    );
  }
  const pl = await stack.api.get('/api/v1/placements?due=true&overdue=true', admin);
  t.equal(pl.status, 400);
  t.equal(
    (
      await stack.api.post(
        `/api/v1/placements/${randomUUID()}/follow-ups`,
        { day: 45, stillEmployed: true, wagesPaidOnTime: true },
        officer,
      )
    ).body.errors[0].field,
    'day',
  );
  t.equal((await stack.api.patch(`/api/v1/subsidies/${randomUUID()}`, { status: 'eligible' }, admin)).status, 400);
  const after = await query<{ n: number }>(stack, 'SELECT count(*)::int AS n FROM placement.applications');
  t.equal(after[0]!.n, before[0]!.n + 1, 'only the one valid application was written');
  const key = `k-${Date.now()}`;
  const other = await given();
  const i1 = await stack.api.post(
    '/api/v1/applications',
    { openingId: other.opening.id, workerId: other.worker.id },
    officer,
    { 'idempotency-key': key },
  );
  const i2 = await stack.api.post(
    '/api/v1/applications',
    { openingId: other.opening.id, workerId: other.worker.id },
    officer,
    { 'idempotency-key': key },
  );
  t.equal(i2.status, 201, 'a retried referral gets the first answer');
  t.equal(i2.body.id, i1.body.id);
});

t.test('the coverage list, the subsidy ledger and the dashboard as xlsx (issue 19)', async (t) => {
  /** The rows of a sheet of an export, as text, without the caption lines above the header. */
  const sheet = async (path: string, token: string, title: string) => {
    const r = await stack.api.download(path, token);
    t.equal(r.status, 200, `${path}: ${r.status}`);
    t.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    t.match(r.headers.get('content-disposition'), /^attachment; filename="[\w.-]+\.xlsx"; filename\*=UTF-8''%/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as never);
    const ws = wb.getWorksheet(title);
    t.ok(ws, `a sheet ${title}`);
    const rows: string[][] = [];
    ws!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows.findIndex((r) => r[0] === '姓名' || r[0] === '乡镇' || r[0] === '类别' || r[0] === '月份');
    return { caption: rows.slice(0, header).map((r) => r[0]), header: rows[header]!, rows: rows.slice(header + 1) };
  };

  // The subsidy ledger: every subsidy of the caller's scope, in its state, with its sum in the caption.
  const all = (await stack.api.get('/api/v1/subsidies?limit=200', admin)).body.items as {
    workerName: string;
    amount: number;
    status: string;
  }[];
  t.ok(all.length >= 2, `subsidies to export (${all.length})`);
  const ledger = await sheet('/api/v1/subsidies/export', admin, '奖补');
  t.same(ledger.header.slice(0, 6), ['姓名', '乡镇', '村', '奖补项目', '金额（元）', '状态']);
  t.equal(ledger.rows.length, all.length, 'one row per subsidy');
  const sum = all.reduce((n, s) => n + s.amount, 0);
  t.match(ledger.caption[1], new RegExp(`共 ${all.length} 笔，合计 ${sum} 元`));
  t.same(
    ledger.rows.map((r) => Number(r[4])).reduce((a, b) => a + b, 0),
    sum,
    'amounts stay numbers',
  );
  const eligible = await sheet('/api/v1/subsidies/export?status=eligible', admin, '奖补');
  t.equal(eligible.rows.length, all.filter((s) => s.status === 'eligible').length);
  t.ok(
    eligible.rows.every((r) => r[5] === '待审批'),
    'of the state asked',
  );
  const officers = (await stack.api.get('/api/v1/subsidies?limit=200', otherOfficer)).body.items.length as number;
  t.equal((await sheet('/api/v1/subsidies/export', otherOfficer, '奖补')).rows.length, officers, "an officer's scope");
  const wrong = await stack.api.get('/api/v1/subsidies/export?status=lost', admin);
  t.equal(wrong.status, 400);
  t.equal(wrong.body.errors[0].field, 'status');
  t.equal((await stack.api.download('/api/v1/subsidies/export', employer)).status, 403, 'not for employers');

  // The coverage list: everyone not covered, and the figures of each village.
  const coverage = (await stack.api.get('/api/v1/coverage?limit=5000', admin)).body;
  const people = await sheet('/api/v1/coverage/export', admin, '未覆盖人员');
  t.equal(people.rows.length, coverage.notCovered.length, 'one row per person not covered');
  t.same(
    people.rows.map((r) => r[0]),
    coverage.notCovered.map((p: { name: string }) => p.name),
  );
  t.match(people.caption[0], /不漏一户、不落一人 覆盖清单/);
  const places = await sheet('/api/v1/coverage/export', admin, '各村覆盖情况');
  const villages = coverage.townships.flatMap((tw: { villages: unknown[] }) => tw.villages).length;
  t.equal(places.rows.length, coverage.townships.length + villages, 'a row for each township and village');
  t.equal(
    (await stack.api.download('/api/v1/coverage/export?township=140723102', officer)).status,
    404,
    'not outside the officer’s townships',
  );
  t.equal((await stack.api.get('/api/v1/coverage/export?limit=5', admin)).body.errors[0].field, 'limit');

  // The dashboard: its figures by name.
  const d = (await stack.api.get('/api/v1/dashboard', admin)).body;
  const figures = await sheet('/api/v1/dashboard/export', admin, '数据看板');
  const value = (name: string) => figures.rows.find((r) => r[1] === name)?.[2];
  t.equal(value('就业人数'), String(d.placements.total));
  t.equal(value('登记务工人员'), String(d.workers.registered));
  t.equal(value('已发放金额（元）'), String(d.subsidies.paidAmount));
  t.equal((await sheet('/api/v1/dashboard/export', admin, '每月就业')).rows.length, d.monthlyPlacements.length);
});
