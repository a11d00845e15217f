-- Catalogue: each import is a version; dossiers point at the version they were accepted under.
CREATE TABLE catalog_versions (
  id              INTEGER PRIMARY KEY,
  imported_at     TEXT NOT NULL,
  source_name     TEXT NOT NULL,
  is_demo         INTEGER NOT NULL DEFAULT 0,
  procedure_count INTEGER NOT NULL,
  clerk_code      TEXT NOT NULL,
  counter_code    TEXT NOT NULL
);

CREATE TABLE procedures (
  version_id     INTEGER NOT NULL REFERENCES catalog_versions(id),
  code           TEXT NOT NULL,
  name           TEXT NOT NULL,
  field          TEXT NOT NULL,
  agency_name    TEXT NOT NULL,
  agency_code    TEXT NOT NULL,
  level          TEXT NOT NULL,
  intake_by_post INTEGER NOT NULL,
  return_by_post INTEGER NOT NULL,
  deadline_days  INTEGER,
  fee            INTEGER NOT NULL CHECK (fee >= 0),
  PRIMARY KEY (version_id, code)
) WITHOUT ROWID;

CREATE TABLE procedure_documents (
  version_id     INTEGER NOT NULL,
  procedure_code TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  name           TEXT NOT NULL,
  original       INTEGER NOT NULL,
  copy           INTEGER NOT NULL,
  required       INTEGER NOT NULL,
  PRIMARY KEY (version_id, procedure_code, seq),
  FOREIGN KEY (version_id, procedure_code) REFERENCES procedures(version_id, code)
) WITHOUT ROWID;

-- Dossiers keep a copy of what they were accepted under (names, documents, fees).
CREATE TABLE dossiers (
  id                     INTEGER PRIMARY KEY,
  status                 TEXT NOT NULL,
  created_at             TEXT NOT NULL,
  created_day            TEXT NOT NULL,
  accepted_at            TEXT,
  register_year          INTEGER,
  register_seq           INTEGER,
  item_number            TEXT UNIQUE,
  catalog_version        INTEGER NOT NULL REFERENCES catalog_versions(id),
  procedure_code         TEXT NOT NULL,
  procedure_name         TEXT NOT NULL,
  agency_code            TEXT NOT NULL,
  agency_name            TEXT NOT NULL,
  sender_kind            TEXT NOT NULL,
  sender_name            TEXT NOT NULL,
  sender_name_key        TEXT NOT NULL,
  sender_personal_id     TEXT NOT NULL,
  sender_old_id          TEXT NOT NULL,
  sender_business_code   TEXT NOT NULL,
  sender_birth_date      TEXT NOT NULL,
  sender_gender          TEXT NOT NULL,
  sender_address         TEXT NOT NULL,
  sender_phone           TEXT NOT NULL,
  sender_email           TEXT NOT NULL,
  service                TEXT NOT NULL,
  return_method          TEXT NOT NULL,
  delivery_address       TEXT NOT NULL,
  fee_reason             TEXT NOT NULL,
  fees_total             INTEGER NOT NULL CHECK (fees_total >= 0),
  postage                INTEGER NOT NULL CHECK (postage >= 0),
  expected_handover_date TEXT,
  office_code            TEXT NOT NULL,
  counter_code           TEXT NOT NULL,
  clerk_code             TEXT NOT NULL,
  UNIQUE (register_year, register_seq)
);
CREATE INDEX dossiers_by_day ON dossiers(created_day);
CREATE INDEX dossiers_by_sender ON dossiers(sender_personal_id);

CREATE TABLE dossier_documents (
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  seq        INTEGER NOT NULL,
  name       TEXT NOT NULL,
  required   INTEGER NOT NULL,
  present    INTEGER NOT NULL,
  form       TEXT NOT NULL,
  count      INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, seq)
) WITHOUT ROWID;

CREATE TABLE dossier_fees (
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  line       INTEGER NOT NULL,
  name       TEXT NOT NULL,
  amount     INTEGER NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (dossier_id, line)
) WITHOUT ROWID;

-- History is append-only: the state a dossier is in is derived from (and kept beside) these rows.
CREATE TABLE dossier_events (
  id           INTEGER PRIMARY KEY,
  dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
  at           TEXT NOT NULL,
  type         TEXT NOT NULL,
  clerk_code   TEXT NOT NULL,
  clerk_name   TEXT NOT NULL,
  counter_code TEXT NOT NULL,
  data         TEXT NOT NULL
);
CREATE INDEX dossier_events_by_dossier ON dossier_events(dossier_id, id);
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;

-- The register (sổ theo dõi) numbers accepted dossiers per year without gaps.
CREATE TABLE register_counters (
  year     INTEGER PRIMARY KEY,
  last_seq INTEGER NOT NULL
);

-- Next serial to hand out per S10 service letters and country.
CREATE TABLE item_serials (
  service     TEXT NOT NULL,
  country     TEXT NOT NULL,
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (service, country)
) WITHOUT ROWID;

-- Writes that are not dossier events (catalogue imports, settings): who, where, when, what.
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  action       TEXT NOT NULL,
  clerk_code   TEXT NOT NULL,
  counter_code TEXT NOT NULL,
  detail       TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
