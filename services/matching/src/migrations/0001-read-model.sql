-- The matching read model: the latest snapshot of each aggregate, as carried by the events.
-- It is the source of truth for ranking; the search engine is fed from it and can be rebuilt from it.
CREATE TABLE {{schema}}.workers (
  id text PRIMARY KEY,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {{schema}}.employers (
  id text PRIMARY KEY,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {{schema}}.openings (
  id text PRIMARY KEY,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Training facts used to say which course gives a missing certificate.
CREATE TABLE {{schema}}.courses (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  event_time timestamptz NOT NULL
);
CREATE TABLE {{schema}}.batches (
  id text PRIMARY KEY,
  course_id text NOT NULL,
  doc jsonb NOT NULL,
  event_time timestamptz NOT NULL
);
