CREATE TABLE {{schema}}.accounts (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('worker', 'employer', 'officer', 'admin')),
  display_name text NOT NULL,
  regions text[] NOT NULL DEFAULT '{}',
  employer_id text,
  worker_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
