import { once } from 'node:events';
import { mkdtemp, rm, mkdir, copyFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import t from 'tap';
import {
  createPool,
  createTestDatabase,
  migrate,
  startEmbeddedPostgres,
  tablesIn,
  withTransaction,
} from '../src/index.ts';

const migrations = join(import.meta.dirname, 'fixtures', 'migrations');
const postgresUrl = process.env.TONGXIN_TEST_POSTGRES_URL;

for (const kind of postgresUrl ? ['embedded', 'postgres'] : ['embedded']) {
  t.test(`${kind}: migrations, transactions`, async (t) => {
    const db = await createTestDatabase(kind === 'postgres' ? postgresUrl : undefined);
    t.teardown(() => db.drop());
    const pool = createPool(db.connectionString, { max: 4 });
    t.teardown(() => pool.end());

    t.same(await migrate(pool, { schema: 'svc_a', dir: migrations }), ['0001-init.sql', '0002-more.sql']);
    t.same(await migrate(pool, { schema: 'svc_a', dir: migrations }), [], 'second run applies nothing');

    await t.rejects(
      withTransaction(pool, async (c) => {
        await c.query(`INSERT INTO svc_a.things (name) VALUES ('x')`);
        throw new Error('boom');
      }),
      /boom/,
    );
    // A repository names its tables once; the schema comes from the service's config.
    const tables = tablesIn({ SCHEMA: 'svc_a' }, 'things');
    t.same(tables, { things: 'svc_a.things' });
    t.ok(Object.isFrozen(tables));
    const rows = await pool.query(`SELECT count(*)::int AS n FROM ${tables.things}`);
    t.equal(rows.rows[0].n, 0, 'rolled back');

    // Concurrent transactions on several connections all complete.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withTransaction(pool, async (c) => {
          await c.query(`INSERT INTO svc_a.things (name, size) VALUES ($1, $2)`, [`n${i}`, i]);
        }),
      ),
    );
    const after = await pool.query('SELECT count(*)::int AS n, sum(size)::int AS s FROM svc_a.things');
    t.same(after.rows[0], { n: 20, s: 190 });
  });

  t.test(`${kind}: a forward-only history refuses a vanished migration`, async (t) => {
    const db = await createTestDatabase(kind === 'postgres' ? postgresUrl : undefined);
    t.teardown(() => db.drop());
    const pool = createPool(db.connectionString);
    t.teardown(() => pool.end());
    const dir = await mkdtemp(join(tmpdir(), 'mig-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    await copyFile(join(migrations, '0001-init.sql'), join(dir, '0001-init.sql'));
    await migrate(pool, { schema: 'svc_b', dir });
    await rm(join(dir, '0001-init.sql'));
    await t.rejects(migrate(pool, { schema: 'svc_b', dir }), { code: 'DB_MIGRATION_MISSING' });
  });
}

t.test('embedded data survives a restart', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pglite-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  await mkdir(dataDir, { recursive: true });
  let server = await startEmbeddedPostgres({ dataDir });
  let pool = createPool(server.connectionString);
  await migrate(pool, { schema: 'svc_c', dir: migrations });
  await pool.query(`INSERT INTO svc_c.things (name) VALUES ('kept')`);
  await pool.end();
  await server.stop();

  server = await startEmbeddedPostgres({ dataDir });
  pool = createPool(server.connectionString);
  const r = await pool.query('SELECT name FROM svc_c.things');
  t.same(r.rows, [{ name: 'kept' }]);
  await pool.end();
  await server.stop();
});

t.test('embedded: many connections running parameterised queries at once', async (t) => {
  const server = await startEmbeddedPostgres();
  t.teardown(() => server.stop());
  // 400 queries queue for 12 connections: on a loaded machine the last wait longer than the default
  // 10 s for one. What this test checks is the protocol's interleaving, not that wait.
  const pool = createPool(server.connectionString, { max: 12, connectionTimeoutMillis: 120_000 });
  t.teardown(() => pool.end());
  await pool.query('CREATE TABLE public.kv (k int PRIMARY KEY, v text NOT NULL, n int NOT NULL)');
  // Different parameter counts per statement: an interleaved Parse/Bind would fail loudly.
  await Promise.all(
    Array.from({ length: 400 }, async (_, i) => {
      if (i % 3 === 0) await pool.query('INSERT INTO public.kv (k, v, n) VALUES ($1, $2, $3)', [i, `v${i}`, i]);
      else if (i % 3 === 1) await pool.query('SELECT $1::int + $2::int AS s', [i, 1]);
      else
        await withTransaction(pool, async (c) => {
          await c.query('INSERT INTO public.kv (k, v, n) VALUES ($1, $2, $3)', [i, `v${i}`, i]);
          await c.query('UPDATE public.kv SET n = n + $1 WHERE k = $2', [1, i]);
        });
    }),
  );
  const r = await pool.query('SELECT count(*)::int AS c FROM public.kv');
  t.equal(r.rows[0].c, 267);
});

