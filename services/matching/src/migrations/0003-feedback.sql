-- Issue 17. Openings a worker marked "not interested": left out of their matches, and the same
-- employer's openings of the same occupation sink. One row per pair; marking again changes nothing.
CREATE TABLE {{schema}}.not_interested (
  worker_id uuid NOT NULL,
  opening_id uuid NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (worker_id, opening_id)
);
