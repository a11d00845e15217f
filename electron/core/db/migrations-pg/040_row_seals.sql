-- SQLite's step 040 on the office server: dossiers, events and print jobs sealed (decision 0066).
ALTER TABLE dossiers ADD COLUMN mac text;
ALTER TABLE dossiers ADD COLUMN state_mac text;
ALTER TABLE dossier_events ADD COLUMN prev_mac text;
ALTER TABLE dossier_events ADD COLUMN mac text;
ALTER TABLE print_jobs ADD COLUMN prev_mac text;
ALTER TABLE print_jobs ADD COLUMN mac text;
