-- The official notice of days off and make-up working days for a year, entered by an
-- administrator; it replaces the computed (provisional) holidays for that year.
CREATE TABLE calendar_notices (
  year         INTEGER PRIMARY KEY,
  reference    TEXT NOT NULL,
  entered_at   TEXT NOT NULL,
  clerk_code   TEXT NOT NULL,
  counter_code TEXT NOT NULL
);

CREATE TABLE calendar_notice_days (
  date TEXT PRIMARY KEY,
  year INTEGER NOT NULL REFERENCES calendar_notices(year),
  kind TEXT NOT NULL CHECK (kind IN ('off', 'working')),
  name TEXT NOT NULL
) WITHOUT ROWID;

-- Whether the expected handover date was computed over a year whose notice was not out yet.
ALTER TABLE dossiers ADD COLUMN expected_handover_provisional INTEGER NOT NULL DEFAULT 0;
