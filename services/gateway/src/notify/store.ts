import { randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '@tongxin/db';
import { type Audience, NOTICE_KINDS, type Notice } from './rules.ts';

export type Channel = 'sms' | 'wechat';
export const CHANNELS: readonly Channel[] = ['sms', 'wechat'];

/** Finds the clear phone number of an account verified by a code (AccountRepository.phoneOf). */
export type PhoneOf = (db: Queryable, accountId: string) => Promise<string | undefined>;

export interface Settings {
  digest: boolean;
  quietStart: number;
  quietEnd: number;
  smsUnsubscribed: boolean;
  wechatUnsubscribed: boolean;
  wechatOpenid?: string;
}

export const DEFAULT_SETTINGS: Settings = {
  digest: false,
  quietStart: 22 * 60,
  quietEnd: 7 * 60,
  smsUnsubscribed: false,
  wechatUnsubscribed: false,
};

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  params: Record<string, string>;
  link?: string;
  createdAt: string;
  read: boolean;
}

export interface DeliveryRecord {
  id: string;
  notificationId: string;
  accountId: string;
  channel: Channel;
  status: string;
  digest: boolean;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  providerId?: string;
  sentAt?: string;
  createdAt: string;
}

const iso = (v: unknown): string => new Date(v as string).toISOString();

/** Minutes after midnight in the county at `at`. */
export function countyMinutes(at: Date, offsetMinutes: number): number {
  const m = Math.floor(at.getTime() / 60_000) + offsetMinutes;
  return ((m % 1440) + 1440) % 1440;
}

/** True when `at` falls in the quiet hours [start, end) of the county day (wrapping midnight). */
export function inQuietHours(at: Date, s: Pick<Settings, 'quietStart' | 'quietEnd'>, offsetMinutes: number): boolean {
  const m = countyMinutes(at, offsetMinutes);
  if (s.quietStart === s.quietEnd) return false;
  return s.quietStart < s.quietEnd ? m >= s.quietStart && m < s.quietEnd : m >= s.quietStart || m < s.quietEnd;
}

/** The next instant after `at` when the county clock reads `minute` (minutes after midnight). */
export function nextCountyMinute(at: Date, minute: number, offsetMinutes: number): Date {
  const now = countyMinutes(at, offsetMinutes);
  let wait = minute - now;
  if (wait <= 0) wait += 1440;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + wait * 60_000);
}

/**
 * When an external message may go out: now, or the end of the person's quiet hours; a digest goes
 * at the end of the next quiet hours (the morning), collecting the day's notices into one message.
 */
export function sendTimeFor(at: Date, s: Settings, offsetMinutes: number): Date {
  if (s.digest) return nextCountyMinute(at, s.quietEnd, offsetMinutes);
  return inQuietHours(at, s, offsetMinutes) ? nextCountyMinute(at, s.quietEnd, offsetMinutes) : at;
}

/** Notifications, their deliveries and people's settings: the gateway's own schema (0006). */
export class NotificationStore {
  constructor(private readonly schema: string) {}

  /** The enabled accounts an audience names. */
  async recipients(db: Queryable, audience: Audience): Promise<string[]> {
    const s = this.schema;
    let r;
    if ('worker' in audience) {
      r = await db.query<{ id: string }>(
        `SELECT id FROM ${s}.accounts WHERE worker_id = $1 AND role = 'worker' AND disabled_at IS NULL`,
        [audience.worker],
      );
    } else if ('employer' in audience) {
      r = await db.query<{ id: string }>(
        `SELECT id FROM ${s}.accounts WHERE employer_id = $1 AND role = 'employer' AND disabled_at IS NULL`,
        [audience.employer],
      );
    } else {
      const village = audience.officersOf;
      if (!village) return [];
      // An officer's region is a township (9 digits) or a village (12): it covers the villages it prefixes.
      r = await db.query<{ id: string }>(
        `SELECT id FROM ${s}.accounts
          WHERE role = 'officer' AND disabled_at IS NULL AND EXISTS (SELECT 1 FROM unnest(regions) g WHERE $1 LIKE g || '%')`,
        [village],
      );
    }
    return r.rows.map((x) => x.id);
  }

