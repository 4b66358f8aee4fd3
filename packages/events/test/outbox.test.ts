import t, { type Test } from 'tap';
import { createPool, createTestDatabase } from '@tongxin/db';
import type pg from 'pg';
import { EmbeddedBus, EventSchemas, Outbox, OutboxRelay, type EventBus, type OutgoingMessage } from '../src/index.ts';
import { rand, serviceSchema, testEvent } from './helpers/bus-contract.ts';
import { recordingLogger } from './helpers/logger.ts';
import { testSchemaDir } from './helpers/schemas.ts';
import { delay, waitFor } from './helpers/wait.ts';
import { EXTRA_SUITES, testEnvironment } from '@tongxin/test-harness/environment';

const schemas = new EventSchemas({ dir: testSchemaDir() });

/** A bus that only records what it was asked to publish. */
function recordingBus(): EventBus & { published: OutgoingMessage[] } {
  const published: OutgoingMessage[] = [];
  return {
    published,
    connect: async () => undefined,
    publish: async (messages) => void published.push(...messages),
    subscribe: async () => ({ stop: async () => undefined }),
    ping: async () => true,
    lag: async (_group, topics) => topics.map((topic) => ({ topic, events: 0, secondsBehind: 0 })),
    close: async () => undefined,
  };
}

async function database(t: Test, url?: string): Promise<pg.Pool> {
  const db = await createTestDatabase(url);
  const pool = createPool(db.connectionString);
  t.teardown(async () => {
    await pool.end();
    await db.drop();
  });
  return pool;
}

async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

