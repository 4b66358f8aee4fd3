-- Households (户) of the county's poverty roster, keyed by the registry's household number (户编号).
-- Members are the workers carrying that number; the household keeps what no worker carries:
-- the count of other members, the year it left poverty, and its other income lines.
CREATE TABLE {{schema}}.households (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  household_no text NOT NULL UNIQUE,
  home_village_code text NOT NULL,
  status text NOT NULL,
  left_poverty_year int,
  relocated boolean NOT NULL DEFAULT false,
  relocation jsonb,
  other_members int NOT NULL DEFAULT 0,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX households_village ON {{schema}}.households (home_village_code text_pattern_ops);
CREATE INDEX workers_household_no ON {{schema}}.workers (household_no) WHERE household_no IS NOT NULL;

-- Income of the household besides its registered members' (other members' wages, business, transfers).
CREATE TABLE {{schema}}.household_incomes (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  household_id uuid NOT NULL REFERENCES {{schema}}.households (id),
  year int NOT NULL,
  source text NOT NULL,
  amount numeric(12, 2) NOT NULL,
  note text,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_incomes_household ON {{schema}}.household_incomes (household_id, year);

-- Family services from the county's departments (随迁子女就学, 留守老人照顾, 两癌筛查, 惠农政策宣传,
-- 社会兜底救助) are service records too; the department that delivered one is kept with it.
ALTER TABLE {{schema}}.service_records ADD COLUMN department text;
