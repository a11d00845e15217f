-- Intake keys are dropped by age (decision 0046): the index lets an intake find the old ones
-- without reading every key the counter ever recorded.
CREATE INDEX intake_requests_by_created ON intake_requests(created_at);
