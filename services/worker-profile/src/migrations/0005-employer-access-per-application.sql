-- Employer access per application (issue 12). An employer sees an applicant's phone and ID number
-- while at least one of its applications for the worker is at interview, offered or hired, and
-- not once every such application is rejected or withdrawn, nor while the employer is suspended.
-- Numbered 0005: 0004 is taken on another branch of worker-profile.
CREATE TABLE {{schema}}.employer_applications (
  application_id text PRIMARY KEY,
  employer_id text NOT NULL,
  worker_id uuid NOT NULL,
  status text NOT NULL,
  -- placement's updatedAt of the application, then the pipeline position: an older event never
  -- overwrites a newer state, whatever the order of delivery.
  changed_at timestamptz NOT NULL,
  progress int NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employer_applications_pair ON {{schema}}.employer_applications (employer_id, worker_id);

-- The furthest stage kept before cannot say whether an application that reached interview or
-- offered was rejected or withdrawn since, so such pairs are carried over masked (status
-- `legacy`) until their application's next event; `hired` is terminal and so still true.
-- Lower stages stay as they were (masked).
INSERT INTO {{schema}}.employer_applications (application_id, employer_id, worker_id, status, changed_at, progress)
SELECT 'legacy:' || employer_id || ':' || worker_id, employer_id, worker_id,
       CASE WHEN stage IN ('interview', 'offered') THEN 'legacy' ELSE stage END,
       '-infinity', 0
  FROM {{schema}}.employer_access;
DROP TABLE {{schema}}.employer_access;

-- Employers' standing from the employer service's events, newest version wins.
CREATE TABLE {{schema}}.employer_standing (
  employer_id text PRIMARY KEY,
  status text NOT NULL,
  version int NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
