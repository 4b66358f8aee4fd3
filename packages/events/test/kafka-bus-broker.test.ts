import kafkajs from 'kafkajs';
import t from 'tap';
import { createPool, createTestDatabase, type TestDatabase } from '@tongxin/db';
import type pg from 'pg';
import { runsWith } from '@tongxin/test-harness/environment';
import { deleteStackTopics, stackPrefix, testKafkaBrokers } from '@tongxin/test-harness/kafka';
import { KafkaBus, type KafkaBusOptions, topicSpecs } from '../src/index.ts';
import { busContract, rand } from './helpers/bus-contract.ts';
import { recordingLogger } from './helpers/logger.ts';

// The bus contract on the run's real Kafka broker (KRaft, infra/kafka), configured as the services
// run on one: topics created on purpose under this file's prefix (the broker creates none by
// itself), the idempotent producer on (KAFKA_IDEMPOTENT). kafka-bus.test.ts keeps the mock for the
// faults only it can inject.
if (runsWith(t, 'kafka')) {
  const brokers = await testKafkaBrokers();
  const prefix = stackPrefix();
  const admin = new kafkajs.Kafka({ brokers, clientId: `${prefix}admin`, logLevel: kafkajs.logLevel.NOTHING }).admin();
  let db: TestDatabase | undefined;
  let pool: pg.Pool | undefined;
  const buses: KafkaBus[] = [];

  t.before(async () => {
    await admin.connect();
    db = await createTestDatabase();
    pool = createPool(db.connectionString);
  });
  t.teardown(async () => {
    await Promise.all(buses.map((b) => b.close().catch(() => undefined)));
    await admin.disconnect().catch(() => undefined);
    await deleteStackTopics(brokers, prefix);
    await pool?.end();
    await db?.drop();
  });

  async function newBus(options: Partial<KafkaBusOptions> = {}): Promise<KafkaBus> {
    const bus = new KafkaBus({
      brokers,
      clientId: rand('test'),
      logger: recordingLogger(),
      topicPrefix: prefix,
      idempotent: true,
      // connect() creates and checks the domain topics the outbox case publishes on; 2 partitions keep the broker small.
      topics: topicSpecs(2),
      // The broker's lowest allowed session timeout: a member that dies is replaced soon.
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      rebalanceTimeoutMs: 5_000,
      maxWaitTimeMs: 250,
      stopGraceMs: 1_000,
      ...options,
    });
    await bus.connect();
    buses.push(bus);
    return bus;
  }

  busContract(t, () => ({
    pool: pool!,
    deliveryTimeoutMs: 30_000,
    newBus: (o) =>
      newBus({ ...(o?.retry ? { retry: o.retry } : {}), ...(o?.stopGraceMs ? { stopGraceMs: o.stopGraceMs } : {}) }),
    async createTopics(names) {
      // 3 partitions: the contract's many keys spread over several, as in production.
      const created = await admin.createTopics({
        waitForLeaders: true,
        topics: names.map((name) => ({ topic: `${prefix}${name}`, numPartitions: 3, replicationFactor: -1 })),
      });
      if (!created) throw new Error(`topics ${names.join(', ')} existed already: random names should be new`);
    },
  }));
}
