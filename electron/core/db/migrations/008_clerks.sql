-- Personal accounts: every write is attributed to the clerk signed in, never to a setting.
-- The row changes (password reset, disabling, failed attempts); each change that matters is
-- also an audit_log entry, which is where the history lives.
CREATE TABLE clerks (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  -- scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash, so they can be raised later
  secret_hash     TEXT NOT NULL,
  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  -- after repeated failures no sign-in is tried before this instant (ISO, UTC)
  retry_after     TEXT,
  created_at      TEXT NOT NULL
) STRICT;
