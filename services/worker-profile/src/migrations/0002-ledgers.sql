-- Registry additions: people in the household (for per-person income against the poverty line)
-- and the date of the last service or contact, kept here so that list views need no join.
ALTER TABLE {{schema}}.workers ADD COLUMN household_size int;
ALTER TABLE {{schema}}.workers ADD COLUMN last_contact_at date;
CREATE INDEX workers_household ON {{schema}}.workers (home_village_code, household_no);

-- Read models fed by other services' events.
-- Which employer may read which applicant, and how far the furthest application went.
CREATE TABLE {{schema}}.employer_access (
  employer_id text NOT NULL,
  worker_id uuid NOT NULL,
  stage text NOT NULL,
  stage_rank int NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (employer_id, worker_id)
);
-- Placements and enrolments per worker: employment status is derived from the whole set, so
-- events of different placements (different Kafka keys) may arrive in any order.
CREATE TABLE {{schema}}.worker_placements (
  placement_id text PRIMARY KEY,
  worker_id uuid NOT NULL,
  status text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX worker_placements_worker ON {{schema}}.worker_placements (worker_id);
CREATE TABLE {{schema}}.worker_enrollments (
  enrollment_id text PRIMARY KEY,
  worker_id uuid NOT NULL,
  status text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX worker_enrollments_worker ON {{schema}}.worker_enrollments (worker_id);

-- Service ledger (服务台账).
CREATE TABLE {{schema}}.service_records (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  worker_id uuid NOT NULL REFERENCES {{schema}}.workers (id),
  home_village_code text NOT NULL,
  service text NOT NULL,
  date date NOT NULL,
  officer_id text NOT NULL,
  channel text NOT NULL,
  note text,
  outcome text,
  source text NOT NULL,
  -- Identity of an imported row (worker, service, date, channel, note): re-importing finds it.
  natural_key text UNIQUE,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_records_worker ON {{schema}}.service_records (worker_id, date);
CREATE INDEX service_records_village ON {{schema}}.service_records (home_village_code text_pattern_ops);
CREATE INDEX service_records_officer ON {{schema}}.service_records (officer_id);

-- Programme activities (六个一).
CREATE TABLE {{schema}}.activities (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  kind text NOT NULL,
  region_code text NOT NULL,
  date date NOT NULL,
  officer_id text NOT NULL,
  title text,
  note text,
  participants int,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activities_region ON {{schema}}.activities (region_code text_pattern_ops);

-- Income ledger (收入台账): one current entry per worker and month; a correction supersedes it.
CREATE TABLE {{schema}}.incomes (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  worker_id uuid NOT NULL REFERENCES {{schema}}.workers (id),
  home_village_code text NOT NULL,
  household_no text,
  month text NOT NULL,
  amount numeric(12, 2) NOT NULL,
  source text NOT NULL,
  employer_name text,
  verified boolean NOT NULL,
  note text,
  replaces uuid,
  superseded_at timestamptz,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX incomes_current ON {{schema}}.incomes (worker_id, month) WHERE superseded_at IS NULL;
CREATE INDEX incomes_village ON {{schema}}.incomes (home_village_code text_pattern_ops, month);

-- Party-building ledger (党建台账).
CREATE TABLE {{schema}}.party_groups (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  name text NOT NULL,
  village_code text NOT NULL,
  leader_name text NOT NULL,
  leader_worker_id uuid,
  founded_at date,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (village_code, name)
);
CREATE TABLE {{schema}}.party_members (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  group_id uuid NOT NULL REFERENCES {{schema}}.party_groups (id),
  -- A party member belongs to one group.
  worker_id uuid NOT NULL UNIQUE REFERENCES {{schema}}.workers (id),
  mobile boolean NOT NULL,
  joined_party_at date,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {{schema}}.party_contacts (
  member_id uuid NOT NULL REFERENCES {{schema}}.party_members (id),
  worker_id uuid NOT NULL REFERENCES {{schema}}.workers (id),
  since date,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (member_id, worker_id)
);
CREATE TABLE {{schema}}.party_applications (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  worker_id uuid NOT NULL UNIQUE REFERENCES {{schema}}.workers (id),
  village_code text NOT NULL,
  applied_at date NOT NULL,
  activist_at date,
  note text,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Spreadsheet imports: the report stays readable after the job ends.
CREATE TABLE {{schema}}.import_jobs (
  id uuid PRIMARY KEY,
  ledger text NOT NULL,
  mode text NOT NULL,
  status text NOT NULL,
  file_name text,
  total int NOT NULL DEFAULT 0,
  processed int NOT NULL DEFAULT 0,
  report jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
