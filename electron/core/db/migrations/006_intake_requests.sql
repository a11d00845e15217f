-- Each intake form carries a key made once by the page. The key is written in the same
-- transaction as the dossier, so a retry after a timeout, a crash or a double Enter finds
-- the dossier it already made instead of making a second one.
CREATE TABLE intake_requests (
  request_key    TEXT PRIMARY KEY,
  payload_sha256 TEXT NOT NULL,
  dossier_id     INTEGER NOT NULL REFERENCES dossiers (id),
  created_at     TEXT NOT NULL
) STRICT;
