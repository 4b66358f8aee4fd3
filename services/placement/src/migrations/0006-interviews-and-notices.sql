-- Issue 15: the interview the employer sets (time and place, shown to every party and announced as
-- application.interview-scheduled), and the guard of the daily follow-up-due scan.
ALTER TABLE {{schema}}.applications
  ADD COLUMN interview_at timestamptz,
  ADD COLUMN interview_place text,
  ADD COLUMN interview_note text,
  -- 0 before the first scheduling; each re-scheduling counts one up (the event's revision).
  ADD COLUMN interview_revision int NOT NULL DEFAULT 0,
  ADD COLUMN interview_by text,
  ADD COLUMN interview_set_at timestamptz;

-- One row per placement and follow-up step whose placement.follow-up-due was written: the scan
-- inserts the row and the event in one transaction, so a re-run (or two instances) announce it once.
CREATE TABLE {{schema}}.follow_up_due_notices (
  placement_id uuid NOT NULL REFERENCES {{schema}}.placements (id),
  day int NOT NULL CHECK (day IN (30, 90, 180)),
  due_date date NOT NULL,
  noticed_at timestamptz NOT NULL,
  PRIMARY KEY (placement_id, day)
);
