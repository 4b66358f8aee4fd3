import { TokenService } from '@tongxin/auth';
import { Type } from '@sinclair/typebox';
import t, { type Test } from 'tap';
import { BaseConfig, buildServiceApp, conflict, createLogger, loadConfig, notFound } from '../src/index.ts';

const tokens = new TokenService('s'.repeat(40));

async function build(t: Test, ready = true) {
  const app = await buildServiceApp({
    name: 'demo',
    description: 'test',
    tokens,
    logger: createLogger('demo', 'silent'),
    readiness: { database: async () => ready },
  });
  app.post(
    '/things',
    {
      config: { roles: ['admin'] },
      schema: {
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 10 }),
            level: Type.Integer({ minimum: 1, maximum: 5 }),
            tier: Type.Optional(Type.Union([Type.Literal('in_county'), Type.Literal('out_of_province')])),
          },
          { additionalProperties: false },
        ),
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1 })),
          q: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => ({ ok: true, body: request.body, limit: request.query.limit }),
  );
  app.get('/things/:id', async (request) => {
    throw notFound('thing', (request.params as { id: string }).id);
  });
  t.teardown(() => app.close());
  return app;
}

t.test('health, readiness and docs are public', async (t) => {
  const app = await build(t, false);
  t.equal((await app.inject('/health')).statusCode, 200);
  const ready = await app.inject('/ready');
  t.equal(ready.statusCode, 503);
  t.same(ready.json().checks, { database: 'down' });
  t.equal((await app.inject('/docs/json')).statusCode, 200);
});

t.test('problems name the field and never leak', async (t) => {
  const app = await build(t);
  const admin = `Bearer ${await tokens.issue({ sub: 'a', username: 'admin', role: 'admin' })}`;
  const worker = `Bearer ${await tokens.issue({ sub: 'w', username: 'w', role: 'worker' })}`;
  const post = (body: string, auth = admin, type = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/things?limit=3',
      // The English text (ADR 0012); the Chinese default is the test below.
      headers: { authorization: auth, 'content-type': type, 'accept-language': 'en' },
      payload: body,
    });

  const ok = await post('{"name":"a","level":2}');
  t.equal(ok.statusCode, 200);
  t.same(ok.json(), { ok: true, body: { name: 'a', level: 2 }, limit: 3 }, 'query coerced');

  const wrongType = await post('{"name":"a","level":"2"}');
  t.equal(wrongType.statusCode, 400);
  t.equal(wrongType.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(wrongType.json(), { code: 'VALIDATION_FAILED', errors: [{ field: 'level' }] }, 'no coercion of bodies');

  t.match((await post('{"name":"a","level":2,"extra":1}')).json(), {
    errors: [{ field: 'extra', message: 'unknown field' }],
  });
  t.match((await post('{"level":2}')).json(), { errors: [{ field: 'name', message: 'is required' }] });
  t.same((await post('{"name":"a","level":2,"tier":"abroad"}')).json().errors, [
    { field: 'tier', message: 'must be one of: in_county, out_of_province' },
  ]);
  t.match((await post('{"name":')).json(), { status: 400, code: 'MALFORMED_JSON' });
  t.same((await post('{"name":"a\\u0000b","level":2}')).json().errors, [
    { field: 'name', message: 'must not contain a NUL character' },
  ]);
  t.same((await post('{"name":"a\\ud800","level":2}')).json().errors, [
    { field: 'name', message: 'must be well-formed Unicode text' },
  ]);
  const nulQuery = await app.inject({
    method: 'POST',
    url: '/things?q=a%00b',
    headers: { authorization: admin, 'content-type': 'application/json', 'accept-language': 'en' },
    payload: '{"name":"a","level":2}',
  });
  t.equal(nulQuery.statusCode, 400, 'a NUL in the query string');
  t.same(nulQuery.json().errors, [{ field: 'q', message: 'must not contain a NUL character' }]);
  t.equal((await post('name=a', admin, 'application/x-www-form-urlencoded')).statusCode, 415);
  t.equal((await post(JSON.stringify({ name: 'x'.repeat(2_000_000), level: 1 }))).statusCode, 413);
  t.equal((await post('{"name":"a","level":2}', 'Bearer forged.token.here')).statusCode, 401);
  t.equal((await post('{"name":"a","level":2}', '')).statusCode, 401);
  t.equal((await post('{"name":"a","level":2}', worker)).statusCode, 403);

  const missing = await app.inject({ url: '/things/42', headers: { authorization: admin } });
  t.match(missing.json(), { status: 404, code: 'NOT_FOUND', instance: '/things/42' });
  t.ok(missing.headers['x-request-id']);
  t.match((await app.inject({ url: '/nope', headers: { authorization: admin } })).json(), { code: 'ROUTE_NOT_FOUND' });
  t.equal((await app.inject({ url: '/favicon.ico' })).statusCode, 404, 'an unknown route is 404 even without a token');
});

