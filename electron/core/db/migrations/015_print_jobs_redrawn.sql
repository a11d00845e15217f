-- Print jobs keep what redraws them instead of their pictures (decision 0020).
-- `recipe`: the print context that is not in the dossier row (copy label, reprint actor and
-- time, paper width, mode, code page, cut, drawer, terms, tracking URL), as JSON;
-- `layout_version`: the layout the job was drawn with. Both are NULL on rows from before.
-- `sha256` is '' until the job is drawn (just before it is first sent); `size` keeps the byte
-- count the clerk sees once the bytes are gone.
-- The bytes live in their own table, so dropping them frees whole pages and the job rows stay
-- small for years. A job has bytes from its drawing until it has been settled for a while;
-- rows from before keep theirs, and their preview, for good.
CREATE TABLE print_jobs_new (
  id             INTEGER PRIMARY KEY,
  dossier_id     INTEGER REFERENCES dossiers(id),
  document       TEXT NOT NULL CHECK (document IN ('receipt', 'label', 'guidance', 'test')),
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
INSERT INTO print_jobs_new (id, dossier_id, document, copy_label, reprint, created_at, clerk_code, clerk_name, counter_code,
  state, target, attempts, recipe, layout_version, sha256, size, error_code, error_vi, error_en, updated_at)
SELECT id, dossier_id, document, copy_label, reprint, created_at, clerk_code, clerk_name, counter_code,
  state, target, attempts, NULL, NULL, sha256, length(bytes), error_code, error_vi, error_en, updated_at FROM print_jobs;
CREATE TABLE print_job_bytes (
  job_id INTEGER PRIMARY KEY REFERENCES print_jobs_new(id),
  bytes  BLOB NOT NULL,
  -- only on rows from before jobs were redrawn
  png    BLOB
);
INSERT INTO print_job_bytes (job_id, bytes, png) SELECT id, bytes, png FROM print_jobs;
DROP TABLE print_jobs;
ALTER TABLE print_jobs_new RENAME TO print_jobs;
CREATE INDEX print_jobs_by_dossier ON print_jobs(dossier_id);
CREATE INDEX print_jobs_by_state ON print_jobs(state);
