/** DI tokens of the employer service. */
export const TOKENS = {
  Config: Symbol('Config'),
  Pool: Symbol('Pool'),
  Outbox: Symbol('Outbox'),
  Taxonomy: Symbol('Taxonomy'),
  Calendar: Symbol('Calendar'),
  /** Wakes the outbox relay after a write outside a request (consumers, the sweep, closes on read). */
  PublishNow: Symbol('PublishNow'),
} as const;

/** Publishes committed outbox rows now rather than at the relay's next poll. */
export type PublishNow = () => void;