t.test('embedded PGlite', async (t) => {
  const pool = await database(t);

  t.test('an invalid event is refused and the business transaction rolls back', async (t) => {
    const schema = await serviceSchema(pool);
    await pool.query(`CREATE TABLE ${schema}.workers (id text PRIMARY KEY)`);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    const bad = { ...testEvent('w-1', 1), data: { seq: 'one' } } as unknown as ReturnType<typeof testEvent>;
    await t.rejects(
      inTransaction(pool, async (client) => {
        await client.query(`INSERT INTO ${schema}.workers (id) VALUES ('w-1')`);
        await outbox.add(client, bad);
      }),
      { code: 'EVENTS_INVALID_EVENT' },
    );
    const counts = await pool.query(
      `SELECT (SELECT count(*) FROM ${schema}.workers)::int AS workers, (SELECT count(*) FROM ${schema}.outbox)::int AS events`,
    );
    t.same(counts.rows[0], { workers: 0, events: 0 });

    await t.rejects(
      inTransaction(pool, (client) => outbox.add(client, testEvent('w-1', 1, 'worker.not-in-contracts'))),
      { code: 'EVENTS_SCHEMA_MISSING' },
    );
  });

  t.test('add stores topic, key and envelope; the key defaults to the subject', async (t) => {
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    const e1 = testEvent('w-9', 1);
    const e2 = testEvent('e-3', 2, 'employer.tested');
    await inTransaction(pool, async (client) => {
      await outbox.add(client, e1);
      await outbox.add(client, e2, 'custom-key');
    });
    const { rows } = await pool.query(`SELECT event_id::text, topic, key, payload FROM ${schema}.outbox ORDER BY id`);
    t.same(rows, [
      { event_id: e1.id, topic: 'tongxin.worker', key: 'w-9', payload: e1 },
      { event_id: e2.id, topic: 'tongxin.employer', key: 'custom-key', payload: e2 },
    ]);
  });

  t.test('the relay delivers right after notify(), and stop() drains what is pending', async (t) => {
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    const bus = recordingBus();
    // A poll interval far beyond the test: only notify() and stop() can explain delivery.
    const relay = new OutboxRelay({ pool, schema, bus, logger: recordingLogger(), pollIntervalMs: 60_000 });
    relay.start();
    await inTransaction(pool, (client) => outbox.add(client, testEvent('w-1', 1)));
    const started = Date.now();
    relay.notify();
    await waitFor('notified delivery', () => bus.published.length === 1, 2_000);
    t.ok(Date.now() - started < 1_000, 'low latency');

    await inTransaction(pool, (client) => outbox.add(client, testEvent('w-1', 2)));
    await relay.stop();
    t.same(
      bus.published.map((m) => (m.event.data as { seq: number }).seq),
      [1, 2],
      'stop() published the pending row',
    );
    const pending = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`);
    t.equal(pending.rows[0].n, 0);
  });

  t.test('stop() ends within its bound even while a publish never returns', async (t) => {
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    // A bus client stuck on a request that never answers.
    const stuck: EventBus = { ...recordingBus(), publish: () => new Promise<void>(() => undefined) };
    const relay = new OutboxRelay({ pool, schema, bus: stuck, logger: recordingLogger(), stopTimeoutMs: 300 });
    relay.start();
    await inTransaction(pool, (client) => outbox.add(client, testEvent('w-2', 1)));
    relay.notify();
    await delay(100);
    const started = Date.now();
    await relay.stop();
    t.ok(Date.now() - started < 2_000, `stopped in ${Date.now() - started} ms`);
    const pending = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`);
    t.equal(pending.rows[0].n, 1, 'the row stays for the next start');
  });

  t.test('published() answers once committed rows are on the bus; callers at once share one drain', async (t) => {
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    const bus = recordingBus();
    let publishes = 0;
    const counting: EventBus = { ...bus, publish: (messages) => (publishes++, bus.publish(messages)) };
    // No loop and no notify(): only published() can explain delivery.
    const relay = new OutboxRelay({ pool, schema, bus: counting, logger: recordingLogger(), pollIntervalMs: 60_000 });
    for (let seq = 0; seq < 3; seq++) await inTransaction(pool, (client) => outbox.add(client, testEvent('w-4', seq)));
    t.same(await Promise.all([relay.published(), relay.published(), relay.published()]), [true, true, true]);
    t.equal(bus.published.length, 3, 'every committed row is on the bus when published() answers');
    t.equal(publishes, 1, 'the three callers shared one drain');
    t.equal(await relay.published(), true, 'nothing pending: true');
    t.equal(publishes, 1, 'an empty drain publishes nothing');
  });

  t.test('published() does not hold an answer behind a failing or stuck bus', async (t) => {
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    let publishes = 0;
    const failing: EventBus = {
      ...recordingBus(),
      publish: async () => {
        publishes++;
        throw new Error('broker gone');
      },
    };
    const refused = new OutboxRelay({ pool, schema, bus: failing, logger: recordingLogger(), pollIntervalMs: 60_000 });
    await inTransaction(pool, (client) => outbox.add(client, testEvent('w-5', 1)));
    t.equal(await refused.published(), false, 'the bus refused: false');
    let started = Date.now();
    t.equal(await refused.published(), false);
    t.ok(Date.now() - started < 100, `a failing bus is not asked again per answer (${Date.now() - started} ms)`);
    t.equal(publishes, 1, 'the loop, not each answer, retries');

    const stuck: EventBus = { ...recordingBus(), publish: () => new Promise<void>(() => undefined) };
    const hung = new OutboxRelay({ pool, schema, bus: stuck, logger: recordingLogger(), pollIntervalMs: 60_000 });
    started = Date.now();
    t.equal(await hung.published(200), false, 'a publish that never returns: false after the wait');
    t.ok(Date.now() - started >= 190, 'it waited its bound');
    started = Date.now();
    t.equal(await hung.published(200), false);
    t.ok(
      Date.now() - started < 100,
      `a drain stuck beyond the bound is not waited for again (${Date.now() - started} ms)`,
    );
    const pending = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`);
    t.equal(pending.rows[0].n, 1, 'the row stays for the loop to publish later');
  });

  t.test('drainOnce publishes in id order, in batches', async (t) => {
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    const bus = recordingBus();
    // Ids 1 to 12: in the order of their digits (as text) 10, 11 and 12 would come before 2.
    await inTransaction(pool, async (client) => {
      for (let seq = 0; seq < 12; seq++) await outbox.add(client, testEvent(`w-${seq % 2}`, seq));
    });
    const relay = new OutboxRelay({ pool, schema, bus, logger: recordingLogger(), batchSize: 5 });
    t.equal(await relay.drainOnce(), 12);
    t.same(
      bus.published.map((m) => (m.event.data as { seq: number }).seq),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
  });

  t.test('while the bus refuses, notify() does not cut the backoff short', async (t) => {
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    await inTransaction(pool, (client) => outbox.add(client, testEvent('w-1', 1)));
    let attempts = 0;
    const bus = {
      ...recordingBus(),
      publish: async () => {
        attempts++;
        throw new Error('refused');
      },
    };
    const relay = new OutboxRelay({ pool, schema, bus, logger: recordingLogger(), pollIntervalMs: 50 });
    relay.start();
    t.teardown(() => relay.stop());
    // A write every 5 ms notifies, as a busy service does; the backoff from 200 ms doubles each time.
    const until = Date.now() + 700;
    while (Date.now() < until) {
      relay.notify();
      await delay(5);
    }
    t.ok(attempts >= 1 && attempts <= 5, `retried with backoff, not at each notify (${attempts} attempts in 700 ms)`);
  });

  t.test('prune deletes what was published before the retention, in batches, and nothing unpublished', async (t) => {
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    const relay = new OutboxRelay({ pool, schema, bus: recordingBus(), logger: recordingLogger() });
    // 2,500 rows published 8 days ago (more than two of prune's batches), 3 published an hour ago, and
    // 2 never published though written 30 days ago.
    await pool.query(
      `INSERT INTO ${schema}.outbox (event_id, topic, key, payload, created_at, published_at)
       SELECT gen_random_uuid(), 'tongxin.worker', 'k', '{}', now() - interval '8 days', now() - interval '8 days'
       FROM generate_series(1, 2500)`,
    );
    await inTransaction(pool, async (client) => {
      for (let seq = 0; seq < 5; seq++) await outbox.add(client, testEvent(`w-${seq}`, seq));
    });
    await pool.query(
      `UPDATE ${schema}.outbox SET published_at = now() - interval '1 hour'
       WHERE id IN (SELECT id FROM ${schema}.outbox WHERE published_at IS NULL ORDER BY id LIMIT 3)`,
    );
    await pool.query(`UPDATE ${schema}.outbox SET created_at = now() - interval '30 days' WHERE published_at IS NULL`);

    t.equal(await relay.prune(), 2500);
    const left = await pool.query<{ published: boolean; n: number }>(
      `SELECT published_at IS NOT NULL AS published, count(*)::int AS n FROM ${schema}.outbox GROUP BY 1 ORDER BY 1`,
    );
    t.same(left.rows, [
      { published: false, n: 2 },
      { published: true, n: 3 },
    ]);
    t.equal(await relay.prune(), 0, 'a second pass finds nothing');
    const shortly = new OutboxRelay({ pool, schema, bus: recordingBus(), logger: recordingLogger(), retentionMs: 0 });
    t.equal(await shortly.prune(), 3, 'with no retention every published row goes; the unpublished stay');
  });

  t.test('the relay loop prunes soon after start, then at its interval', async (t) => {
    const schema = await serviceSchema(pool);
    await pool.query(
      `INSERT INTO ${schema}.outbox (event_id, topic, key, payload, published_at)
       SELECT gen_random_uuid(), 'tongxin.worker', 'k', '{}', now() - interval '8 days' FROM generate_series(1, 10)`,
    );
    const relay = new OutboxRelay({ pool, schema, bus: recordingBus(), logger: recordingLogger(), pollIntervalMs: 20 });
    relay.start();
    t.teardown(() => relay.stop());
    const count = async () => (await pool.query(`SELECT count(*)::int AS n FROM ${schema}.outbox`)).rows[0].n;
    await waitFor('pruned at start', async () => (await count()) === 0, 5_000);
    await pool.query(
      `INSERT INTO ${schema}.outbox (event_id, topic, key, payload, published_at)
       VALUES (gen_random_uuid(), 'tongxin.worker', 'k', '{}', now() - interval '8 days')`,
    );
    await delay(200);
    t.equal(await count(), 1, 'not again before the interval (an hour by default)');
  });
});

const { postgresUrl } = testEnvironment();
t.test(
  'PostgreSQL: nothing skipped when transactions commit out of id order',
  {
    skip: postgresUrl ? false : `needs ${EXTRA_SUITES.postgres.needs}; set ${EXTRA_SUITES.postgres.variable} to run it`,
  },
  async (t) => {
    const pool = await database(t, postgresUrl);
    const schema = await serviceSchema(pool);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    const bus = new EmbeddedBus({ pool, logger: recordingLogger(), pollIntervalMs: 50 });
    await bus.connect();
    t.teardown(() => bus.close());
    const got: number[] = [];
    const sub = await bus.subscribe({
      groupId: rand('g'),
      topics: ['tongxin.worker'],
      handler: async (e) => void got.push((e.data as { seq: number }).seq),
    });
    t.teardown(() => sub.stop());
    const relay = new OutboxRelay({ pool, schema, bus, logger: recordingLogger() });

    const a = await pool.connect();
    const b = await pool.connect();
    t.teardown(() => {
      a.release();
      b.release();
    });
    await a.query('BEGIN');
    await outbox.add(a, testEvent('w-a', 1)); // takes the lower id
    await b.query('BEGIN');
    await outbox.add(b, testEvent('w-b', 2)); // takes the higher id
    await b.query('COMMIT');
    t.equal(await relay.drainOnce(), 1, 'only B is visible');
    await a.query('COMMIT');
    t.equal(await relay.drainOnce(), 1, 'A, with the lower id, is still picked up');

    const ids = await pool.query(
      `SELECT id::int, (payload->'data'->>'seq')::int AS seq FROM ${schema}.outbox ORDER BY id`,
    );
    t.same(
      ids.rows.map((r) => r.seq),
      [1, 2],
      'A really had the lower id',
    );
    await waitFor('both delivered', () => got.length === 2, 10_000);
    t.same(got.sort(), [1, 2]);
  },
);
