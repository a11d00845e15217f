-- A supervisor may close a clerk's day for them (decision 0037): the close then names who did it.
-- Empty when the clerk closed their own day.
ALTER TABLE day_closes ADD COLUMN closed_by_code text, ADD COLUMN closed_by_name text;
