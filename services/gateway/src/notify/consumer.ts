import type { TongxinEvent } from '@tongxin/events';
import type { ServiceRuntime } from '@tongxin/service-platform';
import type pg from 'pg';
import { NOTIFYING_TOPICS, NOTIFYING_TYPES, type Notice, type NotifyingType, noticesFor } from './rules.ts';
import { type Channel, type NotificationStore, sendTimeFor } from './store.ts';

export interface ConsumerDeps {
  store: NotificationStore;
  /** The county's offset from UTC (CALENDAR_UTC_OFFSET_MINUTES): quiet hours are county time. */
  offsetMinutes: number;
  /** At most this many capped alerts (matching openings) per worker per county day. */
  matchAlertsPerDay: number;
  /**
   * Events older than this tell no one: a new consumer group reads the topics from the beginning,
   * and years of past applications must not become today's messages.
   */
  maxEventAgeMs: number;
  now?: () => Date;
}

/**
 * Writes each notice of an event to its recipients' inboxes, with a delivery per external channel
 * (SMS always — the dispatcher looks the verified phone up when it sends, so that phone numbers are
 * read in one place only; WeChat when the person bound it), in the transaction of the event's inbox (dedup) row: the inbox row and the
 * deliveries exist exactly once per event and person, however often the bus delivers it.
 */
export async function recordNotices(tx: pg.PoolClient, eventId: string, notices: Notice[], deps: ConsumerDeps) {
  const { store } = deps;
  const now = deps.now?.() ?? new Date();
  const countyDay = new Date(now.getTime() + deps.offsetMinutes * 60_000).toISOString().slice(0, 10);
  // Recipients in one query per kind of audience (an opening.matched names up to 10,000 workers).
  const workers = await store.accountsFor(
    tx,
    'worker',
    notices.flatMap((n) => ('worker' in n.audience ? [n.audience.worker] : [])),
  );
  const employers = await store.accountsFor(
    tx,
    'employer',
    notices.flatMap((n) => ('employer' in n.audience ? [n.audience.employer] : [])),
  );
  let rows: { accountId: string; notice: Notice }[] = [];
  for (const notice of notices) {
    const a = notice.audience;
    const ids =
      'worker' in a
        ? (workers.get(a.worker) ?? [])
        : 'employer' in a
          ? (employers.get(a.employer) ?? [])
          : await store.recipients(tx, a);
    for (const accountId of ids) rows.push({ accountId, notice });
  }
  // Capped kinds (matching openings): at most N per person per county day.
  for (const kind of new Set(rows.filter((r) => r.notice.capped).map((r) => r.notice.kind))) {
    const capped = rows.filter((r) => r.notice.capped && r.notice.kind === kind);
    const allowed = await store.takeDailyAllowances(
      tx,
      [...new Set(capped.map((r) => r.accountId))],
      kind,
      countyDay,
      deps.matchAlertsPerDay,
    );
    rows = rows.filter((r) => !(r.notice.capped && r.notice.kind === kind) || allowed.has(r.accountId));
  }
  const written = await store.insertNotifications(tx, eventId, rows);
  const prefs = await store.settingsOf(tx, [...new Set(written.map((w) => w.accountId))]);
  const deliveries: Parameters<NotificationStore['insertDeliveries']>[1] = [];
  for (const w of written) {
    const settings = prefs.settings(w.accountId);
    const wants = prefs.wants(w.accountId, w.notice.kind);
    const at = sendTimeFor(now, settings, deps.offsetMinutes);
    const channels: { channel: Channel; reachable: boolean; unsubscribed: boolean; wanted: boolean }[] = [
      { channel: 'sms', reachable: true, unsubscribed: settings.smsUnsubscribed, wanted: wants.sms },
      {
        channel: 'wechat',
        reachable: settings.wechatOpenid !== undefined,
        unsubscribed: settings.wechatUnsubscribed,
        wanted: wants.wechat,
      },
    ];
    for (const c of channels) {
      // No WeChat binding: nothing to send there, and nothing to record.
      if (!c.reachable) continue;
      const reason = c.unsubscribed ? 'unsubscribed' : !c.wanted ? 'turned off for this kind' : undefined;
      deliveries.push({
        notificationId: w.id,
        accountId: w.accountId,
        channel: c.channel,
        status: reason ? 'skipped' : 'pending',
        digest: settings.digest,
        nextAttemptAt: at,
        ...(reason ? { reason } : {}),
      });
    }
  }
  await store.insertDeliveries(tx, deliveries);
  return written.length;
}

/** Subscribes the gateway's notification consumer to the events that tell someone something. */
export async function consumeNotifications(runtime: ServiceRuntime, deps: ConsumerDeps): Promise<void> {
  await runtime.consume({
    name: 'notifications',
    topics: NOTIFYING_TOPICS,
    types: NOTIFYING_TYPES,
    handle: async (event: TongxinEvent<NotifyingType>, tx) => {
      const now = deps.now?.() ?? new Date();
      if (now.getTime() - Date.parse(event.time) > deps.maxEventAgeMs) return;
      await recordNotices(tx, event.id, noticesFor(event, deps.offsetMinutes), deps);
    },
  });
}
