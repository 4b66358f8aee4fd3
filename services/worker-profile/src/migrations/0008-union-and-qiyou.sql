-- The union organisation (工会): one federation per township (乡镇工会联合会), its village work
-- groups (村级工作组) and the workers' memberships.
CREATE TABLE {{schema}}.union_federations (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  township_code text NOT NULL UNIQUE,
  name text NOT NULL,
  leader_name text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {{schema}}.union_work_groups (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  federation_id uuid NOT NULL REFERENCES {{schema}}.union_federations (id),
  name text NOT NULL,
  leader_name text NOT NULL,
  leader_worker_id uuid REFERENCES {{schema}}.workers (id),
  -- The villages the group covers, all in its federation's township.
  village_codes text[] NOT NULL,
  -- 党建带工建: the party group that leads this work group.
  party_group_id uuid REFERENCES {{schema}}.party_groups (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (federation_id, name)
);
CREATE INDEX union_work_groups_villages ON {{schema}}.union_work_groups USING gin (village_codes);
CREATE TABLE {{schema}}.union_memberships (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  worker_id uuid NOT NULL REFERENCES {{schema}}.workers (id),
  work_group_id uuid NOT NULL REFERENCES {{schema}}.union_work_groups (id),
  membership_no text NOT NULL,
  joined_on date NOT NULL,
  left_on date,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One open membership per worker; a membership number is held by one open membership.
CREATE UNIQUE INDEX union_memberships_open ON {{schema}}.union_memberships (worker_id) WHERE left_on IS NULL;
CREATE UNIQUE INDEX union_memberships_open_no ON {{schema}}.union_memberships (membership_no) WHERE left_on IS NULL;
CREATE INDEX union_memberships_group ON {{schema}}.union_memberships (work_group_id);

-- 七有: the items an officer declares with evidence (the others are computed). The latest
-- declaration per village and item; the events keep the history.
CREATE TABLE {{schema}}.qiyou_declarations (
  village_code text NOT NULL,
  item text NOT NULL,
  declared_on date NOT NULL,
  evidence text NOT NULL,
  document_ref text NOT NULL,
  declared_by text NOT NULL,
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (village_code, item)
);
-- The status last published per village (village.qiyou-status-changed), so a change is told once.
CREATE TABLE {{schema}}.qiyou_status (
  village_code text PRIMARY KEY,
  met boolean NOT NULL,
  missing text[] NOT NULL,
  evaluated_at timestamptz NOT NULL DEFAULT now()
);
