-- SQLite's step 028 on the office server: the office-wide settings every counter reads
-- (decision 0038).
CREATE TABLE office_settings (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  revision    integer NOT NULL,
  updated_at  text NOT NULL,
  updated_by  text NOT NULL
);
