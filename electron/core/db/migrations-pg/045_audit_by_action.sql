-- The row check (decision 0066) reads the entries that record dossiers, and the record of the rows
-- without seals, by action and in id order, a page at a time: without this index each page would
-- scan the whole log, most of it lookups.
CREATE INDEX audit_log_by_action ON audit_log(action, id);