t.test('embedded: a client that names no user is refused, and the database goes on serving the others', async (t) => {
  const server = await startEmbeddedPostgres();
  t.teardown(() => server.stop());
  // `user: ''` is what pg sends when neither the URL nor $USER names one (a root shell in a container).
  const nameless = new pg.Client({ host: '127.0.0.1', port: server.port, user: '', database: 'postgres' });
  await t.rejects(nameless.connect(), { code: '28000', message: /no PostgreSQL user name/ });
  await nameless.end().catch(() => undefined);
  const pool = createPool(server.connectionString, { max: 2, connectionTimeoutMillis: 5_000 });
  t.teardown(() => pool.end());
  t.same((await pool.query('SELECT 1 AS x')).rows, [{ x: 1 }]);
});

t.test('embedded: an extended-protocol exchange is answered once the client waits, at its Sync', async (t) => {
  const server = await startEmbeddedPostgres();
  t.teardown(() => server.stop());
  const socket = connect(server.port, '127.0.0.1');
  t.teardown(() => socket.destroy());
  await once(socket, 'connect');
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const message = (type: string, body: Buffer) => {
    const head = Buffer.alloc(5);
    head.write(type, 0, 'latin1');
    head.writeInt32BE(4 + body.length, 1);
    return Buffer.concat([head, body]);
  };
  const startup = Buffer.from('\0\0\0\0\0\x03\0\0user\0postgres\0database\0postgres\0\0', 'latin1');
  startup.writeInt32BE(startup.length, 0);
  socket.write(startup);
  const answered = async (what: string) => {
    for (let i = 0; i < 100 && !Buffer.concat(received).includes(Buffer.from('Z\0\0\0\x05I')); i++)
      await new Promise((r) => setTimeout(r, 20));
    t.ok(Buffer.concat(received).includes(Buffer.from('Z\0\0\0\x05I')), `${what}: ready for the next query`);
  };
  await answered('startup');
  received.length = 0;

  // As pg sends a parameterised query, but each message on its own and a moment apart.
  const pause = () => new Promise((r) => setTimeout(r, 30));
  for (const m of [
    message('P', Buffer.from('\0SELECT 42 AS x\0\0\0', 'latin1')),
    message('B', Buffer.from('\0\0\0\0\0\0\0\0', 'latin1')),
    message('D', Buffer.from('P\0', 'latin1')),
    message('E', Buffer.from('\0\0\0\0\0', 'latin1')),
  ]) {
    socket.write(m);
    await pause();
  }
  t.equal(Buffer.concat(received).length, 0, 'nothing is written before the Sync the client waits on');
  socket.write(message('S', Buffer.alloc(0)));
  await answered('sync');
  const answer = Buffer.concat(received);
  t.equal(answer[0], '1'.charCodeAt(0), 'ParseComplete first');
  t.ok(answer.includes(Buffer.from('42')), 'the row');
  t.ok(answer.includes(Buffer.from('SELECT 1\0')), 'CommandComplete');
});

t.test(
  'embedded: autovacuum removes dead rows and their index entries, and analyses, as PostgreSQL would',
  async (t) => {
    const server = await startEmbeddedPostgres();
    t.teardown(() => server.stop());
    const pool = createPool(server.connectionString, { max: 2 });
    t.teardown(() => pool.end());
    // The outbox's shape: a partial index over the rows not yet published.
    await pool.query('CREATE TABLE public.box (id bigserial PRIMARY KEY, done boolean NOT NULL DEFAULT false)');
    await pool.query('CREATE INDEX box_pending ON public.box (id) WHERE NOT done');
    await pool.query('INSERT INTO public.box (done) SELECT false FROM generate_series(1, 2000)');
    await pool.query('UPDATE public.box SET done = true');
    const entries = async () =>
      (
        await pool.query<{ n: string }>(
          `SELECT (SELECT reltuples FROM pg_class WHERE relname = 'box_pending')::text AS n`,
        )
      ).rows[0]!.n;
    const stats = async () =>
      (
        await pool.query<{ dead: number; vacuums: number; analyses: number }>(
          `SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums, analyze_count::int AS analyses
         FROM pg_stat_user_tables WHERE relname = 'box'`,
        )
      ).rows[0]!;
    // A backend hands its counts over when idle, at most once a second: read them as autovacuum would.
    const settled = async (done: (s: Awaited<ReturnType<typeof stats>>) => boolean) => {
      for (let i = 0; i < 50; i++) {
        await pool.query('SELECT pg_stat_force_next_flush()');
        await pool.query('SELECT pg_stat_clear_snapshot()');
        const s = await stats();
        if (done(s)) return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      return stats();
    };
    t.equal((await settled((s) => s.dead === 2000)).dead, 2000, 'the update left every old row dead');
    t.same(await server.vacuum(), ['public.box'], 'one table due');
    const after = await settled((s) => s.vacuums > 0);
    t.equal(after.dead, 0, 'no dead rows left');
    t.equal(after.vacuums, 1, 'vacuumed');
    t.equal(after.analyses, 1, 'and analysed');
    t.equal(await entries(), '0', 'the partial index holds no entry for the rows that left it');
    t.same(await server.vacuum(), [], 'nothing due the second time');
  },
);
