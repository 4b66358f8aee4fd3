-- Income ledger: a month holds one current officer-verified entry and, beside it, one current
-- self-reported entry (the worker's own figure). A self-report never supersedes a verified entry;
-- each kind is corrected within itself.
DROP INDEX {{schema}}.incomes_current;
CREATE UNIQUE INDEX incomes_current ON {{schema}}.incomes (worker_id, month, verified) WHERE superseded_at IS NULL;
