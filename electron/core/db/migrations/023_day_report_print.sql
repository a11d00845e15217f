-- The day report (báo cáo kết ca) prints on the counter's printer as a print job; its recipe
-- carries the day's figures, so a reprint is the same paper.
-- SQLite cannot change a CHECK in place: the table is rebuilt with its rows and ids, and the
-- bytes table that points at it waits for the commit to check its references.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE print_jobs_copy AS SELECT * FROM print_jobs;
DROP TABLE print_jobs;
CREATE TABLE print_jobs (
  id             INTEGER PRIMARY KEY,
  dossier_id     INTEGER REFERENCES dossiers(id),
  document       TEXT NOT NULL CHECK (document IN ('receipt', 'label', 'guidance', 'test', 'batch-label', 'day-report')),
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
