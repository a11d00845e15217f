-- SQLite's step 034 on the office server: item-number serials per range (decision 0038). A
-- carried row becomes the one-number range of its own last serial.
ALTER TABLE item_serials ADD COLUMN range_first integer, ADD COLUMN range_last integer;
UPDATE item_serials SET range_first = last_serial, range_last = last_serial;
ALTER TABLE item_serials ALTER COLUMN range_first SET NOT NULL, ALTER COLUMN range_last SET NOT NULL;
ALTER TABLE item_serials DROP CONSTRAINT item_serials_pkey, ADD PRIMARY KEY (service, country, range_first, range_last);
