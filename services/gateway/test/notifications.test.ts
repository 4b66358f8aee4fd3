import { randomUUID } from 'node:crypto';
import { type Pool, createPool } from '@tongxin/db';
import { SCHEMA, ensureAccounts } from '@tongxin/gateway';
import { createCloudEvent } from '@tongxin/events';
import { DEMO_PASSWORD, type Stack, type StackBus, eventually, stackBus, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { AliyunSmsSender } from '../src/notify/aliyun.ts';
import { Dispatcher, type DispatcherOptions } from '../src/notify/dispatcher.ts';
import { MessageLog, type SmsSender, phoneKey } from '../src/notify/sms.ts';
import { NotificationStore, type PhoneOf } from '../src/notify/store.ts';
import { LoggedWechat, WechatSubscribeSender } from '../src/notify/wechat.ts';
import { startFakeAliyun, startFakeWechat } from './support/fake-providers.ts';

/**
 * Notifications through the gateway (issue 15 items 4 and 5, ADR 0013): events arrive on the real
 * embedded bus (published as their producers would), notices land in the recipients' inboxes once.
 */
let stack: Stack;
let bus: StackBus;
let db: pg.Client;
const VILLAGE = '140723100236'; // 义兴镇恋思村: officer.yixing's township
const workerId = randomUUID();
const employerId = randomUUID();

t.before(async () => {
  // Deliveries are sent by dispatchers each test runs itself (below), one pass at a time.
  stack = await startStack({
    services: [],
    settings: { NOTIFY_DISPATCHER: 'false', NOTIFY_MATCH_ALERTS_PER_DAY: '2' },
  });
  bus = await stackBus(stack.settings, 'notify-test');
  await ensureAccounts(stack.db.connectionString, [
    { username: 'worker.notify', password: DEMO_PASSWORD, role: 'worker', displayName: '韩工', workerId },
    { username: 'boss.notify', password: DEMO_PASSWORD, role: 'employer', displayName: '企业', employerId },
  ]);
  db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
});
t.teardown(async () => {
  await db?.end();
  await bus?.close();
  await stack?.stop();
});

export function application(over: Record<string, unknown> = {}) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    workerId,
    openingId: randomUUID(),
    employerId,
    status: 'submitted',
    homeVillageCode: VILLAGE,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

const statusChanged = (app: ReturnType<typeof application>, from: string, to: string) =>
  createCloudEvent({
    type: 'application.status-changed',
    source: '/tongxin/placement',
    subject: app.id,
    data: { application: { ...app, status: to }, from, to, by: 'employer' },
  });

async function inbox(token: string, query = '') {
  const r = await stack.api.get(`/api/v1/notifications${query}`, token);
  if (r.status !== 200) throw new Error(`inbox: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as {
    items: { id: string; kind: string; title: string; body: string; read: boolean }[];
    unread: number;
  };
}

const AT = '2026-12-10T01:30:00Z'; // 09:30 in the county
const PLACE = '县人力资源市场三楼';
const interviewScheduled = (app: ReturnType<typeof application>, revision = 1) =>
  createCloudEvent({
    type: 'application.interview-scheduled',
    source: '/tongxin/placement',
    subject: app.id,
    data: {
      applicationId: app.id,
      workerId: app.workerId,
      openingId: app.openingId,
      employerId: app.employerId,
      at: AT,
      place: PLACE,
      revision,
    },
  });

t.test(
  "an application moving to interview, then the employer's interview notice, reach the worker's inbox once each, however often they arrive",
  async (t) => {
    const worker = await stack.login('worker.notify');
    const app = application();
    await bus.publish(statusChanged(app, 'screening', 'interview'));
    const moved = await eventually('the status notice', async () => {
      const box = await inbox(worker);
      return box.items.length === 1 && box;
    });
    t.equal(moved.items[0]?.kind, 'application-status');
    t.equal(moved.items[0]?.title, '求职申请进入面试环节');
    // Same subject, so after the status change on the bus.
    const scheduled = interviewScheduled(app);
    await bus.publish(scheduled);
    const first = await eventually('the interview notice', async () => {
      const box = await inbox(worker);
      return box.items.some((n) => n.kind === 'interview') && box;
    });
    t.equal(first.items[0]?.title, '面试通知');
    t.equal(first.items[0]?.body, `面试时间：2026-12-10 09:30，地点：${PLACE}。`, 'county time and place');
    t.equal(first.unread, 2);

    // Redelivered (the bus is at least once), then another event after it: still one notice for the first.
    await bus.publish(scheduled);
    await bus.publish(statusChanged(app, 'interview', 'offered'));
    const after = await eventually('the offer notice', async () => {
      const box = await inbox(worker);
      return box.items.length >= 3 && box;
    });
    t.equal(after.items.filter((n) => n.kind === 'interview').length, 1, 'the redelivered event gave no second notice');
    t.equal(after.unread, 3);
    t.same(
      after.items.map((n) => n.kind),
      ['application-status', 'interview', 'application-status'],
      'newest first',
    );

    // Read one, then only unread ones are listed; someone else cannot touch it.
    const interview = after.items.find((n) => n.kind === 'interview')!;
    const officer = await stack.login('officer.yixing');
    t.equal((await stack.api.post(`/api/v1/notifications/${interview.id}/read`, {}, officer)).status, 404);
    t.equal((await stack.api.post(`/api/v1/notifications/${interview.id}/read`, {}, worker)).status, 204);
    t.equal((await stack.api.post(`/api/v1/notifications/${interview.id}/read`, {}, worker)).status, 204, 'again');
    const unread = await inbox(worker, '?unread=true');
    t.same(
      unread.items.map((n) => n.kind),
      ['application-status', 'application-status'],
    );
    t.equal(unread.unread, 2);
    t.same((await stack.api.post('/api/v1/notifications/read-all', {}, worker)).body, { marked: 2 });
    t.equal((await inbox(worker)).unread, 0);
    t.equal((await inbox(officer)).items.length, 0, 'the officer was told nothing of it');
  },
);

t.test(
  'matching openings (at most N a county day), saved searches, training, follow-ups, closing openings',
  async (t) => {
    const worker = await stack.login('worker.notify');
    const employer = await stack.login('boss.notify');
    const before = (await inbox(worker)).items.length;
    const openingIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, openingId] of openingIds.entries()) {
      await bus.emit('opening.matched', '/tongxin/matching', openingId, {
        openingId,
        employerId,
        title: `焊工${i + 1}`,
        matches: [
          { workerId, score: 0.91 },
          { workerId: randomUUID(), score: 0.8 },
        ],
      });
    }
    await bus.emit('saved-search.matched', '/tongxin/matching', randomUUID(), {
      savedSearchId: randomUUID(),
      workerId,
      name: '苏州焊工',
      openingIds,
    });
    await bus.emit('batch.recommended', '/tongxin/training', randomUUID(), {
      batchId: randomUUID(),
      courseId: randomUUID(),
      workerIds: [workerId],
    });
    await bus.emit('placement.follow-up-due', '/tongxin/placement', randomUUID(), {
      placementId: randomUUID(),
      workerId,
      village: VILLAGE,
      dueDate: '2026-12-01',
      kind: 30,
    });
    await bus.emit('opening.closing-soon', '/tongxin/employer', openingIds[0]!, {
      openingId: openingIds[0],
      employerId,
      title: '焊工1',
      closesOn: '2026-12-05',
      filled: 1,
      headcount: 5,
    });
    const kinds = await eventually('the worker notices', async () => {
      const k = (await inbox(worker)).items.map((n) => n.kind);
      return (
        k.length >= before + 5 && k.includes('follow-up') && k.includes('training') && k.includes('saved-search') && k
      );
    });
    t.equal(kinds.filter((k) => k === 'opening-match').length, 2, 'the daily cap (NOTIFY_MATCH_ALERTS_PER_DAY=2 here)');
    const box = (await inbox(worker)).items;
    t.match(box.find((n) => n.kind === 'saved-search')?.title, '您关注的搜索有新岗位');
    const closing = await eventually('the closing notice', async () =>
      (await inbox(employer)).items.find((n) => n.kind === 'closing-soon'),
    );
    t.equal(closing.title, '岗位即将截止');
  },
);

t.test('the inbox pages newest first with a cursor; a forged cursor is a 400 naming it', async (t) => {
  // An employer of its own, whose inbox holds these three only.
  const ownEmployer = randomUUID();
  await ensureAccounts(stack.db.connectionString, [
    { username: 'boss.pages', password: DEMO_PASSWORD, role: 'employer', displayName: '企业', employerId: ownEmployer },
  ]);
  const employer = await stack.login('boss.pages');
  for (let i = 0; i < 3; i++) {
    await bus.emit('application.submitted', '/tongxin/placement', randomUUID(), {
      application: application({ employerId: ownEmployer }),
    });
  }
  await eventually('three applicant notices', async () => (await inbox(employer)).items.length === 3);
  const p1 = await stack.api.get('/api/v1/notifications?limit=2', employer);
  t.equal(p1.body.items.length, 2);
  t.ok(p1.body.nextCursor);
  const p2 = await stack.api.get(`/api/v1/notifications?limit=2&cursor=${p1.body.nextCursor}`, employer);
  t.equal(p2.body.items.length, 1);
  t.notOk(p2.body.nextCursor);
  const ids = [...p1.body.items, ...p2.body.items].map((n: { id: string }) => n.id);
  t.equal(new Set(ids).size, 3);
  const bad = await stack.api.get('/api/v1/notifications?cursor=bm9wZQ', employer);
  t.equal(bad.status, 400);
  t.match(bad.body.errors, [{ field: 'cursor' }]);
});

t.test(
  'an officer referral tells the employer; a worker placed, separated or unpaid tells the village officers',
  async (t) => {
    const employer = await stack.login('boss.notify');
    const yixing = await stack.login('officer.yixing');
    const songyan = await stack.login('officer.songyan');
    await bus.emit('application.submitted', '/tongxin/placement', randomUUID(), {
      application: application({ referredBy: 'officer.yixing' }),
    });
    await eventually('the referral notice', async () =>
      (await inbox(employer)).items.some((n) => n.kind === 'referral'),
    );

    const placement = {
      id: randomUUID(),
      applicationId: randomUUID(),
      workerId,
      openingId: randomUUID(),
      employerId,
      homeVillageCode: VILLAGE,
      startDate: '2026-12-10',
      agreedWage: 5200,
      tier: 'out_of_province',
      status: 'active',
      hiredAt: new Date().toISOString(),
    };
    await bus.emit('placement.hired', '/tongxin/placement', placement.id, { placement });
    await bus.emit('placement.wages-unpaid', '/tongxin/placement', placement.id, {
      placementId: placement.id,
      workerId,
      village: VILLAGE,
      employerId,
      openingId: placement.openingId,
      day: 30,
      reportedAt: new Date().toISOString(),
    });
    await bus.emit('placement.separated', '/tongxin/placement', placement.id, {
      placement: { ...placement, status: 'separated' },
      reason: '合同到期',
      separatedAt: '2027-01-10',
    });
    const kinds = await eventually('three notices for the village officer', async () => {
      const k = (await inbox(yixing)).items.map((n) => n.kind);
      return k.length >= 3 && k;
    });
    t.same([...kinds].sort(), ['placed', 'separated', 'wages-unpaid']);
    t.equal((await inbox(songyan)).items.length, 0, "another township's officer hears nothing");
  },
);

t.test('events older than NOTIFY_MAX_EVENT_AGE_HOURS tell no one (a first start replays history)', async (t) => {
  const employer = await stack.login('boss.notify');
  const before = (await inbox(employer)).items.length;
  const old = application();
  await bus.publish(
    createCloudEvent({
      type: 'application.submitted',
      source: '/tongxin/placement',
      subject: old.id,
      data: { application: old },
      time: new Date(Date.now() - 3 * 86_400_000),
    }),
  );
  // Then a fresh one on the same subject: once it is in, the old one has been handled.
  await bus.emit('application.submitted', '/tongxin/placement', old.id, { application: { ...old, id: randomUUID() } });
  const after = await eventually('the fresh notice', async () => {
    const box = await inbox(employer);
    return box.items.length > before && box;
  });
  t.equal(after.items.length, before + 1, 'only the fresh event gave a notice');
});

t.test('preferences: read, changed, and bad input named', async (t) => {
  const worker = await stack.login('worker.notify');
  const before = await stack.api.get('/api/v1/notifications/preferences', worker);
  t.equal(before.status, 200);
  t.same(before.body.quietHours, { start: '22:00', end: '07:00' });
  t.equal(before.body.digest, false);
  t.same(before.body.kinds.interview, { sms: true, wechat: true });
  const put = (body: unknown) => stack.api.request('PUT', '/api/v1/notifications/preferences', { token: worker, body });
  const changed = await put({
    digest: true,
    quietHours: { start: '21:30', end: '08:00' },
    kinds: { interview: { sms: false, wechat: true } },
  });
  t.equal(changed.status, 200, JSON.stringify(changed.body));
  t.equal(changed.body.digest, true);
  t.same(changed.body.quietHours, { start: '21:30', end: '08:00' });
  t.same(changed.body.kinds.interview, { sms: false, wechat: true });
  const again = await put({
    digest: true,
    quietHours: { start: '21:30', end: '08:00' },
    kinds: { interview: { sms: false, wechat: true } },
  });
  t.same(again.body, changed.body, 'the same request again changes nothing');
  const badKind = await put({ kinds: { lottery: { sms: true, wechat: true } } });
  t.equal(badKind.status, 400);
  t.match(badKind.body.errors, [{ field: 'kinds.lottery' }]);
  const badTime = await put({ quietHours: { start: '25:00', end: '07:00' } });
  t.equal(badTime.status, 400);
  t.match(JSON.stringify(badTime.body.errors), /quietHours/);
  await put({
    digest: false,
    quietHours: { start: '22:00', end: '07:00' },
    kinds: { interview: { sms: true, wechat: true } },
  });
});

t.test('unsubscribe: one click by the link, a page in Chinese; an unknown link is a 404', async (t) => {
  const worker = await stack.login('worker.notify');
  const prefs = (await stack.api.get('/api/v1/notifications/preferences', worker)).body;
  const link = prefs.channels.sms.unsubscribeLink as string;
  const page = await stack.api.get(link);
  t.equal(page.status, 200);
  t.match(page.headers.get('content-type'), /text\/html/);
  t.match(page.body, /您已退订同心的短信通知/);
  t.equal((await stack.api.get(link)).status, 200, 'clicking again is harmless');
  t.equal((await stack.api.get('/api/v1/notifications/preferences', worker)).body.channels.sms.subscribed, false);
  t.equal((await stack.api.get('/api/v1/notifications/unsubscribe?token=not-a-token-at-all')).status, 404);
  const back = await stack.api.request('PUT', '/api/v1/notifications/preferences', {
    token: worker,
    body: { channels: { sms: true } },
  });
  t.equal(back.body.channels.sms.subscribed, true);
});

t.test('delivery records are for administrators only', async (t) => {
  const admin = await stack.login('admin');
  const officer = await stack.login('officer.yixing');
  t.equal((await stack.api.get('/api/v1/admin/deliveries?status=failed', admin)).status, 200);
  t.equal((await stack.api.get('/api/v1/admin/deliveries', officer)).status, 403);
  t.equal((await stack.api.get('/api/v1/admin/deliveries?status=lost', admin)).status, 400);
  t.equal((await stack.api.get('/api/v1/notifications')).status, 401);
});

// --- delivery: SMS and WeChat through the dispatcher ------------------------------------------

const smsWorkerId = randomUUID();
const PHONE = '13912345678';
/**
 * Stands in for signup's AccountRepository.phoneOf (migration 0004, not on this branch yet): the
 * phone verified for the account. Everything else below is the real module.
 */
const phones = new Map<string, string>();
const phoneOf: PhoneOf = async (_db, accountId) => phones.get(accountId);
let pool: Pool;
let smsWorker: string;
let smsAccount: string;

function dispatcher(over: Partial<DispatcherOptions> = {}) {
  return new Dispatcher({
    pool,
    schema: SCHEMA,
    store: new NotificationStore(SCHEMA),
    sms: new MessageLog(pool, SCHEMA, stack.settings.JWT_SECRET!),
    wechat: new LoggedWechat(new MessageLog(pool, SCHEMA, stack.settings.JWT_SECRET!)),
    phoneOf,
    offsetMinutes: 480,
    leaseMs: 60_000,
    maxAttempts: 3,
    retryBaseMs: 20,
    sendTimeoutMs: 2000,
    intervalMs: 50,
    ...over,
  });
}

const countyNow = () => {
  const d = new Date(Date.now() + 480 * 60_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
};
const hhmm = (m: number) => {
  const x = ((m % 1440) + 1440) % 1440;
  return `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
};
const putPrefs = (body: unknown) =>
  stack.api.request('PUT', '/api/v1/notifications/preferences', { token: smsWorker, body });

async function deliveriesOf(notificationKind: string) {
  const r = await db.query(
    `SELECT d.* FROM gateway.notification_deliveries d JOIN gateway.notifications n ON n.id = d.notification_id
      WHERE n.account_id = $1 AND n.kind = $2 ORDER BY d.created_at, d.channel`,
    [smsAccount, notificationKind],
  );
  return r.rows as {
    id: string;
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date;
    provider_id: string | null;
    notification_id: string;
  }[];
}
const logged = async () =>
  (
    await db.query(`SELECT * FROM gateway.message_log WHERE recipient_hash = $1 ORDER BY created_at`, [
      phoneKey(stack.settings.JWT_SECRET!, PHONE),
    ])
  ).rows as { body: string; out_id: string; channel: string }[];

/** Publishes a status change of a new application of the SMS worker and waits for its notice. */
async function notify(to: 'interview' | 'offered') {
  const app = application({ workerId: smsWorkerId });
  const event = to === 'interview' ? interviewScheduled(app) : statusChanged(app, 'interview', to);
  await bus.publish(event);
  await eventually('the notice', async () => {
    const r = await db.query('SELECT 1 FROM gateway.notifications WHERE event_id = $1', [event.id]);
    return r.rowCount === 1;
  });
  return { event, app };
}

t.test('SMS', async (t) => {
  await ensureAccounts(stack.db.connectionString, [
    { username: 'worker.sms', password: DEMO_PASSWORD, role: 'worker', displayName: '短信工', workerId: smsWorkerId },
  ]);
  smsWorker = await stack.login('worker.sms');
  smsAccount = (await stack.api.get('/api/v1/auth/me', smsWorker)).body.sub;
  phones.set(smsAccount, PHONE);
  pool = createPool(stack.db.connectionString, { max: 2 });
  t.teardown(() => pool.end());
  // No quiet hours (start = end), so that these do not depend on the time of day they run at.
  t.equal((await putPrefs({ quietHours: { start: '00:00', end: '00:00' } })).status, 200);

  t.test('the interview notice goes to the verified phone once, however often the event arrives', async (t) => {
    const { event, app } = await notify('interview');
    const d = dispatcher();
    await d.runOnce();
    const [sms] = await deliveriesOf('interview');
    t.equal(sms?.status, 'sent');
    const log = await logged();
    t.equal(log.length, 1);
    t.equal(log[0]!.body, `【同心】面试通知：面试时间：2026-12-10 09:30，地点：${PLACE}。详情请登录同心查看。`);
    t.equal(log[0]!.out_id, sms!.id, 'the delivery id is the idempotency key');
    t.equal(
      sms!.provider_id,
      (await db.query('SELECT id FROM gateway.message_log WHERE out_id = $1', [sms!.id])).rows[0].id,
    );
    // Redelivered, then the application's next move (same subject, so it comes after): one SMS still.
    await bus.publish(event);
    const next = statusChanged(app, 'interview', 'offered'); // the same subject: after it
    await bus.publish(next);
    await eventually('the next notice', async () => {
      const r = await db.query('SELECT 1 FROM gateway.notifications WHERE event_id = $1', [next.id]);
      return r.rowCount === 1;
    });
    await d.runOnce();
    t.equal((await deliveriesOf('interview')).length, 1, 'no second delivery for the redelivered event');
    t.equal((await logged()).filter((m) => /面试通知/.test(m.body)).length, 1, 'one interview SMS');
  });

  t.test('quiet hours (county time) defer the SMS to their end; the inbox does not wait', async (t) => {
    const now = countyNow();
    await putPrefs({ quietHours: { start: hhmm(now - 60), end: hhmm(now + 60) } });
    const before = (await logged()).length;
    await notify('interview');
    const [sms] = (await deliveriesOf('interview')).slice(-1);
    t.equal(sms?.status, 'pending');
    const wait = new Date(sms!.next_attempt_at).getTime() - Date.now();
    t.ok(
      wait > 55 * 60_000 && wait <= 61 * 60_000,
      `deferred to the end of quiet hours (${Math.round(wait / 60_000)} min)`,
    );
    await dispatcher().runOnce();
    t.equal((await logged()).length, before, 'nothing sent during quiet hours');
    t.equal((await stack.api.get('/api/v1/notifications?unread=true', smsWorker)).body.items[0].kind, 'interview');
    // Dispatched anyway once due (as if the hour had passed): quiet hours still hold it back.
    await db.query('UPDATE gateway.notification_deliveries SET next_attempt_at = now() WHERE id = $1', [sms!.id]);
    await dispatcher().runOnce();
    const [again] = (await deliveriesOf('interview')).slice(-1);
    t.equal(again?.status, 'pending');
    t.equal(again?.attempts, 0, 'no attempt spent');
    t.equal((await logged()).length, before);
    await db.query("UPDATE gateway.notification_deliveries SET status = 'skipped' WHERE id = $1", [sms!.id]);
    await putPrefs({ quietHours: { start: '00:00', end: '00:00' } });
  });

  t.test('a kind turned off sends no SMS (recorded skipped); the inbox still has it', async (t) => {
    await putPrefs({ kinds: { interview: { sms: false, wechat: true } } });
    const before = (await logged()).length;
    await notify('interview');
    await dispatcher().runOnce();
    const [sms] = (await deliveriesOf('interview')).slice(-1);
    t.equal(sms?.status, 'skipped');
    t.equal(sms?.last_error, 'turned off for this kind');
    t.equal((await logged()).length, before);
    await putPrefs({ kinds: { interview: { sms: true, wechat: true } } });
  });

  t.test('unsubscribed by the link: no SMS', async (t) => {
    const link = (await stack.api.get('/api/v1/notifications/preferences', smsWorker)).body.channels.sms
      .unsubscribeLink;
    t.equal((await stack.api.get(link)).status, 200);
    const before = (await logged()).length;
    await notify('offered');
    await dispatcher().runOnce();
    const [sms] = (await deliveriesOf('application-status')).slice(-1);
    t.equal(sms?.status, 'skipped');
    t.equal(sms?.last_error, 'unsubscribed');
    t.equal((await logged()).length, before);
    await putPrefs({ channels: { sms: true } });
  });

  t.test('the daily digest collects the notices into one message', async (t) => {
    await putPrefs({ digest: true });
    const before = (await logged()).length;
    await notify('interview');
    await notify('offered');
    const due = (
      await db.query(
        "SELECT id, next_attempt_at FROM gateway.notification_deliveries WHERE account_id = $1 AND status = 'pending' AND digest",
        [smsAccount],
      )
    ).rows;
    t.equal(due.length, 2);
    t.ok(
      due.every((r) => new Date(r.next_attempt_at).getTime() > Date.now()),
      'held for the digest',
    );
    await db.query('UPDATE gateway.notification_deliveries SET next_attempt_at = now() WHERE id = ANY($1::uuid[])', [
      due.map((r) => r.id),
    ]);
    await dispatcher().runOnce();
    const log = await logged();
    t.equal(log.length, before + 1, 'one message');
    t.match(log.at(-1)!.body, /今日通知2条：(面试通知；求职申请有新进展|求职申请有新进展；面试通知)/);
    const sent = (
      await db.query('SELECT status, provider_id FROM gateway.notification_deliveries WHERE id = ANY($1::uuid[])', [
        due.map((r) => r.id),
      ])
    ).rows;
    t.same(
      sent.map((r) => r.status),
      ['sent', 'sent'],
    );
    t.equal(sent[0].provider_id, sent[1].provider_id);
    await putPrefs({ digest: false });
  });

  t.test(
    'Alibaba Cloud SendSms: signed as documented, OutId = delivery id; a failing provider is retried with backoff, then recorded failed with its reason',
    async (t) => {
      const fake = await startFakeAliyun('LTAI-test-key', 'test-secret/+=*~');
      t.teardown(() => fake.close());
      const sms = new AliyunSmsSender({
        endpoint: fake.url,
        accessKeyId: 'LTAI-test-key',
        accessKeySecret: 'test-secret/+=*~',
        signName: '同心',
        templateCodes: { notice: 'SMS_000001' },
        timeoutMs: 2000,
      });
      await notify('interview');
      await dispatcher({ sms }).runOnce();
      const [ok] = (await deliveriesOf('interview')).slice(-1);
      t.equal(ok?.status, 'sent', ok?.last_error ?? '');
      t.equal(fake.requests.length, 1);
      t.ok(fake.requests[0]!.signatureValid, 'the fake verified the signature');
      t.equal(fake.requests[0]!.params.OutId, ok!.id);
      t.equal(ok!.provider_id, `biz-${ok!.id}`);
      t.same(fake.accepted.get(ok!.id), {
        phone: PHONE,
        templateCode: 'SMS_000001',
        templateParam: { title: '面试通知', summary: `面试时间：2026-12-10 09:30，地点：${PLACE}` },
      });
      const wrongKey = new AliyunSmsSender({
        endpoint: fake.url,
        accessKeyId: 'LTAI-test-key',
        accessKeySecret: 'not-the-secret',
        signName: '同心',
        templateCodes: { notice: 'SMS_000001' },
        timeoutMs: 2000,
      });
      await t.rejects(
        wrongKey.send({ phone: PHONE, template: 'notice', params: { title: 'x', summary: 'y' } }),
        /SignatureDoesNotMatch/,
      );

      fake.failWith = 'isv.BUSINESS_LIMIT_CONTROL';
      const requestsBefore = fake.requests.length;
      await notify('offered');
      const d = dispatcher({ sms, retryBaseMs: 100 });
      const times: number[] = [];
      const failed = await eventually('the delivery recorded failed', async () => {
        if ((await d.runOnce()) > 0) times.push(Date.now());
        const [x] = (await deliveriesOf('application-status')).slice(-1);
        return x?.status === 'failed' && x;
      });
      t.equal(failed.attempts, 3);
      t.match(failed.last_error, /isv\.BUSINESS_LIMIT_CONTROL/);
      t.equal(fake.requests.length - requestsBefore, 3, 'three attempts reached the provider');
      t.ok(
        times[1]! - times[0]! >= 100 && times[2]! - times[1]! >= 200,
        `backoff doubles: ${times[1]! - times[0]!}, ${times[2]! - times[1]!} ms`,
      );
      const admin = await stack.login('admin');
      const records = await stack.api.get('/api/v1/admin/deliveries?status=failed&channel=sms', admin);
      t.ok(
        records.body.items.some(
          (r: { id: string; lastError?: string }) => r.id === failed.id && /BUSINESS_LIMIT/.test(r.lastError ?? ''),
        ),
      );
      const box = (await stack.api.get('/api/v1/notifications', smsWorker)).body;
      t.equal(box.items[0].kind, 'application-status', 'the inbox has it all the same');
      t.equal(box.items[0].read, false);
    },
  );

  t.test('a provider that does not answer times out and is retried, without holding up the inbox', async (t) => {
    const hanging: SmsSender = { send: () => new Promise(() => {}) };
    await notify('offered');
    const d = dispatcher({ sms: hanging, sendTimeoutMs: 100 });
    await d.runOnce();
    const [x] = (await deliveriesOf('application-status')).slice(-1);
    t.equal(x?.status, 'pending');
    t.match(x?.last_error, /timed out/);
    await db.query("UPDATE gateway.notification_deliveries SET status = 'skipped' WHERE id = $1", [x!.id]);
  });

  t.test('WeChat subscription messages: access_token fetched once and cached, data as {key: {value}}', async (t) => {
    const fake = await startFakeWechat('wx-app', 'wx-secret');
    t.teardown(() => fake.close());
    const wechat = new WechatSubscribeSender({
      baseUrl: fake.url,
      appId: 'wx-app',
      appSecret: 'wx-secret',
      templateId: 'TPL-1',
      timeoutMs: 2000,
    });
    t.equal(
      (await putPrefs({ wechatOpenid: 'oWX-openid-0001', channels: { sms: false } })).body.channels.wechat.bound,
      true,
    );
    await notify('interview');
    await notify('offered');
    await dispatcher({ wechat }).runOnce();
    t.equal(fake.sent.length, 2);
    t.equal(fake.tokensIssued, 1, 'the token was cached');
    t.equal(fake.sent[0]!.touser, 'oWX-openid-0001');
    t.equal(fake.sent[0]!.template_id, 'TPL-1');
    t.same(fake.sent[0]!.data.thing1, { value: '面试通知' });
    const [w] = (await deliveriesOf('application-status')).filter((d) => d.channel === 'wechat').slice(-1);
    t.equal(w?.status, 'sent');
    // In the embedded mode the message log takes WeChat messages, channel 'wechat'.
    await notify('interview');
    await dispatcher().runOnce();
    const row = (
      await db.query("SELECT * FROM gateway.message_log WHERE channel = 'wechat' ORDER BY created_at DESC LIMIT 1")
    ).rows[0];
    t.equal(row?.recipient_masked, 'oWX-…');
    t.match(row?.body, /面试通知/);
    await putPrefs({ wechatOpenid: null, channels: { sms: true } });
  });
});