  /** The enabled accounts acting for each of these workers or employers, in one query. */
  async accountsFor(db: Queryable, role: 'worker' | 'employer', ids: string[]): Promise<Map<string, string[]>> {
    const column = role === 'worker' ? 'worker_id' : 'employer_id';
    const r = await db.query<{ id: string; key: string }>(
      `SELECT id, ${column} AS key FROM ${this.schema}.accounts
        WHERE role = $1 AND disabled_at IS NULL AND ${column} = ANY($2::text[])`,
      [role, ids],
    );
    const out = new Map<string, string[]>();
    for (const row of r.rows) out.set(row.key, [...(out.get(row.key) ?? []), row.id]);
    return out;
  }

  /** takeDailyAllowance for many accounts at once: those still under the cap (now counted). */
  async takeDailyAllowances(db: Queryable, accountIds: string[], kind: string, day: string, cap: number) {
    const r = await db.query<{ account_id: string }>(
      `INSERT INTO ${this.schema}.notification_daily_counts AS c (account_id, kind, day, n)
       SELECT a, $2, $3, 1 FROM unnest($1::uuid[]) AS a
       ON CONFLICT (account_id, kind, day) DO UPDATE SET n = c.n + 1 WHERE c.n < $4 RETURNING account_id`,
      [accountIds, kind, day, cap],
    );
    return new Set(r.rows.map((x) => x.account_id));
  }

  /** Inbox rows in one statement; returns the ids written by account (those this event had not given yet). */
  async insertNotifications(
    db: Queryable,
    eventId: string,
    rows: { accountId: string; notice: Notice }[],
  ): Promise<{ id: string; accountId: string; notice: Notice }[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(() => randomUUID());
    const r = await db.query<{ id: string }>(
      `INSERT INTO ${this.schema}.notifications (id, account_id, kind, title, body, params, link, event_id)
       SELECT id, account_id, kind, title, body, params, link, $8
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[])
           AS t(id, account_id, kind, title, body, params, link)
       ON CONFLICT (event_id, account_id) DO NOTHING RETURNING id`,
      [
        ids,
        rows.map((x) => x.accountId),
        rows.map((x) => x.notice.kind),
        rows.map((x) => x.notice.title),
        rows.map((x) => x.notice.body),
        rows.map((x) => JSON.stringify(x.notice.params)),
        rows.map((x) => x.notice.link ?? null),
        eventId,
      ],
    );
    const written = new Set(r.rows.map((x) => x.id));
    return rows.flatMap((x, i) => (written.has(ids[i]!) ? [{ id: ids[i]!, ...x }] : []));
  }

  /** Settings and per-kind preferences of many accounts, in two queries (absent: the defaults). */
  async settingsOf(db: Queryable, accountIds: string[]) {
    const s = await db.query(`SELECT * FROM ${this.schema}.notification_settings WHERE account_id = ANY($1::uuid[])`, [
      accountIds,
    ]);
    const p = await db.query(
      `SELECT * FROM ${this.schema}.notification_preferences WHERE account_id = ANY($1::uuid[])`,
      [accountIds],
    );
    const settings = new Map<string, Settings>(s.rows.map((row) => [row.account_id as string, toSettings(row)]));
    const prefs = new Map<string, { sms: boolean; wechat: boolean }>(
      p.rows.map((row) => [
        `${row.account_id}|${row.kind}`,
        { sms: row.sms as boolean, wechat: row.wechat as boolean },
      ]),
    );
    return {
      settings: (id: string) => settings.get(id) ?? DEFAULT_SETTINGS,
      wants: (id: string, kind: string) => prefs.get(`${id}|${kind}`) ?? { sms: true, wechat: true },
    };
  }

