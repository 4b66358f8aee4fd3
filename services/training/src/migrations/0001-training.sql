CREATE TABLE {{schema}}.courses (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  title text NOT NULL,
  description text,
  skills jsonb NOT NULL,
  certificate_name text,
  provider text NOT NULL,
  hours int NOT NULL,
  subsidy_per_trainee int NOT NULL,
  capacity int NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX courses_skills ON {{schema}}.courses USING gin (skills jsonb_path_ops);

-- A batch (期) of a course. `enrolled` counts the places taken; the CHECK is the last line of
-- defence, the conditional UPDATE in the repository is what keeps it true under concurrency.
CREATE TABLE {{schema}}.batches (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  course_id uuid NOT NULL REFERENCES {{schema}}.courses (id),
  start_date date NOT NULL,
  end_date date NOT NULL,
  region_code text NOT NULL,
  address text NOT NULL,
  capacity int NOT NULL CHECK (capacity > 0),
  enrolled int NOT NULL DEFAULT 0 CHECK (enrolled >= 0 AND enrolled <= capacity),
  status text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX batches_course ON {{schema}}.batches (course_id);
CREATE INDEX batches_status_start ON {{schema}}.batches (status, start_date);

CREATE TABLE {{schema}}.enrollments (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  batch_id uuid NOT NULL REFERENCES {{schema}}.batches (id),
  course_id uuid NOT NULL REFERENCES {{schema}}.courses (id),
  worker_id uuid NOT NULL,
  home_village_code text NOT NULL,
  status text NOT NULL,
  sessions_attended int,
  sessions_total int,
  result text,
  score int,
  certificate_no text,
  note text,
  enrolled_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  dropped_at timestamptz
);
-- One open enrolment per worker and batch, whoever races to create it.
CREATE UNIQUE INDEX enrollments_open_once ON {{schema}}.enrollments (batch_id, worker_id)
  WHERE status IN ('enrolled', 'attending');
CREATE INDEX enrollments_worker ON {{schema}}.enrollments (worker_id);
CREATE INDEX enrollments_batch ON {{schema}}.enrollments (batch_id);

-- Read model of tongxin.worker: only what scope checks and the skill-gap view need.
CREATE TABLE {{schema}}.workers (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  home_village_code text NOT NULL,
  household_status text NOT NULL,
  relocated boolean NOT NULL,
  employment_status text NOT NULL,
  skills jsonb NOT NULL,
  tier_preferences text[] NOT NULL,
  expected_min_wage int,
  version int NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX workers_village ON {{schema}}.workers (home_village_code text_pattern_ops);

-- Read model of tongxin.opening: the snapshot as published, newest version wins.
CREATE TABLE {{schema}}.openings (
  id uuid PRIMARY KEY,
  status text NOT NULL,
  snapshot jsonb NOT NULL,
  version int NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX openings_status ON {{schema}}.openings (status);
