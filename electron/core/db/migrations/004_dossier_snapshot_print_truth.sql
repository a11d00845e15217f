-- A dossier keeps who took it in, as they were then: every print of it, reprints included,
-- shows these, not whoever is signed in now. Rows from before this step keep the codes they
-- had; the clerk's name comes from the dossier's first event, the office name is not known.
ALTER TABLE dossiers ADD COLUMN office_name TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN clerk_name TEXT NOT NULL DEFAULT '';
UPDATE dossiers SET clerk_name = coalesce(
  (SELECT e.clerk_name FROM dossier_events e WHERE e.dossier_id = dossiers.id ORDER BY e.id LIMIT 1), '');

-- The procedure's settlement time as it was at intake, and the result date estimated from it.
ALTER TABLE dossiers ADD COLUMN deadline_days INTEGER;
ALTER TABLE dossiers ADD COLUMN estimated_result_date TEXT;

-- Print job states that tell the truth (decision 0013): 'unconfirmed' (every byte left and the
-- printer closed after our end of data, but it never answered the status request), 'saved'
-- (written to the preview folder, not printed), 'held' (waiting for the clerk because an
-- earlier job of the same dossier failed), 'dismissed' (a test page the clerk let go).
-- SQLite cannot change a CHECK in place, so the table is rebuilt with its rows.
CREATE TABLE print_jobs_new (
  id           INTEGER PRIMARY KEY,
  dossier_id   INTEGER REFERENCES dossiers(id),
  document     TEXT NOT NULL CHECK (document IN ('receipt', 'label', 'guidance', 'test')),
  copy_label   TEXT NOT NULL,
  reprint      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  clerk_code   TEXT NOT NULL,
  clerk_name   TEXT NOT NULL,
  counter_code TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'unconfirmed', 'saved', 'held', 'dismissed', 'failed', 'unknown')),
  target       TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  bytes        BLOB NOT NULL,
  sha256       TEXT NOT NULL,
  png          BLOB NOT NULL,
  error_code   TEXT,
  error_vi     TEXT,
  error_en     TEXT,
  updated_at   TEXT NOT NULL
);
INSERT INTO print_jobs_new SELECT id, dossier_id, document, copy_label, reprint, created_at, clerk_code, clerk_name,
  counter_code, state, target, attempts, bytes, sha256, png, error_code, error_vi, error_en, updated_at FROM print_jobs;
DROP TABLE print_jobs;
ALTER TABLE print_jobs_new RENAME TO print_jobs;
CREATE INDEX print_jobs_by_dossier ON print_jobs(dossier_id);
CREATE INDEX print_jobs_by_state ON print_jobs(state);
