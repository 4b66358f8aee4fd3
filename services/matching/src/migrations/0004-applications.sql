-- Issue 17. What became of each worker's applications, learnt from placement's application.* events:
-- an opening they applied to is marked applied (with the status) in their matches and searches, and
-- one an officer referred them to is marked referred. One row per worker and opening: the latest
-- application by its updatedAt decides the status (a closed one may be followed by a new one), and
-- `referred` stays once any application of the pair was a referral.
CREATE TABLE {{schema}}.applications (
  worker_id uuid NOT NULL,
  opening_id uuid NOT NULL,
  application_id uuid NOT NULL,
  status text NOT NULL,
  referred boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (worker_id, opening_id)
);
