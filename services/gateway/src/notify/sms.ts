import { createHmac, randomUUID } from 'node:crypto';
import { maskPhone } from '@tongxin/cn-codes';
import type { Queryable } from '@tongxin/db';

/**
 * The SMS templates Tongxin sends, with the text a phone shows. A real provider (Alibaba Cloud or
 * Tencent Cloud SMS) holds the same templates under its own template codes, approved in advance;
 * the adapter maps a template name to that code and passes `params` as the template's variables.
 */
export const SMS_TEMPLATES = {
  /** A one-time code: activation, password reset, sign-up. */
  'verification-code': '【同心】您的验证码为${code}，${minutes}分钟内有效，请勿告诉他人。',
  /** A notification (issue 15 item 5): a short line and where to read it in full. */
  notice: '【同心】${title}：${summary}。详情请登录同心查看。',
} as const;
export type SmsTemplate = keyof typeof SMS_TEMPLATES;

export interface SmsMessage {
  /** A mainland mobile number, 11 digits. */
  phone: string;
  template: SmsTemplate;
  params: Record<string, string>;
  /**
   * The sender's idempotency key (Alibaba Cloud's OutId): a message sent again with the same key is
   * the same message — the notification dispatcher passes its delivery id (ADR 0013).
   */
  outId?: string;
}

/** One interface for every SMS channel: the embedded message log, Alibaba Cloud, Tencent Cloud. */
export interface SmsSender {
  /** Resolves when the provider accepted the message; rejects (with the provider's reason) when not. */
  send(message: SmsMessage): Promise<{ id: string }>;
}

export function renderSms(template: SmsTemplate, params: Record<string, string>): string {
  return SMS_TEMPLATES[template].replace(/\$\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
}

/** The lookup key of a phone number in the message log: keyed, so the log does not hold the number. */
export function phoneKey(secret: string, phone: string): string {
  return createHmac('sha256', secret).update(`phone:${phone}`).digest('hex');
}

export interface LoggedMessage {
  id: string;
  channel: 'sms' | 'wechat';
  recipient: string;
  template: string;
  params: Record<string, string>;
  body: string;
  createdAt: string;
}

/** The embedded mode's SMS provider: each message is a row of the message log (0003-message-log.sql). */
export class MessageLog implements SmsSender {
  constructor(
    private readonly db: Queryable,
    private readonly schema: string,
    private readonly secret: string,
  ) {}

  async send(message: SmsMessage): Promise<{ id: string }> {
    return this.write(
      'sms',
      message.phone,
      message.template,
      message.params,
      renderSms(message.template, message.params),
      message.outId,
    );
  }

  async write(
    channel: 'sms' | 'wechat',
    recipient: string,
    template: string,
    params: Record<string, string>,
    body: string,
    outId?: string,
  ): Promise<{ id: string }> {
    const id = randomUUID();
    const masked = channel === 'sms' ? maskPhone(recipient) : `${recipient.slice(0, 4)}…`;
    if (outId === undefined) {
      await this.db.query(
        `INSERT INTO ${this.schema}.message_log (id, channel, recipient_hash, recipient_masked, template, params, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, channel, phoneKey(this.secret, recipient), masked, template, JSON.stringify(params), body],
      );
      return { id };
    }
    // Sent again under the same key (a dispatcher that died before recording the send): the same message.
    const r = await this.db.query<{ id: string }>(
      `WITH ins AS (
         INSERT INTO ${this.schema}.message_log (id, channel, recipient_hash, recipient_masked, template, params, body, out_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (out_id) DO NOTHING RETURNING id)
       SELECT id FROM ins UNION ALL SELECT id FROM ${this.schema}.message_log WHERE out_id = $8`,
      [id, channel, phoneKey(this.secret, recipient), masked, template, JSON.stringify(params), body, outId],
    );
    return { id: r.rows[0]!.id };
  }

  /** Newest first; `recipient` (a phone number or WeChat openid) narrows to that person's messages. */
  async list(opts: { recipient?: string; limit: number; before?: string }): Promise<LoggedMessage[]> {
    const r = await this.db.query(
      `SELECT * FROM ${this.schema}.message_log
        WHERE ($1::text IS NULL OR recipient_hash = $1) AND ($2::timestamptz IS NULL OR created_at < $2)
        ORDER BY created_at DESC, id LIMIT $3`,
      [opts.recipient ? phoneKey(this.secret, opts.recipient) : null, opts.before ?? null, opts.limit],
    );
    return r.rows.map((row) => ({
      id: row.id as string,
      channel: row.channel as 'sms' | 'wechat',
      recipient: row.recipient_masked as string,
      template: row.template as string,
      params: row.params as Record<string, string>,
      body: row.body as string,
      createdAt: new Date(row.created_at as string).toISOString(),
    }));
  }
}
