-- Batches to the agencies (decision 0029). A batch is one bag for one agency; its number is
-- the upload's MaLo and Idempotency-Key, so it is unique for good.
CREATE TABLE batches (
  id                INTEGER PRIMARY KEY,
  number            TEXT NOT NULL UNIQUE,
  created_day       TEXT NOT NULL,
  seq               INTEGER NOT NULL,
  agency_code       TEXT NOT NULL,
  agency_name       TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('open', 'closed', 'handed-over')),
  created_at        TEXT NOT NULL,
  clerk_code        TEXT NOT NULL,
  clerk_name        TEXT NOT NULL,
  counter_code      TEXT NOT NULL,
  closed_at         TEXT,
  handed_over_at    TEXT,
  handover_officer  TEXT,
  UNIQUE (counter_code, created_day, seq)
);
CREATE INDEX batches_by_state ON batches(state);

-- The dossiers in a batch. A dossier is in at most one batch at a time; one taken out
-- (`unbatched`) loses its row here and may go into another.
CREATE TABLE batch_items (
  batch_id   INTEGER NOT NULL REFERENCES batches(id),
  dossier_id INTEGER NOT NULL UNIQUE REFERENCES dossiers(id),
  added_at   TEXT NOT NULL,
  PRIMARY KEY (batch_id, dossier_id)
);

-- What must reach an agency's server, written in the same transaction as the change it
-- reports; a worker sends `body` under `idempotency_key` until the server settles it.
-- The body is fixed when the row is written, so every retry sends the same bytes.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('batch-upload')),
  idempotency_key  TEXT NOT NULL UNIQUE,
  agency_code      TEXT NOT NULL,
  body             TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'delivered', 'attention')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT
);
CREATE INDEX outbox_by_state ON outbox(state);

-- The bag's label is a print job like the receipts; the job's recipe carries the batch.
-- SQLite cannot change a CHECK in place: the table is rebuilt with its rows and ids, and the
-- bytes table that points at it waits for the commit to check its references.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE print_jobs_copy AS SELECT * FROM print_jobs;
DROP TABLE print_jobs;
CREATE TABLE print_jobs (
  id             INTEGER PRIMARY KEY,
  dossier_id     INTEGER REFERENCES dossiers(id),
  document       TEXT NOT NULL CHECK (document IN ('receipt', 'label', 'guidance', 'test', 'batch-label')),
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
