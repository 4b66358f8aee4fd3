import { TokenService } from '@tongxin/auth';
import { createTestDatabase } from '@tongxin/db';
import pg from 'pg';
import t from 'tap';
import { buildServiceApp, createLogger, platformMigrations, registerIdempotency } from '../src/index.ts';

const tokens = new TokenService('s'.repeat(40));
const db = await createTestDatabase(process.env.TONGXIN_TEST_POSTGRES_URL);
const pool = new pg.Pool({ connectionString: db.connectionString, max: 4 });
t.teardown(async () => {
  await pool.end();
  await db.drop();
});
await pool.query('CREATE SCHEMA demo');
// The platform's tables as every service has them (the idempotency keys among them).
for (const m of platformMigrations('demo')) await pool.query(m.sql);
await pool.query('CREATE TABLE demo.things (id serial PRIMARY KEY, name text UNIQUE NOT NULL)');

/** The handler waits for the test to open the gate, as a write held up by a slow database would. */
let gate: Promise<void> = Promise.resolve();
let runs = 0;
const app = await buildServiceApp({
  name: 'demo',
  description: 'test',
  tokens,
  logger: createLogger('demo', 'silent'),
});
registerIdempotency(app, pool, 'demo', 'k'.repeat(40));
app.post('/things', { config: { roles: ['admin'] } }, async (request, reply) => {
  runs++;
  await gate;
  const { name } = request.body as { name: string };
  const row = await pool.query('INSERT INTO demo.things (name) VALUES ($1) RETURNING id', [name]);
  return reply.status(201).send({ id: row.rows[0].id, name });
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });
t.teardown(() => app.close());
const admin = `Bearer ${await tokens.issue({ sub: 'a', username: 'admin', role: 'admin' })}`;

const post = async (key: string, body: unknown, signal?: AbortSignal) => {
  const r = await fetch(`${base}/things`, {
    method: 'POST',
    headers: { authorization: admin, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  return { status: r.status, replayed: r.headers.get('idempotent-replayed'), body: (await r.json()) as any };
};

t.test('a client that goes away mid-request leaves its claim: the retry gets the first answer', async (t) => {
  let open!: () => void;
  gate = new Promise((resolve) => (open = resolve));
  runs = 0;
  const gone = new AbortController();
  const first = post('abort-1', { name: 'first' }, gone.signal).catch((err: unknown) => err);
  while (runs === 0) await new Promise((r) => setTimeout(r, 20));
  // What a proxy does when its upstream timeout runs out: it hangs up while the handler still runs.
  gone.abort();
  t.ok((await first) instanceof Error, 'the first client went away');
  await new Promise((r) => setTimeout(r, 100));

  const waiting = await post('abort-1', { name: 'first' });
  t.same([waiting.status, waiting.body.code], [409, 'IDEMPOTENCY_IN_PROGRESS'], 'the retry is told to come back');
  t.equal(runs, 1, 'the retry did not run the handler a second time');

  open();
  let again = waiting;
  for (let i = 0; i < 40 && again.status === 409; i++) {
    await new Promise((r) => setTimeout(r, 100));
    again = await post('abort-1', { name: 'first' });
  }
  t.equal(again.status, 201, JSON.stringify(again.body));
  t.equal(again.replayed, 'true', 'the first request’s answer, replayed');
  t.equal(runs, 1, 'the handler ran once');
  const rows = await pool.query(`SELECT count(*)::int AS n FROM demo.things WHERE name = 'first'`);
  t.equal(rows.rows[0].n, 1, 'written once');
});

t.test('a refused request releases its key, so a corrected one may be sent with it', async (t) => {
  gate = Promise.resolve();
  const ok = await post('refused-1', { name: 'second' });
  t.equal(ok.status, 201);
  // The same name again under a new key: the unique name refuses it (a 500 here, the demo has no mapping).
  const refused = await post('refused-2', { name: 'second' });
  t.not(refused.status, 201);
  const corrected = await post('refused-2', { name: 'third' });
  t.equal(corrected.status, 201, 'the key was free again');
});
