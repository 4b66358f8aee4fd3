-- Issue 16: the dashboard's figures are kept while the data they are made of is unchanged (ADR 0019).
-- Every transaction that writes a row of a table of this schema raises the version once, in that
-- transaction, so the raised version becomes visible exactly when the write does. The version is the
-- sum of sixteen slots, each transaction raising the one its id chooses: concurrent writers seldom
-- wait for one another. The trigger is deferred to the commit, after every other lock the transaction
-- takes, so the slot's lock is always the last one held and can close no cycle of waits (a deadlock).
CREATE TABLE {{schema}}.data_version (
  slot int PRIMARY KEY,
  n bigint NOT NULL
);
INSERT INTO {{schema}}.data_version (slot, n) SELECT s, 0 FROM generate_series(0, 15) AS s;

CREATE FUNCTION {{schema}}.raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Once per transaction, however many rows it wrote (the setting ends with the transaction).
  IF current_setting('tongxin.{{schema}}_version_raised', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('tongxin.{{schema}}_version_raised', txid_current()::text, true);
    UPDATE {{schema}}.data_version SET n = n + 1 WHERE slot = (txid_current() % 16)::int;
  END IF;
  RETURN NULL;
END
$$;

-- Every table there is now; a later migration that adds a table adds the triggers too (a test checks).
DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = '{{schema}}' AND tablename NOT IN ('schema_migrations', 'data_version')
  LOOP
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER raise_data_version AFTER INSERT OR UPDATE OR DELETE ON {{schema}}.%I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {{schema}}.raise_data_version()',
      t
    );
    -- TRUNCATE has no rows to fire for; it locks the whole table anyway.
    EXECUTE format(
      'CREATE TRIGGER raise_data_version_truncate AFTER TRUNCATE ON {{schema}}.%I '
      'FOR EACH STATEMENT EXECUTE FUNCTION {{schema}}.raise_data_version()',
      t
    );
  END LOOP;
END
$$;
