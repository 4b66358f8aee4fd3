import { type Pool, createPool } from '@tongxin/db';
import { EmbeddedBus, type EventBus, type EventSchemas, KafkaBus, topicSpecs } from '@tongxin/events';
import type { FastifyBaseLogger } from 'fastify';

/** The settings that choose and reach the bus. */
export interface BusSettings {
  KAFKA_BROKERS: string;
  KAFKA_IDEMPOTENT?: boolean;
  KAFKA_TOPIC_PREFIX?: string;
  KAFKA_TOPIC_PARTITIONS?: number;
  KAFKA_MANAGE_TOPICS?: boolean;
  KAFKA_SESSION_TIMEOUT_MS?: number;
  EVENT_LOG_URL?: string;
  DATABASE_URL: string;
}

/**
 * The bus the settings name: Kafka when KAFKA_BROKERS is set, otherwise the embedded log in
 * EVENT_LOG_URL (or the service database). Returns the pools it opened, for the caller to close.
 */
export function createBus(
  settings: BusSettings,
  clientId: string,
  logger: FastifyBaseLogger,
  options: { schemas?: EventSchemas } = {},
): { bus: EventBus; pools: Pool[] } {
  if (settings.KAFKA_BROKERS) {
    return {
      bus: new KafkaBus({
        brokers: settings.KAFKA_BROKERS.split(',').map((b) => b.trim()),
        clientId,
        idempotent: settings.KAFKA_IDEMPOTENT ?? false,
        topicPrefix: settings.KAFKA_TOPIC_PREFIX ?? '',
        topics: settings.KAFKA_MANAGE_TOPICS === false ? false : topicSpecs(settings.KAFKA_TOPIC_PARTITIONS),
        // A heartbeat a tenth of the session: a member is declared gone only after several missed.
        ...(settings.KAFKA_SESSION_TIMEOUT_MS
          ? {
              sessionTimeoutMs: settings.KAFKA_SESSION_TIMEOUT_MS,
              heartbeatIntervalMs: Math.min(3_000, Math.floor(settings.KAFKA_SESSION_TIMEOUT_MS / 10)),
            }
          : {}),
        logger,
        ...options,
      }),
      pools: [],
    };
  }
  const pool = createPool(settings.EVENT_LOG_URL || settings.DATABASE_URL, {
    max: 4,
    applicationName: `${clientId}-bus`,
  });
  return { bus: new EmbeddedBus({ pool, logger, ...options }), pools: [pool] };
}
