import {
  type CloudEvent,
  type EventBus,
  type EventType,
  EventSchemas,
  createCloudEvent,
  topicForEventType,
} from '@tongxin/events';
import { createBus, createLogger } from '@tongxin/service-platform';

/** A connection to a stack's bus, for tests that publish the events of services not running. */
export interface StackBus {
  bus: EventBus;
  /** Publishes events, each checked against its contract first so fixtures cannot drift from it. */
  publish(...events: CloudEvent[]): Promise<void>;
  /**
   * Builds, publishes and returns one event. Test fixtures may build their payloads loosely: `publish`
   * holds them to the contract at run time.
   */
  emit(type: EventType, source: string, subject: string, data: unknown): Promise<CloudEvent>;
  close(): Promise<void>;
}

/** The bus of a stack, built from its settings exactly as the services' runtime builds its own. */
export async function stackBus(settings: Record<string, string>, clientId = 'test-bus'): Promise<StackBus> {
  const schemas = new EventSchemas();
  const { bus, pools } = createBus(
    {
      KAFKA_BROKERS: settings.KAFKA_BROKERS ?? '',
      KAFKA_IDEMPOTENT: settings.KAFKA_IDEMPOTENT === 'true',
      KAFKA_TOPIC_PREFIX: settings.KAFKA_TOPIC_PREFIX ?? '',
      ...(settings.KAFKA_TOPIC_PARTITIONS ? { KAFKA_TOPIC_PARTITIONS: Number(settings.KAFKA_TOPIC_PARTITIONS) } : {}),
      KAFKA_MANAGE_TOPICS: settings.KAFKA_MANAGE_TOPICS !== 'false',
      DATABASE_URL: settings.DATABASE_URL!,
      EVENT_LOG_URL: settings.EVENT_LOG_URL ?? '',
    },
    clientId,
    createLogger(clientId, 'silent'),
    { schemas },
  );
  await bus.connect();
  const publish = async (...events: CloudEvent[]) => {
    for (const e of events) schemas.validate(e);
    await bus.publish(events.map((event) => ({ topic: topicForEventType(event.type), key: event.subject, event })));
  };
  return {
    bus,
    publish,
    async emit(type, source, subject, data) {
      const event = createCloudEvent({ type, source, subject, data });
      await publish(event);
      return event;
    },
    async close() {
      await bus.close();
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}

/**
 * Polls `probe` every 75 ms until it returns something truthy, or fails
 * after `timeoutMs` naming what it waited for and the last error the probe threw.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 75));
  }
}
