-- Notifications (issue 15 items 4 and 5, ADR 0013). The inbox is written by the gateway's
-- consumer in the transaction of its inbox (dedup) row; external channels are deliveries the
-- dispatcher sends later, so that a slow or failing provider never holds up an event's write.
CREATE TABLE {{schema}}.notifications (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES {{schema}}.accounts (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  -- What the portal renders the English text from (i18n key `notice.<kind>` with these params).
  params jsonb NOT NULL DEFAULT '{}',
  link text,
  event_id text NOT NULL,
  -- Milliseconds, as the list cursors carry them.
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  read_at timestamptz,
  -- One notice per event and person, however often the event arrives.
  UNIQUE (event_id, account_id)
);
CREATE INDEX notifications_inbox ON {{schema}}.notifications (account_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON {{schema}}.notifications (account_id) WHERE read_at IS NULL;

CREATE TABLE {{schema}}.notification_deliveries (
  id uuid PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES {{schema}}.notifications (id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'wechat')),
  -- 'sending': claimed by a dispatcher until claimed_until; past it, another may take it again.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
  -- Collected into the account's one daily message rather than sent alone.
  digest boolean NOT NULL DEFAULT false,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until timestamptz,
  last_error text,
  provider_id text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  UNIQUE (notification_id, channel)
);
CREATE INDEX notification_deliveries_due ON {{schema}}.notification_deliveries (next_attempt_at)
  WHERE status IN ('pending', 'sending');
CREATE INDEX notification_deliveries_status ON {{schema}}.notification_deliveries (status, created_at DESC);

-- A person's settings: the daily digest, quiet hours (minutes after county midnight), the channels
-- unsubscribed from, and the WeChat openid their mini-program binding gave (none until bound).
CREATE TABLE {{schema}}.notification_settings (
  account_id uuid PRIMARY KEY REFERENCES {{schema}}.accounts (id) ON DELETE CASCADE,
  digest boolean NOT NULL DEFAULT false,
  quiet_start smallint NOT NULL DEFAULT 1320 CHECK (quiet_start BETWEEN 0 AND 1439),
  quiet_end smallint NOT NULL DEFAULT 420 CHECK (quiet_end BETWEEN 0 AND 1439),
  sms_unsubscribed_at timestamptz,
  wechat_unsubscribed_at timestamptz,
  wechat_openid text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Which channels a person wants for a kind of notice; no row: every channel.
CREATE TABLE {{schema}}.notification_preferences (
  account_id uuid NOT NULL REFERENCES {{schema}}.accounts (id) ON DELETE CASCADE,
  kind text NOT NULL,
  sms boolean NOT NULL DEFAULT true,
  wechat boolean NOT NULL DEFAULT true,
  PRIMARY KEY (account_id, kind)
);

-- One-click unsubscribe links: a token per account and channel, kept so a link works again.
CREATE TABLE {{schema}}.notification_unsubscribe_tokens (
  token text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES {{schema}}.accounts (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('sms', 'wechat')),
  used_at timestamptz,
  UNIQUE (account_id, channel)
);

-- Openings each worker was alerted to per county day, for the daily cap on match alerts.
CREATE TABLE {{schema}}.notification_daily_counts (
  account_id uuid NOT NULL,
  kind text NOT NULL,
  day date NOT NULL,
  n integer NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, kind, day)
);

-- The embedded message log learns the sender's idempotency key (a provider's OutId): a message
-- sent again under the same key is the same message.
ALTER TABLE {{schema}}.message_log ADD COLUMN out_id text;
CREATE UNIQUE INDEX message_log_out_id ON {{schema}}.message_log (out_id);
