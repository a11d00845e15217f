-- Lookup finds a dossier by any key the clerk has at hand, and by the sender's name.
-- Keys are exact matches on B-tree indexes; the phone is compared by its digits only.
CREATE INDEX dossiers_by_old_id ON dossiers(sender_old_id) WHERE sender_old_id <> '';
CREATE INDEX dossiers_by_business_code ON dossiers(sender_business_code) WHERE sender_business_code <> '';
CREATE INDEX dossiers_by_phone ON dossiers(replace(replace(replace(sender_phone, ' ', ''), '.', ''), '-', ''))
  WHERE sender_phone <> '';
CREATE INDEX dossiers_by_procedure ON dossiers(procedure_code);
CREATE INDEX dossiers_by_clerk ON dossiers(clerk_code);
CREATE INDEX dossiers_by_status ON dossiers(status);

-- Names: the folded key (no marks, no case, đ → d) in an FTS5 index over words, so "thu ha"
-- finds "Nguyễn Thị Thu Hà". Only which dossiers hold a word is kept (detail=none): lookup
-- needs no positions. A folded Vietnamese syllable has at most 7 letters, so prefix indexes
-- of 1 to 7 letters serve every word being typed straight from the index (without them,
-- "nguyen"* merges 400,000 entries per keystroke on a million dossiers).
CREATE VIRTUAL TABLE dossier_names USING fts5(
  sender_name_key, content='dossiers', content_rowid='id', detail=none, columnsize=0, prefix='1 2 3 4 5 6 7'
);
INSERT INTO dossier_names (dossier_names) VALUES ('rebuild');
CREATE TRIGGER dossier_names_insert AFTER INSERT ON dossiers
BEGIN INSERT INTO dossier_names (rowid, sender_name_key) VALUES (new.id, new.sender_name_key); END;
CREATE TRIGGER dossier_names_update AFTER UPDATE OF sender_name_key ON dossiers
BEGIN
  INSERT INTO dossier_names (dossier_names, rowid, sender_name_key) VALUES ('delete', old.id, old.sender_name_key);
  INSERT INTO dossier_names (rowid, sender_name_key) VALUES (new.id, new.sender_name_key);
END;
CREATE TRIGGER dossier_names_delete AFTER DELETE ON dossiers
BEGIN INSERT INTO dossier_names (dossier_names, rowid, sender_name_key) VALUES ('delete', old.id, old.sender_name_key); END;
