-- A guided dossier resumed when the citizen comes back: the new dossier names the guided
-- record it continues, and a guided record is continued once (the guided side is found
-- through the unique index, so nothing is written on the guided row).
ALTER TABLE dossiers ADD COLUMN resumes_dossier_id INTEGER REFERENCES dossiers(id);
CREATE UNIQUE INDEX dossiers_by_resumed ON dossiers(resumes_dossier_id) WHERE resumes_dossier_id IS NOT NULL;
-- An organisation's dossier is brought by a person: their name and ID number (their phone is
-- the dossier's phone). Lookup by ID number finds the person who brought it too.
ALTER TABLE dossiers ADD COLUMN bearer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN bearer_id TEXT NOT NULL DEFAULT '';
CREATE INDEX dossiers_by_bearer_id ON dossiers(bearer_id) WHERE bearer_id <> '';
