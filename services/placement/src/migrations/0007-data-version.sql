-- Issue 16: the dashboard's figures are kept while the data they are made of is unchanged (ADR 0019).
-- Every statement that writes a table of this schema raises the version in its own transaction, so
-- the raised version becomes visible exactly when the write does. Sixteen slots, chosen by the
-- transaction's id: concurrent writers seldom wait for one another, and a transaction only ever
-- locks one slot, so two of them cannot deadlock on it. The version is the sum.
CREATE TABLE {{schema}}.data_version (
  slot int PRIMARY KEY,
  n bigint NOT NULL
);
INSERT INTO {{schema}}.data_version (slot, n) SELECT s, 0 FROM generate_series(0, 15) AS s;

CREATE FUNCTION {{schema}}.raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE {{schema}}.data_version SET n = n + 1 WHERE slot = (txid_current() % 16)::int;
  RETURN NULL;
END
$$;

-- Every table there is now; a later migration that adds a table adds the trigger too (a test checks).
DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = '{{schema}}' AND tablename NOT IN ('schema_migrations', 'data_version')
  LOOP
    EXECUTE format(
      'CREATE TRIGGER raise_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {{schema}}.%I '
      'FOR EACH STATEMENT EXECUTE FUNCTION {{schema}}.raise_data_version()',
      t
    );
  END LOOP;
END
$$;
