CREATE TABLE {{schema}}.employers (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  name text NOT NULL,
  -- Stored uppercased, so the unique index catches a code typed in lower case.
  credit_code text NOT NULL UNIQUE,
  industry text NOT NULL,
  region_code text NOT NULL,
  address text,
  contact jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'suspended')),
  -- The employer account that registered the company itself; it may act for the company.
  owner_account_id text,
  registered_by text NOT NULL,
  suspension_reason text,
  verified_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employers_owner ON {{schema}}.employers (owner_account_id);
CREATE INDEX employers_region ON {{schema}}.employers (region_code text_pattern_ops);

CREATE TABLE {{schema}}.openings (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  employer_id uuid NOT NULL REFERENCES {{schema}}.employers (id),
  title text NOT NULL,
  occupation_code text NOT NULL,
  required_skills jsonb NOT NULL DEFAULT '[]',
  description text,
  worksite_region_code text NOT NULL,
  tier text NOT NULL,
  headcount int NOT NULL CHECK (headcount >= 1),
  filled_count int NOT NULL DEFAULT 0 CHECK (filled_count >= 0),
  wage_min int NOT NULL,
  wage_max int NOT NULL,
  benefits jsonb NOT NULL,
  hours text,
  contract_type text,
  contract_months int,
  start_date date,
  closing_date date,
  status text NOT NULL CHECK (status IN ('draft', 'open', 'paused', 'filled', 'closed')),
  reserved_for_poor boolean NOT NULL DEFAULT false,
  -- Paused because the employer was suspended (not by the employer): resumed when it is verified again.
  paused_by_suspension boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (wage_min <= wage_max)
);
CREATE INDEX openings_employer ON {{schema}}.openings (employer_id, seq);
CREATE INDEX openings_status ON {{schema}}.openings (status, seq);
CREATE INDEX openings_worksite ON {{schema}}.openings (worksite_region_code text_pattern_ops);
CREATE INDEX openings_closing ON {{schema}}.openings (closing_date) WHERE status IN ('open', 'paused', 'filled');

CREATE TABLE {{schema}}.recruitment_intents (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  employer_id uuid NOT NULL REFERENCES {{schema}}.employers (id),
  committed int NOT NULL CHECK (committed >= 1),
  hired int NOT NULL DEFAULT 0,
  deadline date NOT NULL,
  opening_ids uuid[] NOT NULL DEFAULT '{}',
  note text,
  status text NOT NULL CHECK (status IN ('active', 'fulfilled', 'lapsed')),
  version int NOT NULL DEFAULT 1,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intents_employer ON {{schema}}.recruitment_intents (employer_id, seq);

-- Hires learned from placement events: what makes filled counts and intent progress replay-safe.
CREATE TABLE {{schema}}.placements (
  id uuid PRIMARY KEY,
  opening_id uuid NOT NULL,
  employer_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'separated')),
  hired_at timestamptz,
  separated_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX placements_opening ON {{schema}}.placements (opening_id) WHERE status = 'active';
CREATE INDEX placements_employer ON {{schema}}.placements (employer_id) WHERE status = 'active';
