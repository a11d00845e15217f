-- SQLite's step 022 on the office server: the audit log as a chain of MACs (decision 0031).
ALTER TABLE audit_log ADD COLUMN seq bigint;
ALTER TABLE audit_log ADD COLUMN prev_mac text;
ALTER TABLE audit_log ADD COLUMN mac text;
CREATE UNIQUE INDEX audit_log_by_seq ON audit_log(seq);
