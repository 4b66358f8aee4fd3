-- token_version: raised by a password change or reset, a disable and a sign-out everywhere; tokens
-- carrying a lower one are refused (ADR 0004). disabled_at: a disabled account cannot sign in.
ALTER TABLE {{schema}}.accounts
  ADD COLUMN token_version integer NOT NULL DEFAULT 0,
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN password_changed_at timestamptz;
