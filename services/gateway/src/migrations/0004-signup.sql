-- Issue 15, ADR 0014: accounts get the phone a one-time code confirmed (a keyed hash to find the
-- account, AES-256-GCM under PHONE_ENCRYPTION_KEY to send to it, masked to show), and the codes.
ALTER TABLE {{schema}}.accounts
  ADD COLUMN phone_hash text,
  ADD COLUMN phone_encrypted text,
  ADD COLUMN phone_masked text;
CREATE INDEX accounts_phone_hash ON {{schema}}.accounts (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX accounts_worker_id ON {{schema}}.accounts (worker_id) WHERE worker_id IS NOT NULL;

-- One-time codes: never the code itself, only its keyed hash. The newest live code of a purpose and
-- phone is the only one that counts; five wrong tries lock it; a use stamps used_at.
-- subject: what the code is for (the worker to activate, the account whose password is reset).
CREATE TABLE {{schema}}.one_time_codes (
  id uuid PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('activation', 'password-reset', 'sign-up')),
  phone_hash text NOT NULL,
  code_hash text NOT NULL,
  subject text NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX one_time_codes_phone ON {{schema}}.one_time_codes (purpose, phone_hash, created_at DESC);

-- Every request for a code, sent or not (so that the limits answer alike for registered and
-- unknown people): the keyed hash of the phone (or username) asked for and of the client's address.
CREATE TABLE {{schema}}.code_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  purpose text NOT NULL,
  target_hash text NOT NULL,
  address_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX code_requests_target ON {{schema}}.code_requests (target_hash, created_at DESC);
CREATE INDEX code_requests_address ON {{schema}}.code_requests (address_hash, created_at DESC);
