import { sqlIdentifier } from './sql-identifier.ts';

/**
 * DDL (idempotent) of a service's `<schema>.outbox` — events written in the business
 * transaction, published by the relay — and `<schema>.inbox` — events a consumer already
 * handled, for {@link consumeOnce}.
 */
export function outboxMigrationSql(schema: string): string {
  const s = sqlIdentifier(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.outbox (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  topic text NOT NULL,
  key text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts int NOT NULL DEFAULT 0
);
-- The relay's only query: the unpublished rows in id order.
CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON ${s}.outbox (id) WHERE published_at IS NULL;
CREATE TABLE IF NOT EXISTS ${s}.inbox (
  consumer text NOT NULL,
  event_id text NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
`;
}
