-- The agency's own dossier code (mã hồ sơ), stored when the agency returns it; scans look it up.
ALTER TABLE dossiers ADD COLUMN agency_dossier_code TEXT;
CREATE UNIQUE INDEX dossiers_by_agency_code ON dossiers(agency_dossier_code) WHERE agency_dossier_code IS NOT NULL;
