import type { MessageLog } from './sms.ts';

/** A WeChat subscription message (订阅消息): a template the person subscribed to, filled in. */
export interface WechatMessage {
  /** The person's openid in the mini-program. */
  openid: string;
  /** The mini-program page the message opens. */
  page?: string;
  /** Template fields: name → value (the adapter wraps each as `{ value }`). */
  data: Record<string, string>;
  /** Our idempotency key (the delivery id); the embedded log keeps one message per key. */
  outId?: string;
}

/** One interface for WeChat messages, the same shape as SmsSender. */
export interface WechatSender {
  send(message: WechatMessage): Promise<{ id: string }>;
}

/** The embedded mode's WeChat channel: the message log, channel 'wechat'. */
export class LoggedWechat implements WechatSender {
  constructor(private readonly log: MessageLog) {}

  send(m: WechatMessage): Promise<{ id: string }> {
    const body = Object.values(m.data).join(' · ');
    return this.log.write('wechat', m.openid, 'subscribe', m.data, body, m.outId);
  }
}

export interface WechatOptions {
  /** https://api.weixin.qq.com, or a fake's address in tests. */
  baseUrl: string;
  appId: string;
  appSecret: string;
  templateId: string;
  /** Milliseconds before a call is abandoned. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  msgid?: number | string;
}

/**
 * WeChat subscription messages through the documented API: an access_token from
 * GET /cgi-bin/token?grant_type=client_credential (cached until shortly before it expires), then
 * POST /cgi-bin/message/subscribe/send?access_token=… with touser, template_id, page and data.
 * A token WeChat reports invalid (40001, 42001) is fetched again once.
 */
export class WechatSubscribeSender implements WechatSender {
  #token?: { value: string; until: number };
  readonly #fetch: typeof fetch;

  constructor(private readonly options: WechatOptions) {
    this.#fetch = options.fetch ?? fetch;
  }

  async #call(url: string, init?: RequestInit): Promise<WechatAnswer> {
    const res = await this.#fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    if (!res.ok) throw new Error(`wechat: HTTP ${res.status}`);
    return (await res.json()) as WechatAnswer;
  }

  async accessToken(force = false): Promise<string> {
    if (!force && this.#token && this.#token.until > Date.now()) return this.#token.value;
    const { baseUrl, appId, appSecret } = this.options;
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret: appSecret });
    const a = await this.#call(`${baseUrl}/cgi-bin/token?${q}`);
    if (!a.access_token) throw new Error(`wechat token: ${a.errcode ?? '?'} ${a.errmsg ?? ''}`.trim());
    // Renewed a minute early, so a token never expires between this check and its use.
    this.#token = { value: a.access_token, until: Date.now() + Math.max(0, (a.expires_in ?? 7200) - 60) * 1000 };
    return a.access_token;
  }

  async send(m: WechatMessage): Promise<{ id: string }> {
    const body = JSON.stringify({
      touser: m.openid,
      template_id: this.options.templateId,
      ...(m.page ? { page: m.page } : {}),
      data: Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, { value: v }])),
    });
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const a = await this.#call(
        `${this.options.baseUrl}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
      );
      if (!a.errcode) return { id: String(a.msgid ?? '') };
      if ((a.errcode === 40001 || a.errcode === 42001) && attempt === 0) continue;
      throw new Error(`wechat: ${a.errcode} ${a.errmsg ?? ''}`.trim());
    }
  }
}