  async insertDeliveries(
    db: Queryable,
    rows: {
      notificationId: string;
      accountId: string;
      channel: Channel;
      status: 'pending' | 'skipped';
      digest: boolean;
      nextAttemptAt: Date;
      reason?: string;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO ${this.schema}.notification_deliveries
         (id, notification_id, account_id, channel, status, digest, next_attempt_at, last_error)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::boolean[], $7::timestamptz[], $8::text[])
       ON CONFLICT (notification_id, channel) DO NOTHING`,
      [
        rows.map(() => randomUUID()),
        rows.map((d) => d.notificationId),
        rows.map((d) => d.accountId),
        rows.map((d) => d.channel),
        rows.map((d) => d.status),
        rows.map((d) => d.digest),
        rows.map((d) => d.nextAttemptAt.toISOString()),
        rows.map((d) => d.reason ?? null),
      ],
    );
  }

  async settings(db: Queryable, accountId: string): Promise<Settings> {
    const r = await db.query(`SELECT * FROM ${this.schema}.notification_settings WHERE account_id = $1`, [accountId]);
    const row = r.rows[0];
    return row ? toSettings(row) : DEFAULT_SETTINGS;
  }

  /** Per kind: which channels the person wants (a kind without a row: all). */
  async kindPreferences(db: Queryable, accountId: string): Promise<Record<string, { sms: boolean; wechat: boolean }>> {
    const r = await db.query(`SELECT * FROM ${this.schema}.notification_preferences WHERE account_id = $1`, [
      accountId,
    ]);
    const prefs: Record<string, { sms: boolean; wechat: boolean }> = {};
    for (const k of NOTICE_KINDS) prefs[k] = { sms: true, wechat: true };
    for (const row of r.rows) prefs[row.kind as string] = { sms: row.sms as boolean, wechat: row.wechat as boolean };
    return prefs;
  }

  async saveSettings(
    db: Queryable,
    accountId: string,
    s: { digest: boolean; quietStart: number; quietEnd: number; wechatOpenid?: string | null },
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.schema}.notification_settings (account_id, digest, quiet_start, quiet_end, wechat_openid)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id) DO UPDATE SET digest = $2, quiet_start = $3, quiet_end = $4,
         wechat_openid = CASE WHEN $6 THEN $5 ELSE notification_settings.wechat_openid END, updated_at = now()`,
      [accountId, s.digest, s.quietStart, s.quietEnd, s.wechatOpenid ?? null, s.wechatOpenid !== undefined],
    );
  }

  async saveKindPreference(db: Queryable, accountId: string, kind: string, p: { sms: boolean; wechat: boolean }) {
    await db.query(
      `INSERT INTO ${this.schema}.notification_preferences (account_id, kind, sms, wechat) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, kind) DO UPDATE SET sms = $3, wechat = $4`,
      [accountId, kind, p.sms, p.wechat],
    );
  }

  /** Resubscribes a channel (the person turned it back on in their preferences). */
  async setSubscribed(db: Queryable, accountId: string, channel: Channel, subscribed: boolean): Promise<void> {
    const column = channel === 'sms' ? 'sms_unsubscribed_at' : 'wechat_unsubscribed_at';
    await db.query(
      `INSERT INTO ${this.schema}.notification_settings (account_id, ${column}) VALUES ($1, CASE WHEN $2 THEN NULL ELSE now() END)
       ON CONFLICT (account_id) DO UPDATE SET ${column} = CASE WHEN $2 THEN NULL ELSE COALESCE(notification_settings.${column}, now()) END,
         updated_at = now()`,
      [accountId, subscribed],
    );
  }

  /** The account's unsubscribe token of a channel, made on first ask and kept. */
  async unsubscribeToken(db: Queryable, accountId: string, channel: Channel): Promise<string> {
    const r = await db.query<{ token: string }>(
      `WITH ins AS (
         INSERT INTO ${this.schema}.notification_unsubscribe_tokens (token, account_id, channel) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, channel) DO NOTHING RETURNING token)
       SELECT token FROM ins UNION ALL
       SELECT token FROM ${this.schema}.notification_unsubscribe_tokens WHERE account_id = $2 AND channel = $3`,
      [randomBytes(24).toString('base64url'), accountId, channel],
    );
    return r.rows[0]!.token;
  }

  /** Unsubscribes by token; the channel, or undefined for an unknown token. Clicking again changes nothing. */
  async unsubscribe(db: Queryable, token: string): Promise<Channel | undefined> {
    const r = await db.query<{ account_id: string; channel: Channel }>(
      `UPDATE ${this.schema}.notification_unsubscribe_tokens SET used_at = COALESCE(used_at, now())
        WHERE token = $1 RETURNING account_id, channel`,
      [token],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    await this.setSubscribed(db, row.account_id, row.channel, false);
    return row.channel;
  }

  /** The account's inbox, newest first, after the cursor's (createdAt, id) when given. */
  async inbox(
    db: Queryable,
    accountId: string,
    opts: { unread: boolean; limit: number; before?: { at: string; id: string } },
  ): Promise<InboxItem[]> {
    const r = await db.query(
      `SELECT * FROM ${this.schema}.notifications
        WHERE account_id = $1 AND (NOT $2 OR read_at IS NULL)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [accountId, opts.unread, opts.before?.at ?? null, opts.before?.id ?? null, opts.limit],
    );
    return r.rows.map((row) => ({
      id: row.id as string,
      kind: row.kind as string,
      title: row.title as string,
      body: row.body as string,
      params: row.params as Record<string, string>,
      ...(row.link ? { link: row.link as string } : {}),
      createdAt: iso(row.created_at),
      read: row.read_at != null,
    }));
  }

  async unreadCount(db: Queryable, accountId: string): Promise<number> {
    const r = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.schema}.notifications WHERE account_id = $1 AND read_at IS NULL`,
      [accountId],
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Marks the account's own notification read; false when it has none with this id. */
  async markRead(db: Queryable, accountId: string, id: string): Promise<boolean> {
    const r = await db.query(
      `UPDATE ${this.schema}.notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND account_id = $2`,
      [id, accountId],
    );
    return r.rowCount === 1;
  }

  async markAllRead(db: Queryable, accountId: string): Promise<number> {
    const r = await db.query(
      `UPDATE ${this.schema}.notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL`,
      [accountId],
    );
    return r.rowCount ?? 0;
  }

  /** Delivery records, newest first (administrators). */
  async deliveries(
    db: Queryable,
    opts: { status?: string; channel?: string; limit: number; before?: { at: string; id: string } },
  ): Promise<DeliveryRecord[]> {
    const r = await db.query(
      `SELECT * FROM ${this.schema}.notification_deliveries
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR channel = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [opts.status ?? null, opts.channel ?? null, opts.before?.at ?? null, opts.before?.id ?? null, opts.limit],
    );
    return r.rows.map(toDelivery);
  }
}

const toSettings = (row: Record<string, unknown>): Settings => ({
  digest: row.digest as boolean,
  quietStart: Number(row.quiet_start),
  quietEnd: Number(row.quiet_end),
  smsUnsubscribed: row.sms_unsubscribed_at != null,
  wechatUnsubscribed: row.wechat_unsubscribed_at != null,
  ...(row.wechat_openid ? { wechatOpenid: row.wechat_openid as string } : {}),
});

export const toDelivery = (row: Record<string, unknown>): DeliveryRecord => ({
  id: row.id as string,
  notificationId: row.notification_id as string,
  accountId: row.account_id as string,
  channel: row.channel as Channel,
  status: row.status as string,
  digest: row.digest as boolean,
  attempts: Number(row.attempts),
  nextAttemptAt: iso(row.next_attempt_at),
  ...(row.last_error ? { lastError: row.last_error as string } : {}),
  ...(row.provider_id ? { providerId: row.provider_id as string } : {}),
  ...(row.sent_at ? { sentAt: iso(row.sent_at) } : {}),
  createdAt: iso(row.created_at),
});
