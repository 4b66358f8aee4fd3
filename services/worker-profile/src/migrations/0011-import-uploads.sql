-- The upload of an import with refused rows, encrypted (AES-256-GCM, the PII key), kept so that the
-- clerk can download it back with the refused cells marked (ADR 0011). Deleted after its expiry.
CREATE TABLE {{schema}}.import_uploads (
  job_id uuid PRIMARY KEY REFERENCES {{schema}}.import_jobs (id) ON DELETE CASCADE,
  body_enc bytea NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX import_uploads_expiry ON {{schema}}.import_uploads (expires_at);
