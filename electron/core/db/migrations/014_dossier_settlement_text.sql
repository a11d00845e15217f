-- The settlement time as the province published it, copied onto the dossier at intake like the
-- days already are: the receipt prints the published words, and the result-date estimate counts
-- working or calendar days as the list says. Dossiers taken in before keep their days as working days.
ALTER TABLE dossiers ADD COLUMN deadline_text TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN deadline_unit TEXT CHECK (deadline_unit IN ('working', 'calendar'));
UPDATE dossiers SET deadline_unit = 'working' WHERE deadline_days IS NOT NULL;
