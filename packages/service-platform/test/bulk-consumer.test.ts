import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@tongxin/db';
import { type CloudEvent, TOPICS, createCloudEvent } from '@tongxin/events';
import t from 'tap';
import { BaseConfig, ServiceRuntime, createLogger, loadConfig } from '../src/index.ts';

/**
 * A consumer's bulk types (issue 16): within a delivered batch each unbroken run of them reaches
 * `bulk.apply` in one call, other types go through `handle`, in the log's order; a failing run
 * rolls back the batch, and its events are then applied alone, each once.
 */

const db = await createTestDatabase(process.env.TONGXIN_TEST_POSTGRES_URL);
const migrations = await mkdtemp(join(tmpdir(), 'bulk-consumer-'));
await writeFile(
  join(migrations, '0001-effects.sql'),
  'CREATE TABLE {{schema}}.effects (event_id text PRIMARY KEY, kind text NOT NULL);',
);
const runtime = await ServiceRuntime.start({
  name: 'bulkdemo',
  schema: 'bulkdemo',
  migrationsDir: migrations,
  config: loadConfig(BaseConfig, { DATABASE_URL: db.connectionString, JWT_SECRET: 's'.repeat(40) }),
  logger: createLogger('bulkdemo', 'silent'),
});
t.teardown(async () => {
  await runtime.close();
  await db.drop();
  await rm(migrations, { recursive: true, force: true });
});

const KEY = 'w-1';
const event = (id: string, type: 'worker.registered' | 'worker.updated' | 'worker.skills-changed'): CloudEvent =>
  createCloudEvent({ id, type, source: '/tongxin/test', subject: KEY, data: {} });
const publish = (...events: CloudEvent[]) =>
  runtime.bus.publish(events.map((e) => ({ topic: TOPICS.worker, key: KEY, event: e })));

type Call = { bulk: string[] } | { one: string };
const calls: Call[] = [];
/** The bulk apply fails while this id is in its run (once). */
let poison: string | undefined;
const record = (tx: { query: (sql: string, values: unknown[]) => Promise<unknown> }, ids: string[], kind: string) =>
  tx.query(`INSERT INTO bulkdemo.effects (event_id, kind) SELECT id, $2 FROM unnest($1::text[]) AS id`, [ids, kind]);
const effects = async () =>
  (await runtime.pool.query<{ event_id: string; kind: string }>('SELECT * FROM bulkdemo.effects ORDER BY event_id'))
    .rows;
async function until(what: string, ok: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 20_000; !(await ok());) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Published before the consumer exists, in one call: its first fetch holds all five.
await publish(
  event('e1', 'worker.registered'),
  event('e2', 'worker.registered'),
  event('e3', 'worker.skills-changed'),
  event('e4', 'worker.registered'),
  event('e5', 'worker.updated'),
);
await runtime.consume({
  name: 'workers',
  topics: [TOPICS.worker],
  types: ['worker.registered', 'worker.updated', 'worker.skills-changed'],
  handle: async (e, tx) => {
    calls.push({ one: e.id });
    await record(tx, [e.id], e.type);
  },
  bulk: {
    types: ['worker.registered', 'worker.updated'],
    apply: async (events, tx) => {
      const ids = events.map((e) => e.id);
      calls.push({ bulk: ids });
      await record(tx, ids, 'bulk');
      if (poison && ids.includes(poison) && ids.length > 1) throw new Error('poison');
    },
  },
});

t.test('runs of bulk types go to apply together, the others to handle, in order', async (t) => {
  await until('five effects', async () => (await effects()).length === 5);
  t.same(calls, [{ bulk: ['e1', 'e2'] }, { one: 'e3' }, { bulk: ['e4', 'e5'] }]);
  t.same(
    (await effects()).map((e) => e.kind),
    ['bulk', 'bulk', 'worker.skills-changed', 'bulk', 'bulk'],
  );
});

t.test('a run that fails is rolled back, then its events are applied alone, each once', async (t) => {
  calls.length = 0;
  poison = 'e7';
  await publish(event('e6', 'worker.registered'), event('e7', 'worker.updated'), event('e8', 'worker.skills-changed'));
  await until('eight effects', async () => (await effects()).length === 8);
  t.same(calls, [{ bulk: ['e6', 'e7'] }, { bulk: ['e6'] }, { bulk: ['e7'] }, { one: 'e8' }]);
  t.same(
    (await effects()).map((e) => e.event_id),
    ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'],
    'the failed run left nothing; each applied once',
  );
  const [lag] = await runtime.consumerLag(0).then((l) => l.filter((x) => x.consumer === 'workers'));
  t.equal(lag?.events, 0, 'the group committed past all');
});
