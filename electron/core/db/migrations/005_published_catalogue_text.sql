-- Provinces publish settlement times and fees as text; the text is kept as published beside
-- the number read from it. The fee column stays NOT NULL (SQLite cannot relax it without
-- rebuilding the table that procedure documents point at), so an unknown fee is a flag.
ALTER TABLE procedures ADD COLUMN deadline_text TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN deadline_unit TEXT CHECK (deadline_unit IN ('working', 'calendar'));
ALTER TABLE procedures ADD COLUMN fee_text TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN fee_unknown INTEGER NOT NULL DEFAULT 0 CHECK (fee_unknown IN (0, 1));
ALTER TABLE procedures ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE procedures ADD COLUMN in_person INTEGER CHECK (in_person IN (0, 1));
-- Lists imported before took only a number, under a "(ngày làm việc)" header.
UPDATE procedures SET deadline_unit = 'working', deadline_text = CAST(deadline_days AS TEXT) WHERE deadline_days IS NOT NULL;
