-- 0002: queries measured once per run and shared by many domains
-- (observe.Query.Shared: server-level probes, parent zones' DNSKEY/DS,
-- name lookups) are stored once per run. An observations record refers
-- to one by its key, the hex SHA-256 of the query's JSON with seq 0;
-- data is the gzip of that JSON. Rows are never deleted with a domain
-- (other domains may refer to them), only with their run.

CREATE TABLE shared_queries (
	run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	key    TEXT NOT NULL,
	data   {{blob}} NOT NULL,
	PRIMARY KEY (run_id, key)
);
