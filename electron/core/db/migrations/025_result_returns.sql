-- Returning results to citizens (decision 0035). One row per dossier whose result the post
-- office has taken in from the agency: the return item scanned, when the citizen was told,
-- and, once handed over, who took it and what was given and collected. The lifecycle events
-- carry the states; this row carries what the events do not (documents, fees, the authorisation).
CREATE TABLE result_returns (
  dossier_id             INTEGER PRIMARY KEY REFERENCES dossiers(id),
  return_item_number     TEXT NOT NULL UNIQUE,
  result_documents       TEXT NOT NULL,
  received_at            TEXT NOT NULL,
  received_clerk_code    TEXT NOT NULL,
  received_counter_code  TEXT NOT NULL,
  notified_at            TEXT,
  notified_clerk_code    TEXT,
  delivered_at           TEXT,
  recipient_name         TEXT,
  recipient_id_number    TEXT,
  authorised             INTEGER,
  authorisation_document TEXT,
  documents_handed       TEXT,
  fees_due               TEXT,
  fees_total             INTEGER
);

-- A return item scanned that matched no expected result: kept until someone sorts it out.
CREATE TABLE unmatched_return_scans (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL,
  scanned_at    TEXT NOT NULL,
  reason_code   TEXT NOT NULL,
  clerk_code    TEXT NOT NULL,
  counter_code  TEXT NOT NULL,
  settled_at    TEXT
);
CREATE INDEX unmatched_return_scans_by_code ON unmatched_return_scans(code);

-- The outbox also carries delivery reports (POST /v1/deliveries), and the print queue the
-- delivery note. SQLite cannot change a CHECK in place: both tables are rebuilt with their rows
-- and ids; the bytes table that points at print_jobs waits for the commit to check references.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE outbox_copy AS SELECT * FROM outbox;
DROP TABLE outbox;
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('batch-upload', 'delivery-report')),
  idempotency_key  TEXT NOT NULL UNIQUE,
  agency_code      TEXT NOT NULL,
  body             TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'delivered', 'attention')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  resume           TEXT,
  receipt          TEXT,
  error_code       TEXT,
  error_vi         TEXT,
  error_en         TEXT
);
INSERT INTO outbox SELECT * FROM outbox_copy;
DROP TABLE outbox_copy;
CREATE INDEX outbox_by_state ON outbox(state);

CREATE TEMP TABLE print_jobs_copy AS SELECT * FROM print_jobs;
DROP TABLE print_jobs;
CREATE TABLE print_jobs (
  id             INTEGER PRIMARY KEY,
  dossier_id     INTEGER REFERENCES dossiers(id),
  document       TEXT NOT NULL CHECK (document IN ('receipt', 'label', 'guidance', 'test', 'batch-label', 'day-report', 'delivery-note')),
  copy_label     TEXT NOT NULL,
  reprint        INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  clerk_code     TEXT NOT NULL,
  clerk_name     TEXT NOT NULL,
  counter_code   TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'unconfirmed', 'saved', 'held', 'dismissed', 'failed', 'unknown')),
  target         TEXT NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  recipe         TEXT,
  layout_version INTEGER,
  sha256         TEXT NOT NULL,
  size           INTEGER NOT NULL DEFAULT 0,
  error_code     TEXT,
  error_vi       TEXT,
  error_en       TEXT,
  updated_at     TEXT NOT NULL
);
INSERT INTO print_jobs SELECT * FROM print_jobs_copy;
DROP TABLE print_jobs_copy;
CREATE INDEX print_jobs_by_dossier ON print_jobs(dossier_id);
CREATE INDEX print_jobs_by_state ON print_jobs(state);
