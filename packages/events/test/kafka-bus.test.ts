import t from 'tap';
import { createPool, createTestDatabase, type TestDatabase } from '@tongxin/db';
import { startKafkaMock, type KafkaMock } from '@tongxin/kafka-mock';
import type pg from 'pg';
import { EventSchemas, KafkaBus, Outbox, OutboxRelay, type CloudEvent, type KafkaBusOptions } from '../src/index.ts';
import { rand, serviceSchema, testEvent } from './helpers/bus-contract.ts';
import { recordingLogger } from './helpers/logger.ts';
import { testSchemaDir } from './helpers/schemas.ts';
import { delay, waitFor } from './helpers/wait.ts';
import { runsWith } from '@tongxin/test-harness/environment';

if (runsWith(t, 'kafka')) {
  // KafkaBus on librdkafka's mock cluster (3 brokers), for the faults only the mock injects on cue:
  // brokers down and up, injected produce errors. The bus contract runs on the real broker
  // (kafka-bus-broker.test.ts).
  type Seq = CloudEvent<{ seq: number }>;

  let mock: KafkaMock | undefined;
  let db: TestDatabase | undefined;
  let pool: pg.Pool | undefined;
  const buses: KafkaBus[] = [];

  t.before(async () => {
    mock = await startKafkaMock({ brokers: 3 });
    db = await createTestDatabase();
    pool = createPool(db.connectionString);
  });
  t.teardown(async () => {
    await Promise.all(buses.map((b) => b.close().catch(() => undefined)));
    await pool?.end();
    await db?.drop();
    await mock?.stop();
  });

  async function newBus(options: Partial<KafkaBusOptions> = {}): Promise<KafkaBus> {
    const bus = new KafkaBus({
      brokers: mock!.brokers,
      clientId: rand('test'),
      logger: recordingLogger(),
      // The mock broker waits a session timeout before letting a replacement member join.
      sessionTimeoutMs: 3_000,
      heartbeatIntervalMs: 300,
      rebalanceTimeoutMs: 3_000,
      maxWaitTimeMs: 250,
      stopGraceMs: 1_000,
      // The mock has no CreateTopics API and auto-creates whatever topic a test names.
      topics: false,
      ...options,
    });
    await bus.connect();
    buses.push(bus);
    return bus;
  }

  t.test('ping answers while the cluster is up', async (t) => {
    const bus = await newBus();
    t.equal(await bus.ping(), true);
  });

  t.test('a whole-cluster outage during publish loses nothing and keeps key order', async (t) => {
    const bus = await newBus();
    const topic = rand('t.outage');
    await mock!.createTopic(topic, 3, 3);
    const seen = new Map<string, number[]>();
    const sub = await bus.subscribe({
      groupId: rand('g'),
      topics: [topic],
      handler: async (e) => {
        const { subject, data } = e as Seq;
        seen.set(subject, [...(seen.get(subject) ?? []), data.seq]);
      },
    });
    t.teardown(() => sub.stop());
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const batch = (from: number) =>
      Array.from({ length: 5 }, (_, i) => from + i).flatMap((seq) =>
        keys.map((k) => ({ topic, key: k, event: testEvent(k, seq) })),
      );

    await bus.publish(batch(0));
    for (const id of [1, 2, 3]) await mock!.brokerDown(id);
    const during = bus.publish(batch(5)); // kafkajs retries while every broker refuses connections
    await delay(2_000);
    for (const id of [1, 2, 3]) await mock!.brokerUp(id);
    await during;
    await bus.publish(batch(10));

    await waitFor('all 90', () => keys.every((k) => new Set(seen.get(k)).size === 15), 60_000);
    for (const k of keys) t.same([...new Set(seen.get(k))], [...Array(15).keys()], `order of ${k}`);
  });

  t.test('the relay keeps retrying through an outage longer than the producer’s retries', async (t) => {
    // One producer retry: publish fails fast, so the relay's own retry is what delivers.
    const bus = await newBus({ clientRetry: { retries: 1, initialRetryTime: 100, maxRetryTime: 300 } });
    const consumerBus = await newBus();
    const schema = await serviceSchema(pool!);
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas: new EventSchemas({ dir: testSchemaDir() }) });
    const logger = recordingLogger();
    const relay = new OutboxRelay({ pool: pool!, schema, bus, logger, pollIntervalMs: 200 });
    const got = new Set<string>();
    const sub = await consumerBus.subscribe({
      groupId: rand('g'),
      topics: ['tongxin.worker'],
      handler: async (e) => {
        if (e.subject.startsWith(schema)) got.add(e.id);
      },
    });
    t.teardown(() => sub.stop());
    relay.start();
    t.teardown(() => relay.stop());

    for (const id of [1, 2, 3]) await mock!.brokerDown(id);
    const client = await pool!.connect();
    try {
      await client.query('BEGIN');
      for (let seq = 0; seq < 5; seq++) await outbox.add(client, testEvent(`${schema}-w`, seq));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    relay.notify();
    await waitFor(
      'a failed relay attempt',
      () => logger.entries.some((e) => e.msg?.includes('outbox relay failed')),
      30_000,
    );
    for (const id of [1, 2, 3]) await mock!.brokerUp(id);
    await waitFor('all five', () => got.size === 5, 60_000);
    const attempts = await pool!.query(`SELECT min(attempts)::int AS n FROM ${schema}.outbox`);
    t.ok(attempts.rows[0].n >= 1, 'failed attempts are counted on the rows');
  });

  t.test('injected produce errors are retried without loss or reordering', async (t) => {
    const bus = await newBus();
    const topic = rand('t.errors');
    await mock!.createTopic(topic, 2, 3);
    const got: number[] = [];
    const sub = await bus.subscribe({
      groupId: rand('g'),
      topics: [topic],
      handler: async (e) => void got.push((e as Seq).data.seq),
    });
    t.teardown(() => sub.stop());
    // Produce (api key 0): NOT_LEADER_OR_FOLLOWER, REQUEST_TIMED_OUT, NOT_ENOUGH_REPLICAS — all retriable.
    await mock!.pushErrors(0, [6, 7, 19]);
    for (let seq = 0; seq < 6; seq++) await bus.publish([{ topic, key: 'only', event: testEvent('only', seq) }]);
    await waitFor('six', () => new Set(got).size === 6, 30_000);
    t.same([...new Set(got)], [0, 1, 2, 3, 4, 5]);
  });
}
