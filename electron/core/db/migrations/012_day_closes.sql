-- A clerk's closed day at a counter: the figures as computed from the events at closing, the cash
-- counted and the difference. One close per clerk, counter and day; never changed afterwards.
CREATE TABLE day_closes (
  day           TEXT NOT NULL,
  counter_code  TEXT NOT NULL,
  clerk_code    TEXT NOT NULL,
  clerk_name    TEXT NOT NULL,
  closed_at     TEXT NOT NULL,
  expected_cash INTEGER NOT NULL,
  cash_counted  INTEGER NOT NULL CHECK (cash_counted >= 0),
  summary       TEXT NOT NULL,
  PRIMARY KEY (day, counter_code, clerk_code)
) STRICT;
CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes
BEGIN SELECT RAISE(ABORT, 'day_closes is append-only'); END;
CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes
BEGIN SELECT RAISE(ABORT, 'day_closes is append-only'); END;

-- Day figures read the events of one day.
CREATE INDEX dossier_events_by_at ON dossier_events(at);
