import { TokenService } from '@tongxin/auth';
import { createTestDatabase } from '@tongxin/db';
import pg from 'pg';
import t from 'tap';
import { buildServiceApp, createLogger } from '../src/index.ts';

/** A pool with every connection taken answers 503 with Retry-After, not 500: nothing reached the database. */
const db = await createTestDatabase(process.env.TONGXIN_TEST_POSTGRES_URL);
const pool = new pg.Pool({ connectionString: db.connectionString, max: 1, connectionTimeoutMillis: 300 });
t.teardown(async () => {
  await pool.end();
  await db.drop();
});
const tokens = new TokenService('s'.repeat(40));
const app = await buildServiceApp({
  name: 'demo',
  description: 'test',
  tokens,
  logger: createLogger('demo', 'silent'),
});
app.get('/now', { config: { public: true } }, async () => ({
  now: (await pool.query('SELECT now() AS now')).rows[0].now,
}));
// A repository that wraps the driver's error keeps it as the cause: still the pool, still a 503.
app.get('/wrapped', { config: { public: true } }, async () => {
  try {
    return await pool.query('SELECT 1');
  } catch (cause) {
    throw new Error('could not read', { cause });
  }
});
t.teardown(() => app.close());

t.test('every connection busy: 503 OVERLOADED with Retry-After', async (t) => {
  t.equal((await app.inject('/now')).statusCode, 200, 'answers while a connection is free');
  const held = await pool.connect();
  try {
    for (const url of ['/now', '/wrapped']) {
      const r = await app.inject({ url, headers: { 'accept-language': 'en' } });
      t.equal(r.statusCode, 503, url);
      t.equal(r.headers['retry-after'], '2', `${url}: Retry-After`);
      t.match(r.json(), { code: 'OVERLOADED', status: 503, detail: /database is busy/ }, url);
    }
    const zh = await app.inject('/now');
    t.match(zh.json().detail, /[\u4e00-\u9fff]/, 'in Chinese by default');
  } finally {
    held.release();
  }
  t.equal((await app.inject('/now')).statusCode, 200, 'answers again once a connection is free');
});
