-- The database holds to the lifecycle table (shared/lifecycle, decision 0026): a dossier's
-- status is one of its states and an event's type one of its event kinds. A test compares
-- these lists with the TypeScript ones; a new state or kind needs a new migration like this.
-- SQLite cannot add a CHECK in place, so both tables are rebuilt with their rows, ids,
-- indexes, triggers and the name index (dossier_names keeps its rows: ids do not change).
--
-- dossiers is the parent of five tables and foreign keys stay on during a migration, so the
-- checks wait for the commit: dropping the old table leaves child rows without a parent for
-- a moment, and putting the same ids back gives every one its parent again before the end.
PRAGMA defer_foreign_keys = ON;

-- Every child needs an index on its reference for the drop to find its rows; intake
-- requests had none (a lookup of a dossier's request keys uses it too).
CREATE INDEX intake_requests_by_dossier ON intake_requests(dossier_id);

CREATE TEMP TABLE dossiers_copy AS SELECT * FROM dossiers;
DROP TABLE dossiers;
CREATE TABLE dossiers (
  id                            INTEGER PRIMARY KEY,
  status                        TEXT NOT NULL CHECK (status IN ('draft', 'guided-not-accepted', 'accepted-at-post', 'voided',
    'in-batch', 'handed-over', 'received-by-agency', 'refused', 'supplement-requested', 'processing', 'result-ready',
    'result-at-post', 'out-for-delivery', 'delivered', 'delivery-failed', 'returned-to-agency', 'withdrawn', 'stopped')),
  created_at                    TEXT NOT NULL,
  created_day                   TEXT NOT NULL,
  accepted_at                   TEXT,
  register_year                 INTEGER,
  register_seq                  INTEGER,
  item_number                   TEXT UNIQUE,
  catalog_version               INTEGER NOT NULL REFERENCES catalog_versions(id),
  procedure_code                TEXT NOT NULL,
  procedure_name                TEXT NOT NULL,
  agency_code                   TEXT NOT NULL,
  agency_name                   TEXT NOT NULL,
  sender_kind                   TEXT NOT NULL,
  sender_name                   TEXT NOT NULL,
  sender_name_key               TEXT NOT NULL,
  sender_personal_id            TEXT NOT NULL,
  sender_old_id                 TEXT NOT NULL,
  sender_business_code          TEXT NOT NULL,
  sender_birth_date             TEXT NOT NULL,
  sender_gender                 TEXT NOT NULL,
  sender_address                TEXT NOT NULL,
  sender_phone                  TEXT NOT NULL,
  sender_email                  TEXT NOT NULL,
  service                       TEXT NOT NULL,
  return_method                 TEXT NOT NULL,
  delivery_address              TEXT NOT NULL,
  fee_reason                    TEXT NOT NULL,
  fees_total                    INTEGER NOT NULL CHECK (fees_total >= 0),
  postage                       INTEGER NOT NULL CHECK (postage >= 0),
  expected_handover_date        TEXT,
  office_code                   TEXT NOT NULL,
  counter_code                  TEXT NOT NULL,
  clerk_code                    TEXT NOT NULL,
  agency_dossier_code           TEXT,
  office_name                   TEXT NOT NULL DEFAULT '',
  clerk_name                    TEXT NOT NULL DEFAULT '',
  deadline_days                 INTEGER,
  estimated_result_date         TEXT,
  expected_handover_provisional INTEGER NOT NULL DEFAULT 0,
  deadline_text                 TEXT NOT NULL DEFAULT '',
  deadline_unit                 TEXT CHECK (deadline_unit IN ('working', 'calendar')),
  UNIQUE (register_year, register_seq)
);
INSERT INTO dossiers (id, status, created_at, created_day, accepted_at, register_year, register_seq, item_number,
  catalog_version, procedure_code, procedure_name, agency_code, agency_name, sender_kind, sender_name, sender_name_key,
  sender_personal_id, sender_old_id, sender_business_code, sender_birth_date, sender_gender, sender_address, sender_phone,
  sender_email, service, return_method, delivery_address, fee_reason, fees_total, postage, expected_handover_date,
  office_code, counter_code, clerk_code, agency_dossier_code, office_name, clerk_name, deadline_days, estimated_result_date,
  expected_handover_provisional, deadline_text, deadline_unit)
SELECT id, status, created_at, created_day, accepted_at, register_year, register_seq, item_number,
  catalog_version, procedure_code, procedure_name, agency_code, agency_name, sender_kind, sender_name, sender_name_key,
  sender_personal_id, sender_old_id, sender_business_code, sender_birth_date, sender_gender, sender_address, sender_phone,
  sender_email, service, return_method, delivery_address, fee_reason, fees_total, postage, expected_handover_date,
  office_code, counter_code, clerk_code, agency_dossier_code, office_name, clerk_name, deadline_days, estimated_result_date,
  expected_handover_provisional, deadline_text, deadline_unit
FROM dossiers_copy ORDER BY id;
DROP TABLE dossiers_copy;

-- The indexes of migrations 001, 002 and 010, as they were.
CREATE INDEX dossiers_by_day ON dossiers(created_day);
CREATE INDEX dossiers_by_sender ON dossiers(sender_personal_id);
CREATE UNIQUE INDEX dossiers_by_agency_code ON dossiers(agency_dossier_code) WHERE agency_dossier_code IS NOT NULL;
CREATE INDEX dossiers_by_old_id ON dossiers(sender_old_id) WHERE sender_old_id <> '';
CREATE INDEX dossiers_by_business_code ON dossiers(sender_business_code) WHERE sender_business_code <> '';
CREATE INDEX dossiers_by_phone ON dossiers(replace(replace(replace(sender_phone, ' ', ''), '.', ''), '-', ''))
  WHERE sender_phone <> '';
CREATE INDEX dossiers_by_procedure ON dossiers(procedure_code);
CREATE INDEX dossiers_by_clerk ON dossiers(clerk_code);
CREATE INDEX dossiers_by_status ON dossiers(status);

-- The name index follows the table again (migration 010).
CREATE TRIGGER dossier_names_insert AFTER INSERT ON dossiers
BEGIN INSERT INTO dossier_names (rowid, sender_name_key) VALUES (new.id, new.sender_name_key); END;
CREATE TRIGGER dossier_names_update AFTER UPDATE OF sender_name_key ON dossiers
BEGIN
  INSERT INTO dossier_names (dossier_names, rowid, sender_name_key) VALUES ('delete', old.id, old.sender_name_key);
  INSERT INTO dossier_names (rowid, sender_name_key) VALUES (new.id, new.sender_name_key);
END;
CREATE TRIGGER dossier_names_delete AFTER DELETE ON dossiers
BEGIN INSERT INTO dossier_names (dossier_names, rowid, sender_name_key) VALUES ('delete', old.id, old.sender_name_key); END;

-- Events: the column keeps its name `type`; its values are the lifecycle's event kinds.
CREATE TABLE dossier_events_new (
  id           INTEGER PRIMARY KEY,
  dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
  at           TEXT NOT NULL,
  type         TEXT NOT NULL CHECK (type IN ('accepted', 'guided', 'voided', 'corrected', 'batched', 'unbatched',
    'handed-over', 'received-by-agency', 'refused', 'supplement-requested', 'processing', 'result-ready', 'result-at-post',
    'out-for-delivery', 'delivery-failed', 'delivered', 'returned-to-agency', 'withdrawn', 'stopped')),
  clerk_code   TEXT NOT NULL,
  clerk_name   TEXT NOT NULL,
  counter_code TEXT NOT NULL,
  data         TEXT NOT NULL
);
INSERT INTO dossier_events_new (id, dossier_id, at, type, clerk_code, clerk_name, counter_code, data)
SELECT id, dossier_id, at, type, clerk_code, clerk_name, counter_code, data FROM dossier_events ORDER BY id;
DROP TABLE dossier_events;
ALTER TABLE dossier_events_new RENAME TO dossier_events;
CREATE INDEX dossier_events_by_dossier ON dossier_events(dossier_id, id);
CREATE INDEX dossier_events_by_at ON dossier_events(at);
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;
