import { createHmac, randomUUID } from 'node:crypto';
import type { SmsMessage, SmsSender, SmsTemplate } from './sms.ts';

export interface AliyunSmsOptions {
  /** https://dysmsapi.aliyuncs.com, or a fake's address in tests. */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved signature (签名), e.g. 同心. */
  signName: string;
  /** Our template name → the approved template code (SMS_…). */
  templateCodes: Partial<Record<SmsTemplate, string>>;
  timeoutMs: number;
  regionId?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** RFC 3986 encoding as Alibaba Cloud's RPC signature documents it (space %20, * %2A, ~ kept). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonicalized query: parameters sorted by name, each name=value percent-encoded, joined by &. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

/** Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", "POST&%2F&" + percentEncode(canonical query))). */
export function rpcSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/** Alibaba Cloud's ISO 8601 UTC timestamp, without milliseconds. */
const timestamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * SMS through Alibaba Cloud's SendSms (dysmsapi, RPC style, API version 2017-05-25). The message's
 * `outId` goes as OutId, so a message sent twice (a dispatcher that died before recording the first
 * send) can be recognised by the provider's receipts as the same delivery.
 */
export class AliyunSmsSender implements SmsSender {
  constructor(private readonly o: AliyunSmsOptions) {}

  async send(m: SmsMessage): Promise<{ id: string }> {
    const templateCode = this.o.templateCodes[m.template];
    if (!templateCode) throw new Error(`aliyun: no template code configured for ${m.template}`);
    const params: Record<string, string> = {
      AccessKeyId: this.o.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: m.phone,
      RegionId: this.o.regionId ?? 'cn-hangzhou',
      SignName: this.o.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(m.params),
      Timestamp: timestamp(this.o.now?.() ?? new Date()),
      Version: '2017-05-25',
      ...(m.outId ? { OutId: m.outId } : {}),
    };
    const signature = rpcSignature('POST', params, this.o.accessKeySecret);
    const body = `Signature=${percentEncode(signature)}&${canonicalQuery(params)}`;
    const res = await (this.o.fetch ?? fetch)(`${this.o.endpoint.replace(/\/$/, '')}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(this.o.timeoutMs),
    });
    const text = await res.text();
    let a: { Code?: string; Message?: string; BizId?: string };
    try {
      a = JSON.parse(text) as typeof a;
    } catch {
      throw new Error(`aliyun: HTTP ${res.status}, not JSON`);
    }
    if (a.Code !== 'OK') throw new Error(`aliyun: ${a.Code ?? `HTTP ${res.status}`} ${a.Message ?? ''}`.trim());
    return { id: a.BizId ?? '' };
  }
}

/** 'notice=SMS_1,verification-code=SMS_2' → { notice: 'SMS_1', 'verification-code': 'SMS_2' }. */
export function parseTemplateCodes(s: string): Partial<Record<SmsTemplate, string>> {
  const out: Record<string, string> = {};
  for (const pair of s.split(',')) {
    const [name, code] = pair.split('=').map((x) => x.trim());
    if (name && code) out[name] = code;
  }
  return out as Partial<Record<SmsTemplate, string>>;
}
