-- One office, truly shared (decision 0047).
-- The agency servers' tokens of an office server, one per server address, sealed with a key
-- derived from the office's audit key (never in clear). A counter on its own file keeps its
-- 0600 token file and leaves this table empty; it is here so both engines have one schema.
CREATE TABLE agency_tokens (
  server  TEXT PRIMARY KEY,
  sealed  TEXT NOT NULL,
  set_at  TEXT NOT NULL,
  set_by  TEXT NOT NULL
);

-- The last exchange with each agency server, as the counter holding the exchange lease saw it:
-- the other counters show it too (decision 0047). `problem` is the words as JSON.
CREATE TABLE agency_reachability (
  server        TEXT PRIMARY KEY,
  ok            INTEGER NOT NULL,
  at            TEXT NOT NULL,
  problem       TEXT,
  counter_code  TEXT NOT NULL
);

-- The retention period is an office-wide setting: it joins the others in office_settings
-- (row 'retention', {"years": N}) and its own table goes.
INSERT INTO office_settings (name, value, revision, updated_at, updated_by)
SELECT 'retention', json_object('years', years), (SELECT coalesce(max(revision), 0) + 1 FROM office_settings), set_at, clerk_code
FROM retention_policy WHERE id = 1;
DROP TABLE retention_policy;
