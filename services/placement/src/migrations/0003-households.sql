-- The household number (户编号) of each worker, from worker events (issue 14): coverage answers for
-- households as well as people. Workers heard of before it was carried have none until their next event.
ALTER TABLE {{schema}}.workers ADD COLUMN household_no text;
CREATE INDEX workers_household ON {{schema}}.workers (household_no) WHERE household_no IS NOT NULL;
