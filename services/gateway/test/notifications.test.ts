import { randomUUID } from 'node:crypto';
import { ensureAccounts } from '@tongxin/gateway';
import { createCloudEvent } from '@tongxin/events';
import { DEMO_PASSWORD, type Stack, type StackBus, eventually, stackBus, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';

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
  stack = await startStack({ services: [], settings: { NOTIFY_DISPATCH_INTERVAL_MS: '50' } });
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
  return r.body as { items: { id: string; kind: string; title: string; read: boolean }[]; unread: number };
}

t.test(
  'an application moving to interview puts one notice in the worker inbox, however often it arrives',
  async (t) => {
    const worker = await stack.login('worker.notify');
    const app = application();
    const event = statusChanged(app, 'screening', 'interview');
    await bus.publish(event);
    const first = await eventually('the interview notice', async () => {
      const box = await inbox(worker);
      return box.items.some((n) => n.kind === 'interview') && box;
    });
    t.equal(first.items[0]?.title, '面试通知');
    t.equal(first.unread, 1);

    // Redelivered (the bus is at least once), then another event after it: still one notice for the first.
    await bus.publish(event);
    await bus.publish(statusChanged(app, 'interview', 'offered'));
    const after = await eventually('the offer notice', async () => {
      const box = await inbox(worker);
      return box.items.some((n) => n.kind === 'application-status') && box;
    });
    t.equal(after.items.filter((n) => n.kind === 'interview').length, 1, 'the redelivered event gave no second notice');
    t.equal(after.unread, 2);
    t.same(
      after.items.map((n) => n.kind),
      ['application-status', 'interview'],
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
      ['application-status'],
    );
    t.equal(unread.unread, 1);
    t.same((await stack.api.post('/api/v1/notifications/read-all', {}, worker)).body, { marked: 1 });
    t.equal((await inbox(worker)).unread, 0);
    t.equal((await inbox(officer)).items.length, 0, 'the officer was told nothing of it');
  },
);

t.test('the inbox pages newest first with a cursor; a forged cursor is a 400 naming it', async (t) => {
  const employer = await stack.login('boss.notify');
  for (let i = 0; i < 3; i++) {
    await bus.emit('application.submitted', '/tongxin/placement', randomUUID(), { application: application() });
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
    await bus.emit('placement.followed-up', '/tongxin/placement', placement.id, {
      placementId: placement.id,
      workerId,
      employerId,
      openingId: placement.openingId,
      day: 30,
      stillEmployed: true,
      wagesPaidOnTime: false,
      at: new Date().toISOString(),
      by: 'officer.yixing',
    });
    await bus.emit('placement.separated', '/tongxin/placement', placement.id, {
      placement: { ...placement, status: 'separated' },
      reason: '合同到期',
      separatedAt: '2027-01-10',
    });
    const kinds = await eventually('three notices for the village officer', async () => {
      const k = (await inbox(yixing)).items.map((n) => n.kind);
      return k.length === 3 && k;
    });
    t.same([...kinds].sort(), ['placed', 'separated', 'wages-unpaid']);
    t.equal((await inbox(songyan)).items.length, 0, "another township's officer hears nothing");
  },
);

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
