-- Each distinct print recipe is stored once, keyed by its SHA-256, and jobs refer to it: the
-- recipe of a clerk's receipt copy is the same for every dossier, and was ~390 bytes on each of
-- its jobs. The job kinds become a table, so a new kind is an INSERT, not another rebuild of
-- print_jobs to widen a CHECK. sha256_hex is the migrator's own function (migrate.ts).
CREATE TABLE print_job_kinds (
  kind TEXT PRIMARY KEY
);
INSERT INTO print_job_kinds (kind) VALUES ('receipt'), ('label'), ('guidance'), ('test'), ('batch-label'), ('day-report'), ('delivery-note');

CREATE TABLE print_recipes (
  id     INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  recipe TEXT NOT NULL
);
INSERT INTO print_recipes (sha256, recipe)
  SELECT sha256_hex(recipe), recipe FROM print_jobs WHERE recipe IS NOT NULL GROUP BY recipe ORDER BY min(id);

-- Rebuilt with its rows and ids; the bytes table that points at print_jobs waits for the commit.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE print_jobs_copy AS SELECT * FROM print_jobs;
DROP TABLE print_jobs;
CREATE TABLE print_jobs (
  id             INTEGER PRIMARY KEY,
  dossier_id     INTEGER REFERENCES dossiers(id),
  document       TEXT NOT NULL REFERENCES print_job_kinds(kind),
  copy_label     TEXT NOT NULL,
  reprint        INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  clerk_code     TEXT NOT NULL,
  clerk_name     TEXT NOT NULL,
  counter_code   TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'unconfirmed', 'saved', 'held', 'dismissed', 'failed', 'unknown')),
  target         TEXT NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  recipe_id      INTEGER REFERENCES print_recipes(id),
  layout_version INTEGER,
  sha256         TEXT NOT NULL,
  size           INTEGER NOT NULL DEFAULT 0,
  error_code     TEXT,
  error_vi       TEXT,
  error_en       TEXT,
  updated_at     TEXT NOT NULL
);
INSERT INTO print_jobs (id, dossier_id, document, copy_label, reprint, created_at, clerk_code, clerk_name, counter_code, state, target,
                        attempts, recipe_id, layout_version, sha256, size, error_code, error_vi, error_en, updated_at)
  SELECT c.id, c.dossier_id, c.document, c.copy_label, c.reprint, c.created_at, c.clerk_code, c.clerk_name, c.counter_code, c.state, c.target,
         c.attempts, r.id, c.layout_version, c.sha256, c.size, c.error_code, c.error_vi, c.error_en, c.updated_at
    FROM print_jobs_copy c LEFT JOIN print_recipes r ON r.sha256 = sha256_hex(c.recipe);
DROP TABLE print_jobs_copy;
CREATE INDEX print_jobs_by_dossier ON print_jobs(dossier_id);
CREATE INDEX print_jobs_by_state ON print_jobs(state);
-- The purge removes a recipe no job uses any more (a reprint's or a delivery note's names people).
CREATE INDEX print_jobs_by_recipe ON print_jobs(recipe_id);
