import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';
import t from 'tap';
import { runsWith } from '@tongxin/test-harness/environment';
import { deleteStackTopics, stackPrefix, testKafkaBrokers } from '@tongxin/test-harness/kafka';
import { type CloudEvent, KafkaBus, type KafkaBusOptions, TOPICS, isEventsError, topicSpecs } from '../src/index.ts';
import { testEvent } from './helpers/bus-contract.ts';
import { recordingLogger } from './helpers/logger.ts';
import { waitFor } from './helpers/wait.ts';

// KafkaBus on the real Kafka broker (KRaft, fetched with Maven: infra/kafka): topics created on
// purpose and checked at every connect, and the idempotent producer that docker-compose.yml turns on.
if (runsWith(t, 'kafka')) {
  const brokers = await testKafkaBrokers();
  const prefix = stackPrefix();
  const buses: KafkaBus[] = [];
  const kafka = new kafkajs.Kafka({ brokers, clientId: `${prefix}test`, logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  t.teardown(async () => {
    await Promise.all(buses.map((b) => b.close().catch(() => undefined)));
    await admin.disconnect();
    await deleteStackTopics(brokers, prefix);
  });

  const newBus = (options: Partial<KafkaBusOptions> = {}): KafkaBus => {
    const bus = new KafkaBus({
      brokers,
      clientId: 'topics-test',
      logger: recordingLogger(),
      topicPrefix: prefix,
      topics: topicSpecs(2),
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      rebalanceTimeoutMs: 5_000,
      maxWaitTimeMs: 250,
      ...options,
    });
    buses.push(bus);
    return bus;
  };

  t.test('connect creates every domain topic: its partitions, retention forever, no compaction', async (t) => {
    await newBus().connect();
    const names = Object.values(TOPICS).map((topic) => `${prefix}${topic}`);
    const metadata = await admin.fetchTopicMetadata({ topics: names });
    t.same(metadata.topics.map((m) => [m.name, m.partitions.length]).sort(), names.map((n) => [n, 2]).sort());
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: `${prefix}${TOPICS.worker}` }],
    });
    const config = new Map(resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
    t.equal(config.get('retention.ms'), '-1');
    t.equal(config.get('retention.bytes'), '-1');
    t.equal(config.get('cleanup.policy'), 'delete');
    await newBus().connect();
    t.pass('a second service finds the topics as it needs them and starts');
  });

  t.test('a broker whose topics disagree is refused, naming topic and setting', async (t) => {
    const other = newBus({ topics: topicSpecs(4) });
    const partitions = await other.connect().then(
      () => undefined,
      (err: unknown) => err,
    );
    t.ok(isEventsError(partitions, 'EVENTS_TOPIC_MISMATCH'), String(partitions));
    t.match((partitions as Error).message, `topic "${prefix}${TOPICS.worker}": partitions is 2, needs 4`);

    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: kafkajs.ConfigResourceTypes.TOPIC,
          name: `${prefix}${TOPICS.placement}`,
          configEntries: [
            { name: 'retention.ms', value: String(7 * 24 * 3600 * 1000) },
            { name: 'cleanup.policy', value: 'delete' },
            { name: 'retention.bytes', value: '-1' },
          ],
        },
      ],
    });
    const retention = await newBus()
      .connect()
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    t.ok(isEventsError(retention, 'EVENTS_TOPIC_MISMATCH'), String(retention));
    t.match((retention as Error).message, `topic "${prefix}${TOPICS.placement}": retention.ms is 604800000, needs -1`);
    t.notMatch((retention as Error).message, TOPICS.worker, 'only the topic that differs is named');
  });

  t.test('the idempotent producer publishes on the real broker; each event is delivered once', async (t) => {
    // The fixture above left tongxin.placement with a 7-day retention: this bus needs the other topics only.
    const { [TOPICS.placement]: _unused, ...rest } = topicSpecs(2);
    const producer = newBus({ idempotent: true, topics: rest });
    await producer.connect();
    const consumer = newBus({ topics: rest });
    await consumer.connect();
    const seen: CloudEvent[] = [];
    await consumer.subscribe({
      groupId: `idempotent-${randomUUID()}`,
      topics: [TOPICS.worker],
      fromBeginning: true,
      handler: async (event, meta) => {
        t.equal(meta.topic, TOPICS.worker, 'the handler hears the logical topic, not the prefixed one');
        seen.push(event);
      },
    });
    const events = Array.from({ length: 40 }, (_, i) => testEvent(`w-${i % 7}`, i));
    // In several sends, so that more than one request is in flight (up to 5 with idempotence).
    await Promise.all(
      [0, 10, 20, 30].map((from) =>
        producer.publish(
          events.slice(from, from + 10).map((event) => ({ topic: TOPICS.worker, key: event.subject!, event })),
        ),
      ),
    );
    await waitFor('every event delivered', () => seen.length >= events.length, 30_000);
    t.same(seen.map((e) => e.id).sort(), events.map((e) => e.id).sort(), 'every event once');
    const offsets = await admin.fetchTopicOffsets(`${prefix}${TOPICS.worker}`);
    t.equal(
      offsets.reduce((n, p) => n + Number(p.high), 0),
      events.length,
      'the log holds each event once',
    );
  });
}
