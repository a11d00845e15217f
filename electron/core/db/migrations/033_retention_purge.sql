-- Retention purge (decision 0044), and each clerk's own language. The office keeps citizens' records for a period an
-- administrator sets (at least five years); settled dossiers and audit entries older than it may
-- be purged. Each purge is a row here: it opens the append-only tables to deletion of rows
-- older than its cutoff, only while it runs (inside its own transaction), and once done it keeps
-- the signed checkpoint that stands in for the audit entries it removed.
CREATE TABLE retention_policy (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  years      INTEGER NOT NULL CHECK (years >= 5),
  set_at     TEXT NOT NULL,
  clerk_code TEXT NOT NULL
);

CREATE TABLE retention_purges (
  id           INTEGER PRIMARY KEY,
  state        TEXT NOT NULL CHECK (state IN ('running', 'done')),
  years        INTEGER NOT NULL,
  cutoff       TEXT NOT NULL,
  purged_at    TEXT NOT NULL,
  clerk_code   TEXT NOT NULL,
  clerk_name   TEXT NOT NULL,
  counter_code TEXT NOT NULL,
  dossiers     INTEGER NOT NULL DEFAULT 0,
  entries      INTEGER NOT NULL DEFAULT 0,
  first_seq    INTEGER,
  last_seq     INTEGER,
  last_mac     TEXT,
  oldest_at    TEXT,
  newest_at    TEXT,
  mac          TEXT
);
CREATE TRIGGER retention_purges_no_delete BEFORE DELETE ON retention_purges
BEGIN SELECT RAISE(ABORT, 'retention_purges is append-only'); END;
CREATE TRIGGER retention_purges_done_once BEFORE UPDATE ON retention_purges WHEN old.state <> 'running'
BEGIN SELECT RAISE(ABORT, 'retention_purges is append-only'); END;

-- A delete is still refused unless a purge is running and the row is older than its cutoff;
-- an event also only of a settled dossier (the lifecycle's final states).
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM retention_purges WHERE state = 'running' AND old.at < cutoff)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

DROP TRIGGER dossier_events_no_delete;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
WHEN NOT EXISTS (SELECT 1 FROM retention_purges WHERE state = 'running' AND old.at < cutoff)
  OR (SELECT status FROM dossiers WHERE id = old.dossier_id)
    NOT IN ('guided-not-accepted', 'voided', 'refused', 'delivered', 'returned-to-agency', 'withdrawn', 'stopped')
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;

-- Each account keeps its language, applied at sign-in; '' follows the counter's setting.
ALTER TABLE clerks ADD COLUMN lang TEXT NOT NULL DEFAULT '' CHECK (lang IN ('', 'vi', 'en'));
