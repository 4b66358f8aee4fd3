-- Relocated villages (易地扶贫搬迁) marked by the county, and their quota of reserved places (帮扶岗位).
CREATE TABLE {{schema}}.relocated_villages (
  village_code text PRIMARY KEY,
  township_code text NOT NULL,
  sites jsonb NOT NULL DEFAULT '[]',
  quota int NOT NULL CHECK (quota >= 0),
  version int NOT NULL DEFAULT 1,
  marked_by text NOT NULL,
  marked_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Places of an opening that count toward a village's quota. The designation transaction locks the
-- opening's hire counter, so the places designated across villages never exceed its headcount.
CREATE TABLE {{schema}}.reserved_places (
  village_code text NOT NULL REFERENCES {{schema}}.relocated_villages (village_code),
  opening_id uuid NOT NULL,
  places int NOT NULL CHECK (places > 0),
  designated_by text NOT NULL,
  designated_at timestamptz NOT NULL,
  PRIMARY KEY (village_code, opening_id)
);
CREATE INDEX reserved_places_opening ON {{schema}}.reserved_places (opening_id);
