CREATE TABLE {{schema}}.workers (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  name text NOT NULL,
  gender text NOT NULL,
  birth_date date NOT NULL,
  -- The ID number and phone are stored only encrypted; the hash finds a record, the masked form is shown.
  id_number_enc text NOT NULL,
  id_number_hash text NOT NULL UNIQUE,
  id_number_masked text NOT NULL,
  phone_enc text NOT NULL,
  phone_masked text NOT NULL,
  home_village_code text NOT NULL,
  current_region_code text,
  household_no text,
  household_status text NOT NULL,
  relocated boolean NOT NULL,
  relocation jsonb,
  education text,
  skills jsonb NOT NULL DEFAULT '[]',
  tier_preferences text[] NOT NULL,
  expected_min_wage int,
  available_from date,
  employment_status text NOT NULL,
  officer_id text,
  union_member jsonb,
  consent jsonb NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workers_village ON {{schema}}.workers (home_village_code text_pattern_ops);
CREATE INDEX workers_status ON {{schema}}.workers (household_status, employment_status);
CREATE INDEX workers_skills ON {{schema}}.workers USING gin (skills jsonb_path_ops);

-- Every read of unmasked personal data: who, what, why.
CREATE TABLE {{schema}}.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  actor_role text NOT NULL,
  action text NOT NULL,
  worker_ids uuid[] NOT NULL,
  fields text[] NOT NULL,
  purpose text NOT NULL,
  request_id text
);
