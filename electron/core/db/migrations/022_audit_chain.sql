-- The audit log becomes a chain (decision 0031): each entry carries its sequence number, the MAC
-- of the entry before it and its own HMAC-SHA256 over both and its content. Entries written
-- before this step keep NULLs: they predate the chain and are reported as such, not as damage.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_mac TEXT;
ALTER TABLE audit_log ADD COLUMN mac TEXT;
CREATE UNIQUE INDEX audit_log_by_seq ON audit_log(seq);
