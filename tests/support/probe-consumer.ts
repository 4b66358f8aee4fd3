/**
 * A consumer in a process of its own, for kill tests: it records each worker.registered it
 * handles in probe.effects (no unique key, so a duplicate effect would show), through the
 * inbox. PROBE_MODE=hang-in-handler stops inside the transaction; hang-after-commit stops after
 * the commit but before the bus learns the message was handled.
 */
import { createPool, migrate } from '@tongxin/db';
import {
  DEFAULT_TOPIC_PARTITIONS,
  EmbeddedBus,
  type EventBus,
  KafkaBus,
  consumeOnce,
  outboxMigrationSql,
  topicSpecs,
} from '@tongxin/events';
import pino from 'pino';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mode = process.env.PROBE_MODE ?? 'normal';
const group = process.env.PROBE_GROUP ?? 'probe';
const logger = pino({ level: 'warn' });
const pool = createPool(process.env.DATABASE_URL!, { max: 4 });
const dir = await mkdtemp(join(tmpdir(), 'probe-mig-'));
await writeFile(
  join(dir, '0001-effects.sql'),
  'CREATE TABLE {{schema}}.effects (event_id text NOT NULL, worker_id text NOT NULL)',
);
await migrate(pool, { schema: 'probe', dir, preamble: [{ name: '0000-outbox', sql: outboxMigrationSql('probe') }] });

const bus: EventBus = process.env.KAFKA_BROKERS
  ? new KafkaBus({
      brokers: process.env.KAFKA_BROKERS.split(','),
      clientId: 'probe',
      logger,
      topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
      topics: topicSpecs(Number(process.env.KAFKA_TOPIC_PARTITIONS || DEFAULT_TOPIC_PARTITIONS)),
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
      rebalanceTimeoutMs: 5000,
    })
  : new EmbeddedBus({ pool, logger, leaseMs: 1500, pollIntervalMs: 50 });
await bus.connect();
const forever = () => new Promise<never>(() => {});
await bus.subscribe({
  groupId: group,
  topics: ['tongxin.worker'],
  fromBeginning: true,
  handler: async (event) => {
    if (event.type !== 'worker.registered') return;
    const handled = await consumeOnce({
      pool,
      schema: 'probe',
      consumer: group,
      event,
      handle: async (tx) => {
        await tx.query('INSERT INTO probe.effects (event_id, worker_id) VALUES ($1, $2)', [event.id, event.subject]);
        if (mode === 'hang-in-handler') {
          console.log(`IN_HANDLER ${event.subject}`);
          await forever();
        }
      },
    });
    if (mode === 'hang-after-commit' && handled) {
      console.log(`COMMITTED ${event.subject}`);
      await forever();
    }
    console.log(`${handled ? 'HANDLED' : 'DUPLICATE'} ${event.subject}`);
  },
});
console.log('READY');
