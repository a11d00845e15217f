-- SQLite's step 036 on the office server (decision 0047): the agency tokens every counter of the
-- office uses, sealed; the retention period moved into office_settings.
CREATE TABLE agency_tokens (
  server  text PRIMARY KEY,
  sealed  text NOT NULL,
  set_at  text NOT NULL,
  set_by  text NOT NULL
);

-- The last exchange with each agency server, as the counter holding the exchange lease saw it:
-- the other counters show it too (decision 0047). `problem` is the words as JSON.
CREATE TABLE agency_reachability (
  server        text PRIMARY KEY,
  ok            integer NOT NULL,
  at            text NOT NULL,
  problem       text,
  counter_code  text NOT NULL
);

INSERT INTO office_settings (name, value, revision, updated_at, updated_by)
SELECT 'retention', json_build_object('years', years)::text, (SELECT coalesce(max(revision), 0) + 1 FROM office_settings), set_at, clerk_code
FROM retention_policy WHERE id = 1;
DROP TABLE retention_policy;
