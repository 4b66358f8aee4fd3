import { createHmac, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local fakes of the providers' documented HTTP APIs, for the adapters' tests: Alibaba Cloud SMS
 * SendSms (RPC style, HMAC-SHA1 signature) and WeChat subscription messages. They implement the
 * documentation independently of the adapters (their own encoding and signing code).
 */

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });

const listen = async (server: Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** Alibaba Cloud's POP encoding: java.net.URLEncoder (UTF-8), then + → %20, * → %2A, %7E → ~. */
function popEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface AliyunRequest {
  params: Record<string, string>;
  signatureValid: boolean;
}

export interface FakeAliyun {
  url: string;
  requests: AliyunRequest[];
  /** Messages accepted, one per OutId (a resend with a known OutId is the same message). */
  accepted: Map<string, { phone: string; templateCode: string; templateParam: Record<string, string> }>;
  /** Answer the next sends with this error code instead of OK (until set back to undefined). */
  failWith?: string;
  close(): Promise<void>;
}

export async function startFakeAliyun(accessKeyId: string, accessKeySecret: string): Promise<FakeAliyun> {
  const fake: FakeAliyun = {
    url: '',
    requests: [],
    accepted: new Map(),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const params = Object.fromEntries(form.entries());
    const { Signature, ...rest } = params;
    const canonical = Object.keys(rest)
      .sort()
      .map((k) => `${popEncode(k)}=${popEncode(rest[k]!)}`)
      .join('&');
    const stringToSign = `POST&${popEncode('/')}&${popEncode(canonical)}`;
    const expected = createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
    const signatureValid = req.method === 'POST' && Signature === expected;
    fake.requests.push({ params, signatureValid });
    const answer = (body: object, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const requestId = randomUUID();
    if (!signatureValid)
      return answer(
        { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched', RequestId: requestId },
        400,
      );
    if (rest.AccessKeyId !== accessKeyId)
      return answer({ Code: 'InvalidAccessKeyId.NotFound', RequestId: requestId }, 404);
    const required = [
      'Action',
      'PhoneNumbers',
      'SignName',
      'TemplateCode',
      'SignatureNonce',
      'Timestamp',
      'SignatureMethod',
    ];
    const missing = required.find((k) => !rest[k]);
    if (missing || rest.Action !== 'SendSms' || rest.SignatureMethod !== 'HMAC-SHA1')
      return answer({ Code: 'MissingParameter', Message: missing ?? 'Action', RequestId: requestId }, 400);
    if (fake.failWith) return answer({ Code: fake.failWith, Message: 'fake provider refused', RequestId: requestId });
    const key = rest.OutId ?? randomUUID();
    if (!fake.accepted.has(key)) {
      fake.accepted.set(key, {
        phone: rest.PhoneNumbers!,
        templateCode: rest.TemplateCode!,
        templateParam: JSON.parse(rest.TemplateParam ?? '{}') as Record<string, string>,
      });
    }
    return answer({ Code: 'OK', Message: 'OK', BizId: `biz-${key}`, RequestId: requestId });
  });
  fake.url = await listen(server);
  return fake;
}

export interface FakeWechat {
  url: string;
  tokensIssued: number;
  sent: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[];
  close(): Promise<void>;
}

export async function startFakeWechat(appId: string, secret: string): Promise<FakeWechat> {
  const tokens = new Set<string>();
  const fake: FakeWechat = {
    url: '',
    tokensIssued: 0,
    sent: [],
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const answer = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      const q = url.searchParams;
      if (q.get('grant_type') !== 'client_credential' || q.get('appid') !== appId || q.get('secret') !== secret)
        return answer({ errcode: 40013, errmsg: 'invalid appid' });
      const token = randomUUID();
      tokens.add(token);
      fake.tokensIssued++;
      return answer({ access_token: token, expires_in: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      if (!tokens.has(url.searchParams.get('access_token') ?? ''))
        return answer({ errcode: 40001, errmsg: 'invalid credential' });
      const body = JSON.parse(await readBody(req)) as FakeWechat['sent'][number];
      if (!body.touser || !body.template_id || typeof body.data !== 'object')
        return answer({ errcode: 47003, errmsg: 'argument invalid' });
      fake.sent.push(body);
      return answer({ errcode: 0, errmsg: 'ok', msgid: fake.sent.length });
    }
    res.writeHead(404).end();
  });
  fake.url = await listen(server);
  return fake;
}
