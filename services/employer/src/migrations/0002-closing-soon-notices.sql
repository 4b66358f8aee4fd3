-- Issue 15: one row per opening and county day whose opening.closing-soon was written, with the
-- event in one transaction, so the daily scan announces an opening at most once a day however
-- often it runs.
CREATE TABLE {{schema}}.closing_soon_notices (
  opening_id uuid NOT NULL REFERENCES {{schema}}.openings (id),
  scan_date date NOT NULL,
  noticed_at timestamptz NOT NULL,
  PRIMARY KEY (opening_id, scan_date)
);
