import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';

/**
 * ADR 0012: every service's problems, and an import's row messages, are in Chinese by default and
 * in English with `Accept-Language: en`, through the gateway; the code, type and fields stay.
 */
let stack: Stack;
let admin: string;
let officer: string;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'matching', 'training', 'placement'] });
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
});
t.teardown(() => stack?.stop());

const HAN = /\p{Script=Han}/u;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

type Problem = {
  code: string;
  type: string;
  status: number;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
};

async function both(method: string, path: string, token?: string, body?: unknown) {
  const ask = async (language?: string) => {
    const r = await stack.api.request<Problem>(method, path, {
      ...(token ? { token } : {}),
      ...(body !== undefined ? { body } : {}),
      ...(language ? { headers: { 'accept-language': language } } : {}),
    });
    return r;
  };
  return { zh: await ask(), en: await ask('en') };
}

const refused: [string, string, string, () => string | undefined, unknown?][] = [
  ['worker-profile', 'POST', '/api/v1/workers', () => officer, {}],
  ['employer', 'GET', `/api/v1/employers/${UNKNOWN}`, () => admin],
  ['matching', 'GET', '/api/v1/workers/not-an-id/matches', () => admin],
  ['training', 'GET', `/api/v1/batches/${UNKNOWN}`, () => admin],
  ['placement', 'GET', `/api/v1/applications/${UNKNOWN}`, () => admin],
  ['gateway', 'POST', '/api/v1/auth/token', () => undefined, { username: 'admin', password: 'not the password' }],
];

for (const [service, method, path, token, body] of refused) {
  t.test(
    `${service}: a refused request answers in Chinese, and in English when asked (${describeEnvironment(testEnvironment())})`,
    async (t) => {
      const { zh, en } = await both(method, path, token(), body);
      t.ok(zh.status >= 400 && zh.status < 500, `${service} refuses: ${zh.status} ${JSON.stringify(zh.body)}`);
      t.equal(en.status, zh.status);
      t.equal(en.body.code, zh.body.code, 'the code does not change');
      t.equal(en.body.type, zh.body.type, 'the type does not change');
      t.match(zh.body.title, HAN, `the title is Chinese: ${zh.body.title}`);
      t.match(zh.body.detail, HAN, `the detail is Chinese: ${zh.body.detail}`);
      t.notMatch(en.body.title, HAN, `the title is English: ${en.body.title}`);
      t.notMatch(en.body.detail ?? '', HAN, `the detail is English: ${en.body.detail}`);
      t.same(
        (zh.body.errors ?? []).map((e) => e.field),
        (en.body.errors ?? []).map((e) => e.field),
        'the fields are the same',
      );
      for (const e of zh.body.errors ?? []) t.match(e.message, HAN, `${e.field}: ${e.message}`);
    },
  );
}

t.test('an import row refused: its message in Chinese by default, in English with Accept-Language: en', async (t) => {
  const csv = ['活动类型,区划代码,活动日期,活动名称,参加人数', '走访,恋思村,2026-03-06,恋思村走访,很多'].join('\n');
  const upload = (language?: string) =>
    stack.api.request('POST', '/api/v1/workers/import?ledger=activities&mode=all', {
      token: officer,
      raw: Buffer.from(csv),
      headers: { 'content-type': 'text/csv', ...(language ? { 'accept-language': language } : {}) },
    });
  const zh = await upload();
  const en = await upload('en');
  t.equal(zh.status, 422, JSON.stringify(zh.body).slice(0, 300));
  t.equal(en.status, 422);
  t.equal(zh.body.code, 'IMPORT_INVALID_ROWS');
  t.equal(en.body.code, 'IMPORT_INVALID_ROWS');
  const row = (b: typeof zh.body) => b.report.errors.map((e: { row: number; column: string }) => [e.row, e.column]);
  t.same(row(zh.body), [[2, '参加人数']]);
  t.same(row(en.body), row(zh.body), 'the same row and column');
  t.equal(zh.body.report.errors[0].message, '须为不超过 100,000 的整数（人）');
  t.equal(en.body.report.errors[0].message, 'must be a whole number of people up to 100,000');
  t.equal(zh.body.errors[0].message, zh.body.report.errors[0].message, 'the problem lists the same message');
  t.equal(en.body.errors[0].message, en.body.report.errors[0].message);
  t.match(zh.body.detail, HAN);
  t.notMatch(en.body.detail, HAN);
});
