-- Read models fed by other services' events only; never written by this service's API.
CREATE TABLE {{schema}}.workers (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  gender text NOT NULL,
  home_village_code text NOT NULL,
  township_code text NOT NULL,
  household_status text NOT NULL,
  relocated boolean NOT NULL,
  skills jsonb NOT NULL DEFAULT '[]',
  employment_status text NOT NULL,
  officer_id text,
  union_member boolean NOT NULL DEFAULT false,
  version int NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL
);
CREATE INDEX workers_village ON {{schema}}.workers (home_village_code text_pattern_ops);
CREATE INDEX workers_officer ON {{schema}}.workers (officer_id);

CREATE TABLE {{schema}}.employers (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  region_code text NOT NULL,
  tier text NOT NULL,
  status text NOT NULL,
  version int NOT NULL
);

CREATE TABLE {{schema}}.openings (
  id uuid PRIMARY KEY,
  employer_id uuid NOT NULL,
  employer_name text NOT NULL,
  title text NOT NULL,
  occupation_code text NOT NULL,
  worksite_region_code text NOT NULL,
  tier text NOT NULL,
  headcount int NOT NULL,
  wage_min int NOT NULL,
  wage_max int NOT NULL,
  status text NOT NULL,
  reserved_for_poor boolean NOT NULL,
  version int NOT NULL
);
CREATE INDEX openings_employer ON {{schema}}.openings (employer_id);

-- The last service or contact per worker: the ledger's records plus this service's own referrals and follow-ups.
CREATE TABLE {{schema}}.worker_contacts (
  worker_id uuid PRIMARY KEY,
  last_contact date NOT NULL
);

CREATE TABLE {{schema}}.enrollments (
  id text PRIMARY KEY,
  worker_id uuid NOT NULL,
  batch_id text NOT NULL,
  course_id text NOT NULL,
  status text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX enrollments_worker ON {{schema}}.enrollments (worker_id);

CREATE TABLE {{schema}}.batches (
  id text PRIMARY KEY,
  course_id text NOT NULL,
  start_date date,
  capacity int
);

-- Party-building ledger entries (党建台账) as announced, for the dashboard's counts.
CREATE TABLE {{schema}}.party_entries (
  event_id text PRIMARY KEY,
  kind text NOT NULL,
  region_code text,
  data jsonb NOT NULL
);
