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
  let written = 0;
  for (const notice of notices) {
    for (const accountId of await store.recipients(tx, notice.audience)) {
      if (
        notice.capped &&
        !(await store.takeDailyAllowance(tx, accountId, notice.kind, countyDay, deps.matchAlertsPerDay))
      )
        continue;
      const id = await store.insertNotification(tx, accountId, eventId, notice);
      if (!id) continue;
      written++;
      const settings = await store.settings(tx, accountId);
      const prefs = (await store.kindPreferences(tx, accountId))[notice.kind] ?? { sms: true, wechat: true };
      const at = sendTimeFor(now, settings, deps.offsetMinutes);
      const channels: { channel: Channel; reachable: boolean; unsubscribed: boolean; wanted: boolean }[] = [
        {
          channel: 'sms',
          reachable: true,
          unsubscribed: settings.smsUnsubscribed,
          wanted: prefs.sms,
        },
        {
          channel: 'wechat',
          reachable: settings.wechatOpenid !== undefined,
          unsubscribed: settings.wechatUnsubscribed,
          wanted: prefs.wechat,
        },
      ];
      for (const c of channels) {
        // No WeChat binding: nothing to send there, and nothing to record.
        if (!c.reachable) continue;
        const reason = c.unsubscribed ? 'unsubscribed' : !c.wanted ? 'turned off for this kind' : undefined;
        await store.insertDelivery(tx, {
          notificationId: id,
          accountId,
          channel: c.channel,
          status: reason ? 'skipped' : 'pending',
          digest: settings.digest,
          nextAttemptAt: at,
          ...(reason ? { reason } : {}),
        });
      }
    }
  }
  return written;
}

/** Subscribes the gateway's notification consumer to the events that tell someone something. */
export async function consumeNotifications(runtime: ServiceRuntime, deps: ConsumerDeps): Promise<void> {
  await runtime.consume({
    name: 'notifications',
    topics: NOTIFYING_TOPICS,
    types: NOTIFYING_TYPES,
    handle: async (event: TongxinEvent<NotifyingType>, tx) => {
      await recordNotices(tx, event.id, noticesFor(event, deps.offsetMinutes), deps);
    },
  });
}
