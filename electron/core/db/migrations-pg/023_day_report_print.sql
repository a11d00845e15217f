-- The day report (báo cáo kết ca) is a print job like the batch label.
ALTER TABLE print_jobs DROP CONSTRAINT print_jobs_document_check;
ALTER TABLE print_jobs ADD CONSTRAINT print_jobs_document_check CHECK (document IN ('receipt', 'label', 'guidance', 'test', 'batch-label', 'day-report'));
