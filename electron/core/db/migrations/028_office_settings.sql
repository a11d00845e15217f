-- Office-wide settings (decision 0038): one row per section, its value as JSON text. Every
-- counter of an office reads the same rows; a counter's own item-number range is the row
-- `s10:<counter code>`. `revision` grows with each write (the office's largest is compared
-- before each call, so another counter's change is seen without a restart).
CREATE TABLE office_settings (
  name        TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);
