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

/** A producer on the stack's own bus, standing in for training and placement: events are checked against their contracts. */
export interface TestPublisher {
  publish(event: CloudEvent): Promise<void>;
  event(type: string, source: string, subject: string, data: unknown): CloudEvent;
  close(): Promise<void>;
}

/** Built the way ServiceRuntime builds its bus: Kafka when the stack has brokers, else the embedded log. */
export async function testPublisher(stack: Stack): Promise<TestPublisher> {
  const logger = createLogger('test-publisher', 'silent');
  const schemas = new EventSchemas();
  const settings = stack.settings;
  const pool = settings.KAFKA_BROKERS
    ? undefined
    : createPool(settings.DATABASE_URL!, { max: 2, applicationName: 'test-publisher' });
  const bus: EventBus = settings.KAFKA_BROKERS
    ? new KafkaBus({ brokers: settings.KAFKA_BROKERS.split(','), clientId: 'test-publisher', logger, schemas })
    : new EmbeddedBus({ pool: pool!, logger, schemas });
  await bus.connect();
  return {
    publish: (event) => bus.publish([{ topic: topicForEventType(event.type), key: event.subject, event }]),
    event: (type, source, subject, data) => createEvent({ type, source, subject, data }),
    async close() {
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
