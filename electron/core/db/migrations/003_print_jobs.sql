-- Every print is a recorded job. A job that may have reached the printer is 'unknown' and is
-- never resent without a person asking; bytes and preview are kept so a retry prints the same.
CREATE TABLE print_jobs (
  id           INTEGER PRIMARY KEY,
  dossier_id   INTEGER REFERENCES dossiers(id),
  document     TEXT NOT NULL CHECK (document IN ('receipt', 'label', 'guidance', 'test')),
  copy_label   TEXT NOT NULL,
  reprint      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  clerk_code   TEXT NOT NULL,
  clerk_name   TEXT NOT NULL,
  counter_code TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
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
CREATE INDEX print_jobs_by_dossier ON print_jobs(dossier_id);
CREATE INDEX print_jobs_by_state ON print_jobs(state);
