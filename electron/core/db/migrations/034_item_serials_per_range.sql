-- Item-number serials per range (decision 0038). The last serial handed out was kept per service
-- and country, so on an office server a counter drawing above another's range moved the other's
-- count past its end. It is now kept per range. A carried row's range is not known here (the
-- range lives in settings), so it becomes the one-number range of its own last serial: a range
-- that contains it starts after it (see nextSerial in dossier-repository.ts).
CREATE TABLE item_serials_per_range (
  service     TEXT NOT NULL,
  country     TEXT NOT NULL,
  last_serial INTEGER NOT NULL,
  range_first INTEGER NOT NULL,
  range_last  INTEGER NOT NULL,
  PRIMARY KEY (service, country, range_first, range_last)
) WITHOUT ROWID;

INSERT INTO item_serials_per_range (service, country, last_serial, range_first, range_last)
  SELECT service, country, last_serial, last_serial, last_serial FROM item_serials;

DROP TABLE item_serials;
ALTER TABLE item_serials_per_range RENAME TO item_serials;
