-- Changes a worker proposed to their own record that their officer must confirm (ADR 0020): today
-- only the phone. The proposed value is kept as the registry keeps phones: encrypted, hashed, masked.
-- One undecided proposal per worker and field; a new proposal replaces its value.
CREATE TABLE {{schema}}.pending_changes (
  id uuid PRIMARY KEY,
  worker_id uuid NOT NULL REFERENCES {{schema}}.workers (id),
  field text NOT NULL CHECK (field IN ('phone')),
  value_enc text NOT NULL,
  value_hash text NOT NULL,
  value_masked text NOT NULL,
  proposed_by text NOT NULL,
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_by text,
  decided_at timestamptz,
  outcome text CHECK (outcome IN ('confirmed', 'declined'))
);
CREATE UNIQUE INDEX pending_changes_open ON {{schema}}.pending_changes (worker_id, field) WHERE outcome IS NULL;
