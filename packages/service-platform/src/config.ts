import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** Settings every service reads. Secrets have no default: a service refuses to start without them. */
export const BaseConfig = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  DATABASE_URL: Type.String({ minLength: 1 }),
  /** Comma-separated Kafka brokers; empty selects the embedded event log in EVENT_LOG_URL. */
  KAFKA_BROKERS: Type.String({ default: '' }),
  KAFKA_IDEMPOTENT: Type.Boolean({ default: false }),
  /** Put before every topic, group and client id on the broker: deployments sharing one broker stay apart. */
  KAFKA_TOPIC_PREFIX: Type.String({ default: '', pattern: '^[A-Za-z0-9._-]*$' }),
  /** Partitions of each domain topic: created so, and a service refuses a broker whose topics differ (ADR 0002). */
  KAFKA_TOPIC_PARTITIONS: Type.Integer({ minimum: 1, maximum: 1000, default: 6 }),
  /**
   * Create and check the topics at start (default). Off only for a broker without the CreateTopics
   * API (librdkafka's mock in the reliability fault suite), which auto-creates them.
   */
  KAFKA_MANAGE_TOPICS: Type.Boolean({ default: true }),
  /**
   * How long a consumer that stopped answering keeps its partitions before the group moves them to
   * the others (kafkajs's default, 30 s). Shorter fails over sooner and rebalances more on a slow network.
   */
  KAFKA_SESSION_TIMEOUT_MS: Type.Integer({ minimum: 6_000, maximum: 300_000, default: 30_000 }),
  /** Database holding the embedded event log; defaults to DATABASE_URL. */
  EVENT_LOG_URL: Type.String({ default: '' }),
  JWT_SECRET: Type.String({ minLength: 32 }),
  HOME_COUNTY: Type.String({ pattern: '^[0-9]{6}$', default: '140723' }),
  DB_POOL_MAX: Type.Integer({ minimum: 1, default: 10 }),
  /** The county's offset from UTC, in minutes: county dates ("today", closing dates) are taken there. */
  CALENDAR_UTC_OFFSET_MINUTES: Type.Integer({ minimum: -720, maximum: 840, default: 480 }),
});
export type BaseConfig = Static<typeof BaseConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration from an environment-like record against a TypeBox schema:
 * defaults applied, strings converted to the declared types, every problem named at once.
 */
export function loadConfig<S extends TSchema>(schema: S, env: Record<string, string | undefined>): Static<S> {
  const keys = Object.keys((schema as unknown as { properties: Record<string, unknown> }).properties);
  const raw: Record<string, unknown> = {};
  for (const k of keys) if (env[k] !== undefined && env[k] !== '') raw[k] = env[k];
  const value = Value.Convert(schema, Value.Default(schema, raw));
  const errors = [...Value.Errors(schema, value)].map((e) => `${e.path.slice(1) || '(root)'}: ${e.message}`);
  if (errors.length) throw new ConfigError(errors);
  return value as Static<S>;
}
