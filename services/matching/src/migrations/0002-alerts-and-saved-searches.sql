-- Issue 15. One row per opening whose opening.matched was written (with the event, in the consumer's
-- transaction): an opening is announced to its matching workers once, on its first publication,
-- not again on resumption, reopening or a replay of the topic.
CREATE TABLE {{schema}}.opening_alerts (
  opening_id uuid PRIMARY KEY,
  matched int NOT NULL,
  alerted_at timestamptz NOT NULL
);

-- A worker's saved searches: the query and filters as GET /api/v1/search/openings takes them.
CREATE TABLE {{schema}}.saved_searches (
  id uuid PRIMARY KEY,
  worker_id uuid NOT NULL,
  name text NOT NULL,
  query text NOT NULL DEFAULT '',
  filters jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);
CREATE INDEX saved_searches_worker ON {{schema}}.saved_searches (worker_id, created_at);

-- The openings a saved search was told of (saved-search.matched): each at most once.
CREATE TABLE {{schema}}.saved_search_hits (
  saved_search_id uuid NOT NULL REFERENCES {{schema}}.saved_searches (id) ON DELETE CASCADE,
  opening_id uuid NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (saved_search_id, opening_id)
);
