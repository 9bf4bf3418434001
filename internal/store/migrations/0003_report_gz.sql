-- 0003: the report JSON of a domain is stored gzip-compressed in
-- report_gz (the gzip, BestSpeed, of the same JSON bytes), and report is
-- '' for such rows. Rows written before keep their JSON in report and
-- report_gz NULL; readers take report_gz when it is set, else report.

ALTER TABLE domains ADD COLUMN report_gz {{blob}};
