import type { Pool } from '@tongxin/db';
import type { FastifyBaseLogger } from 'fastify';
import type { SmsSender } from './sms.ts';
import { type NotificationStore, type PhoneOf, inQuietHours, nextCountyMinute } from './store.ts';
import type { WechatSender } from './wechat.ts';

export interface DispatcherOptions {
  pool: Pool;
  schema: string;
  store: NotificationStore;
  sms: SmsSender;
  wechat: WechatSender;
  phoneOf: PhoneOf;
  offsetMinutes: number;
  /** How long a claimed delivery is this dispatcher's; past it (a dispatcher that died) it is due again. */
  leaseMs: number;
  /** Attempts before a delivery is recorded failed. */
  maxAttempts: number;
  /** The wait after the first failure; doubled after each further one. */
  retryBaseMs: number;
  /** A send that takes longer counts as failed (and is retried). */
  sendTimeoutMs: number;
  /** Poll interval of the loop. */
  intervalMs: number;
  batch?: number;
  logger?: FastifyBaseLogger;
  /** Called after a send the provider accepted, before it is recorded (kill tests stop here). */
  afterSend?: (deliveryIds: string[]) => Promise<void>;
}

interface Claimed {
  id: string;
  account_id: string;
  channel: 'sms' | 'wechat';
  digest: boolean;
  attempts: number;
  title: string;
  body: string;
  link: string | null;
}

/** What a short SMS line says of a notice: its body, cut to fit one message. */
const summary = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s.replace(/。$/, ''));

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });

/**
 * Sends due deliveries through their channel (ADR 0013). A delivery is claimed in a short
 * transaction of its own (FOR UPDATE SKIP LOCKED: dispatchers never take the same one), sent
 * outside any transaction, then recorded sent with the provider's id. A dispatcher that dies
 * between the send and the record leaves the claim to expire, and the delivery is sent again with
 * the same idempotency key (its id, Alibaba Cloud's OutId): at worst one resend, which the embedded
 * log and the provider's receipts recognise as the same message.
 */
export class Dispatcher {
  #timer?: NodeJS.Timeout;
  #running?: Promise<unknown>;
  #stopped = false;

  constructor(private readonly o: DispatcherOptions) {}

  start(): void {
    this.#stopped = false;
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.runOnce()
        .catch((err: unknown) => this.o.logger?.warn({ err }, 'notification dispatch failed'))
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, this.o.intervalMs);
        });
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Claims and sends what is due now; returns how many deliveries it handled. */
  async runOnce(): Promise<number> {
    const s = this.o.schema;
    const claimed = await this.o.pool.query<Claimed>(
      `WITH due AS (
         SELECT id FROM ${s}.notification_deliveries
          WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND claimed_until <= now())
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE ${s}.notification_deliveries d
          SET status = 'sending', attempts = d.attempts + 1, claimed_until = now() + make_interval(secs => $2::float8 / 1000)
         FROM due, ${s}.notifications n
        WHERE d.id = due.id AND n.id = d.notification_id
       RETURNING d.id, d.account_id, d.channel, d.digest, d.attempts, n.title, n.body, n.link`,
      [this.o.batch ?? 50, this.o.leaseMs],
    );
    // A digest is one message for all the person's due notices of a channel.
    const groups = new Map<string, Claimed[]>();
    for (const row of claimed.rows) {
      const key = row.digest ? `${row.account_id}|${row.channel}` : row.id;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const group of groups.values()) await this.#deliver(group);
    return claimed.rowCount ?? 0;
  }

  async #deliver(group: Claimed[]): Promise<void> {
    const first = group[0]!;
    const ids = group.map((g) => g.id).sort();
    const settings = await this.o.store.settings(this.o.pool, first.account_id);
    if (first.channel === 'sms' ? settings.smsUnsubscribed : settings.wechatUnsubscribed)
      return this.#finish(ids, 'skipped', { error: 'unsubscribed' });
    if (!first.digest && inQuietHours(new Date(), settings, this.o.offsetMinutes)) {
      // Quiet hours began since it was queued: wait for their end, no attempt spent.
      const until = nextCountyMinute(new Date(), settings.quietEnd, this.o.offsetMinutes);
      await this.o.pool.query(
        `UPDATE ${this.o.schema}.notification_deliveries
            SET status = 'pending', attempts = attempts - 1, claimed_until = NULL, next_attempt_at = $2
          WHERE id = ANY($1::uuid[])`,
        [ids, until.toISOString()],
      );
      return;
    }
    const title = group.length > 1 ? `今日通知${group.length}条` : first.title;
    const text = group.length > 1 ? group.map((g) => g.title).join('；') : summary(first.body);
    // The idempotency key: the (first) delivery's id, the same on every attempt.
    const outId = ids[0]!;
    let sent: { id: string };
    try {
      if (first.channel === 'sms') {
        const phone = await this.o.phoneOf(this.o.pool, first.account_id);
        if (!phone) return this.#finish(ids, 'skipped', { error: 'no verified phone' });
        sent = await withTimeout(
          this.o.sms.send({ phone, template: 'notice', params: { title, summary: summary(text) }, outId }),
          this.o.sendTimeoutMs,
        );
      } else {
        if (!settings.wechatOpenid) return this.#finish(ids, 'skipped', { error: 'WeChat not bound' });
        sent = await withTimeout(
          this.o.wechat.send({
            openid: settings.wechatOpenid,
            page: `pages/index/index?link=${encodeURIComponent(first.link ?? '')}`,
            data: { thing1: title.slice(0, 20), thing2: summary(text, 20) },
            outId,
          }),
          this.o.sendTimeoutMs,
        );
      }
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      if (first.attempts >= this.o.maxAttempts) return this.#finish(ids, 'failed', { error: reason });
      const wait = this.o.retryBaseMs * 2 ** (first.attempts - 1);
      await this.o.pool.query(
        `UPDATE ${this.o.schema}.notification_deliveries
            SET status = 'pending', claimed_until = NULL, last_error = $2,
                next_attempt_at = now() + make_interval(secs => $3::float8 / 1000)
          WHERE id = ANY($1::uuid[])`,
        [ids, reason, wait],
      );
      this.o.logger?.info({ deliveries: ids, attempt: first.attempts, err: reason }, 'notification send failed');
      return;
    }
    await this.o.afterSend?.(ids);
    await this.#finish(ids, 'sent', { providerId: sent.id });
  }

  async #finish(ids: string[], status: 'sent' | 'failed' | 'skipped', r: { providerId?: string; error?: string }) {
    await this.o.pool.query(
      `UPDATE ${this.o.schema}.notification_deliveries
          SET status = $2, claimed_until = NULL, provider_id = COALESCE($3, provider_id),
              last_error = COALESCE($4, last_error), sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
        WHERE id = ANY($1::uuid[])`,
      [ids, status, r.providerId ?? null, r.error ?? null],
    );
  }
}
