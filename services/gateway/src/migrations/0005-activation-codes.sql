-- Activation codes an officer prints for a worker whose phone changed or who has no signal (issue 15,
-- ADR 0018): only a keyed hash of the code is kept; single use (used_at), expiring (expires_at), and
-- a newer code for the same worker voids the older unused ones (voided_at).
CREATE TABLE {{schema}}.activation_codes (
  id uuid PRIMARY KEY,
  code_hash text NOT NULL UNIQUE,
  worker_id text NOT NULL,
  worker_name_masked text NOT NULL,
  issued_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_account uuid,
  voided_at timestamptz
);
CREATE INDEX activation_codes_worker ON {{schema}}.activation_codes (worker_id, created_at DESC);
