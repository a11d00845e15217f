-- A guided dossier resumed when the citizen comes back, and the person who brings an
-- organisation's dossier (SQLite's 026 says why).
ALTER TABLE dossiers ADD COLUMN resumes_dossier_id bigint REFERENCES dossiers(id);
CREATE UNIQUE INDEX dossiers_by_resumed ON dossiers(resumes_dossier_id) WHERE resumes_dossier_id IS NOT NULL;
ALTER TABLE dossiers ADD COLUMN bearer_name text NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN bearer_id text NOT NULL DEFAULT '';
CREATE INDEX dossiers_by_bearer_id ON dossiers(bearer_id) WHERE bearer_id <> '';
