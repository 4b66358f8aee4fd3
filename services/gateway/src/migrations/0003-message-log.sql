-- The embedded mode's SMS and WeChat "provider": every message a channel would hand to a real
-- provider is written here instead, for the administrator to read (issue 15). The phone is kept as a
-- keyed hash (to find a person's messages) and masked (to show); the body is what the phone would show.
CREATE TABLE {{schema}}.message_log (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('sms', 'wechat')),
  recipient_hash text NOT NULL,
  recipient_masked text NOT NULL,
  template text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_log_recipient ON {{schema}}.message_log (recipient_hash, created_at DESC);
