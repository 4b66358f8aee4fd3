import { randomUUID } from 'node:crypto';
import { createPool } from '@tongxin/db';
import {
  type CloudEvent,
  EmbeddedBus,
  type EventBus,
  EventSchemas,
  KafkaBus,
  createEvent,
  topicForEventType,
} from '@tongxin/events';
import { createLogger } from '@tongxin/service-platform';
import type { Stack } from '@tongxin/test-harness';

/** A producer and consumer on the stack's own bus, standing in for placement and matching. */
export interface TestBus {
  /** Every event seen on the subscribed topics, in arrival order. */
  seen: CloudEvent[];
  publish(type: string, source: string, subject: string, data: unknown): Promise<CloudEvent>;
  /** Waits for an event of `type` whose data satisfies `match`. */
  waitFor(type: string, match?: (data: any) => boolean): Promise<CloudEvent<any>>;
  close(): Promise<void>;
}

/** Built the way ServiceRuntime builds its bus: Kafka when the stack has brokers, else the embedded log. */
export async function testBus(stack: Stack, topics: string[]): Promise<TestBus> {
  const logger = createLogger('test-bus', 'silent');
  const schemas = new EventSchemas();
  const settings = stack.settings;
  const pool = settings.KAFKA_BROKERS
    ? undefined
    : createPool(settings.DATABASE_URL!, { max: 2, applicationName: 'test-bus' });
  const bus: EventBus = settings.KAFKA_BROKERS
    ? new KafkaBus({ brokers: settings.KAFKA_BROKERS.split(','), clientId: 'test-bus', logger, schemas })
    : new EmbeddedBus({ pool: pool!, logger, schemas });
  await bus.connect();
  const seen: CloudEvent[] = [];
  const sub = await bus.subscribe({
    groupId: `test-consumer-${randomUUID()}`,
    topics,
    fromBeginning: true,
    handler: async (event) => {
      seen.push(event);
    },
  });
  return {
    seen,
    async publish(type, source, subject, data) {
      const event = createEvent({ type, source, subject, data });
      await bus.publish([{ topic: topicForEventType(type), key: subject, event }]);
      return event;
    },
    waitFor: (type, match = () => true) =>
      eventually(async () => seen.find((e) => e.type === type && match(e.data)), `${type} on the bus`),
    async close() {
      await sub.stop();
      await bus.close();
      await pool?.end();
    },
  };
}

/** Polls `probe` every 75 ms until it returns something truthy, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 75));
  }
}
