-- The agencies' decisions coming back (GET /v1/updates, decision 0034). Each update is kept as
-- it came, whether it could be applied to its dossier or not, and the cursor of each server is
-- stored in the same transaction as the page it ends, so a crash repeats nothing and skips nothing.
CREATE TABLE agency_cursors (
  server_url  TEXT PRIMARY KEY,
  cursor      TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- `held`: not applied yet (no such dossier here, the lifecycle refused it, or an earlier update
-- of the same dossier is held); it is tried again and shown to a person until it applies.
CREATE TABLE agency_updates (
  id             INTEGER PRIMARY KEY,
  server_url     TEXT NOT NULL,
  cursor         TEXT NOT NULL,
  item_number    TEXT NOT NULL,
  agency_status  INTEGER NOT NULL,
  body           TEXT NOT NULL,
  received_at    TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('applied', 'held')),
  dossier_id     INTEGER REFERENCES dossiers(id),
  applied_at     TEXT,
  problem_code   TEXT,
  problem_vi     TEXT,
  problem_en     TEXT,
  UNIQUE (server_url, cursor)
);
CREATE INDEX agency_updates_by_state ON agency_updates(state);
CREATE INDEX agency_updates_by_item ON agency_updates(item_number);