t.test('problems are in Chinese by default and in English with Accept-Language: en', async (t) => {
  const app = await build(t);
  const admin = `Bearer ${await tokens.issue({ sub: 'a', username: 'admin', role: 'admin' })}`;
  const post = (language?: string) =>
    app.inject({
      method: 'POST',
      url: '/things',
      headers: {
        authorization: admin,
        'content-type': 'application/json',
        ...(language ? { 'accept-language': language } : {}),
      },
      payload: '{"level":2,"tier":"abroad","extra":1}',
    });
  const zh = (await post()).json();
  t.match(zh, {
    code: 'VALIDATION_FAILED',
    type: 'https://tongxin.example/problems/validation-failed',
    title: '填写有误',
  });
  t.ok(
    zh.errors.every((e: { message: string }) => /\p{Script=Han}/u.test(e.message)),
    `every field message is Chinese: ${JSON.stringify(zh.errors)}`,
  );
  t.ok(
    zh.errors.some(
      (e: { field: string; message: string }) =>
        e.field === 'tier' && e.message === '须为以下之一：in_county, out_of_province',
    ),
  );
  t.ok(zh.errors.some((e: { field: string; message: string }) => e.field === 'name' && e.message === '必填'));
  t.match(zh.detail, /name：必填/);
  t.same((await post('zh-CN,zh;q=0.9,en;q=0.8')).json(), zh, 'zh-CN is the default language');
  const en = (await post('en-US,en;q=0.9')).json();
  t.match(en, { code: 'VALIDATION_FAILED', type: zh.type, title: 'Validation failed' });
  t.ok(en.errors.some((e: { field: string; message: string }) => e.field === 'name' && e.message === 'is required'));
  t.same(
    en.errors.map((e: { field: string }) => e.field),
    zh.errors.map((e: { field: string }) => e.field),
    'field names do not change',
  );

  const missing = await app.inject({ url: '/things/42', headers: { authorization: admin } });
  t.match(missing.json(), { code: 'NOT_FOUND', title: '未找到', detail: '该记录不存在，或不在您的权限范围内' });
  const route = await app.inject({ url: '/nope', headers: { authorization: admin, 'accept-language': 'en' } });
  t.match(route.json(), { code: 'ROUTE_NOT_FOUND', title: 'Not found', detail: 'no route GET /nope' });
});

t.test('a deprecated code is still answered in code, with its canonical code beside it', async (t) => {
  const app = await build(t);
  const dbError = new Error('duplicate key value violates unique constraint');
  app.get('/renamed', async () => {
    throw conflict(
      'DEMO_THING_EXISTS',
      'the thing exists',
      { thingId: '7' },
      { alias: 'THING_EXISTS', cause: dbError },
    );
  });
  app.get('/plain', async () => {
    throw conflict('DEMO_THING_EXISTS', 'the thing exists');
  });
  const admin = `Bearer ${await tokens.issue({ sub: 'a', username: 'admin', role: 'admin' })}`;

  const renamed = await app.inject({ url: '/renamed', headers: { authorization: admin, 'accept-language': 'en' } });
  t.equal(renamed.statusCode, 409);
  t.same(renamed.json(), {
    type: 'https://tongxin.example/problems/thing-exists',
    title: 'Conflict',
    status: 409,
    code: 'THING_EXISTS',
    canonicalCode: 'DEMO_THING_EXISTS',
    detail: 'the thing exists',
    instance: '/renamed',
    thingId: '7',
  });
  t.notMatch(renamed.body, /duplicate key/, 'the cause stays out of the answer');

  const plain = (await app.inject({ url: '/plain', headers: { authorization: admin } })).json();
  t.equal(plain.code, 'DEMO_THING_EXISTS');
  t.notOk('canonicalCode' in plain, 'no canonicalCode without an alias');

  const err = conflict('DEMO_THING_EXISTS', 'x', {}, { alias: 'THING_EXISTS', cause: dbError });
  t.equal(err.code, 'DEMO_THING_EXISTS');
  t.equal(err.answeredCode, 'THING_EXISTS');
  t.equal(err.cause, dbError);
});

t.test('configuration is validated with every problem named', async (t) => {
  t.throws(() => loadConfig(BaseConfig, { DATABASE_URL: 'postgres://x', JWT_SECRET: 'short' }), /JWT_SECRET/);
  const c = loadConfig(BaseConfig, {
    DATABASE_URL: 'postgres://x',
    JWT_SECRET: 'k'.repeat(32),
    PORT: '8081',
    KAFKA_IDEMPOTENT: 'true',
  });
  t.equal(c.PORT, 8081);
  t.equal(c.KAFKA_IDEMPOTENT, true);
  t.equal(c.HOME_COUNTY, '140723');
});
