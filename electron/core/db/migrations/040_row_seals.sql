-- Dossiers, their events and their print jobs carry MACs under the audit key (decision 0066):
-- a dossier its content as taken in (mac) and its state (state_mac: status, numbers, the last
-- event and print job), each event and print job the MAC of the dossier's one before it.
-- Rows written before this step keep NULLs: they predate the seals and are counted as such.
ALTER TABLE dossiers ADD COLUMN mac TEXT;
ALTER TABLE dossiers ADD COLUMN state_mac TEXT;
ALTER TABLE dossier_events ADD COLUMN prev_mac TEXT;
ALTER TABLE dossier_events ADD COLUMN mac TEXT;
ALTER TABLE print_jobs ADD COLUMN prev_mac TEXT;
ALTER TABLE print_jobs ADD COLUMN mac TEXT;
