-- Imports match service records on (worker, service, date, channel, note) directly, so the
-- stored key of 0002 is not needed; records from officers and events are matched the same way.
ALTER TABLE {{schema}}.service_records DROP COLUMN natural_key;
CREATE INDEX service_records_match ON {{schema}}.service_records (worker_id, service, date);
