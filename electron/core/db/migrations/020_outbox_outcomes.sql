-- What the outbox worker records with each row (decisions 0025, 0029): what the next run must
-- know (retries so far, keys whose outcome was lost), the server's receipts and each item's
-- result, and the problem in both languages for F4.
ALTER TABLE outbox ADD COLUMN resume TEXT;
ALTER TABLE outbox ADD COLUMN receipt TEXT;
ALTER TABLE outbox ADD COLUMN error_code TEXT;
ALTER TABLE outbox ADD COLUMN error_vi TEXT;
ALTER TABLE outbox ADD COLUMN error_en TEXT;
