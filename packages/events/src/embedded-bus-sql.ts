import { sqlIdentifier } from './sql-identifier.ts';

/**
 * DDL of the embedded bus (idempotent): the log, per-partition offset counters, committed
 * offsets per consumer group, partition leases and live group members.
 */
export function embeddedBusMigrationSql(schema = 'bus'): string {
  const s = sqlIdentifier(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.partitions (
  topic text NOT NULL,
  partition int NOT NULL,
  next_offset bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (topic, partition)
);
CREATE TABLE IF NOT EXISTS ${s}.log (
  topic text NOT NULL,
  partition int NOT NULL,
  "offset" bigint NOT NULL,
  key text,
  payload jsonb NOT NULL,
  appended_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition, "offset")
);
CREATE TABLE IF NOT EXISTS ${s}.group_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition int NOT NULL,
  committed bigint NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
);
CREATE TABLE IF NOT EXISTS ${s}.leases (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition int NOT NULL,
  owner text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
);
CREATE TABLE IF NOT EXISTS ${s}.members (
  group_id text NOT NULL,
  member_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, member_id)
);
`;
}
