-- Self-registration requests (自助登记, ADR 0015): a person not in the registry asks to be
-- registered; an officer of the chosen village confirms (the worker is registered) or declines.
-- The ID number and phone are kept only as the registry keeps them: encrypted, hashed, masked.
CREATE TABLE {{schema}}.registration_requests (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'confirmed', 'declined')),
  home_village_code text NOT NULL,
  name text NOT NULL,
  -- The other registry fields given (gender, birth date, household number, skills, preferences, consent).
  fields jsonb NOT NULL,
  id_number_enc text NOT NULL,
  id_number_hash text NOT NULL,
  id_number_masked text NOT NULL,
  phone_enc text NOT NULL,
  phone_masked text NOT NULL,
  -- Keyed hash of the whole submission: a retry of a waiting request finds it instead of adding one.
  submission_hash text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  due_date date NOT NULL,
  decided_at timestamptz,
  decided_by text,
  decline_reason text,
  worker_id uuid
);
CREATE UNIQUE INDEX registration_requests_waiting_submission
  ON {{schema}}.registration_requests (submission_hash) WHERE status = 'waiting';
CREATE INDEX registration_requests_status_village ON {{schema}}.registration_requests (status, home_village_code);
CREATE INDEX registration_requests_id_number ON {{schema}}.registration_requests (id_number_hash);
