CREATE TABLE {{schema}}.applications (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  worker_id uuid NOT NULL,
  opening_id uuid NOT NULL,
  employer_id uuid NOT NULL,
  home_village_code text NOT NULL,
  status text NOT NULL,
  referred_by text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One open application per worker and opening; closed ones (hired, rejected, withdrawn) may repeat.
CREATE UNIQUE INDEX applications_one_open ON {{schema}}.applications (worker_id, opening_id)
  WHERE status IN ('submitted', 'screening', 'interview', 'offered');
CREATE INDEX applications_opening ON {{schema}}.applications (opening_id);
CREATE INDEX applications_employer ON {{schema}}.applications (employer_id);
CREATE INDEX applications_worker ON {{schema}}.applications (worker_id);
CREATE INDEX applications_village ON {{schema}}.applications (home_village_code text_pattern_ops);

CREATE TABLE {{schema}}.application_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES {{schema}}.applications (id),
  from_status text,
  to_status text NOT NULL,
  by_account text NOT NULL,
  by_role text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  note text
);
CREATE INDEX application_history_app ON {{schema}}.application_history (application_id, id);

-- The hire counter: headcount comes from opening events, hired is ours. The hire transaction
-- increments it only while places are left, which decides races for the last place.
CREATE TABLE {{schema}}.opening_hires (
  opening_id uuid PRIMARY KEY,
  headcount int NOT NULL,
  hired int NOT NULL DEFAULT 0
);

CREATE TABLE {{schema}}.placements (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  application_id uuid NOT NULL UNIQUE REFERENCES {{schema}}.applications (id),
  worker_id uuid NOT NULL,
  opening_id uuid NOT NULL,
  employer_id uuid NOT NULL,
  home_village_code text NOT NULL,
  start_date date NOT NULL,
  agreed_wage int NOT NULL,
  tier text NOT NULL,
  status text NOT NULL DEFAULT 'active',
  hired_by text NOT NULL,
  hired_at timestamptz NOT NULL DEFAULT now(),
  separated_at date,
  separation_reason text
);
CREATE INDEX placements_worker ON {{schema}}.placements (worker_id);
CREATE INDEX placements_employer ON {{schema}}.placements (employer_id);
CREATE INDEX placements_village ON {{schema}}.placements (home_village_code text_pattern_ops);

CREATE TABLE {{schema}}.follow_ups (
  placement_id uuid NOT NULL REFERENCES {{schema}}.placements (id),
  day int NOT NULL,
  still_employed boolean NOT NULL,
  wages_paid_on_time boolean NOT NULL,
  note text,
  at timestamptz NOT NULL DEFAULT now(),
  by_account text NOT NULL,
  PRIMARY KEY (placement_id, day)
);

-- The subsidy ledger (资金奖补): one row per rule and placement, so nothing is paid twice.
CREATE TABLE {{schema}}.subsidies (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  rule_id text NOT NULL,
  placement_id uuid NOT NULL REFERENCES {{schema}}.placements (id),
  worker_id uuid NOT NULL,
  home_village_code text NOT NULL,
  amount int NOT NULL,
  status text NOT NULL DEFAULT 'eligible',
  eligible_at timestamptz NOT NULL DEFAULT now(),
  approved_at timestamptz,
  approved_by text,
  paid_at timestamptz,
  paid_by text,
  UNIQUE (rule_id, placement_id)
);
