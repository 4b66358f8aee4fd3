import { createPool } from '@tongxin/db';
import {
  type CloudEvent,
  type EventBus,
  EmbeddedBus,
  EventSchemas,
  KafkaBus,
  topicForEventType,
} from '@tongxin/events';
import { createLogger } from '@tongxin/service-platform';

const schemas = new EventSchemas();

/**
 * A producer on the stack's bus, built from the stack's settings exactly as the services'
 * runtime builds its own: Kafka when KAFKA_BROKERS is set, else the embedded log. Tests use it
 * to publish the events of services that are not running (employer, training). Every event
 * is checked against its contract first, so the fixtures cannot drift from the catalogue.
 */
export async function testPublisher(settings: Record<string, string>) {
  const logger = createLogger('test-publisher', 'silent');
  let bus: EventBus;
  const pools: { end(): Promise<void> }[] = [];
  if (settings.KAFKA_BROKERS) {
    bus = new KafkaBus({ brokers: settings.KAFKA_BROKERS.split(','), clientId: 'matching-test', logger });
  } else {
    const pool = createPool(settings.EVENT_LOG_URL || settings.DATABASE_URL!, {
      max: 2,
      applicationName: 'matching-test-bus',
    });
    pools.push(pool);
    bus = new EmbeddedBus({ pool, logger });
  }
  await bus.connect();
  return {
    async publish(...events: CloudEvent[]): Promise<void> {
      for (const e of events) if (schemas.has(e.type)) schemas.validate(e);
      await bus.publish(events.map((event) => ({ topic: topicForEventType(event.type), key: event.subject, event })));
    },
    async close(): Promise<void> {
      await bus.close();
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), every 75 ms for up to 15 s. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what = 'condition'): Promise<T> {
  const deadline = Date.now() + 15_000;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 75));
  }
}
