-- 0001: the first schema of the run store.
-- Placeholders, replaced per dialect (see migrate.go): {{id}} an
-- auto-increment primary key, {{time}} a timestamp, {{bool}} a boolean,
-- {{blob}} bytes, {{real}} a double. Statements end with ";" at the end
-- of a line.

CREATE TABLE runs (
	id           {{id}},
	started_at   {{time}} NOT NULL,
	finished_at  {{time}},
	input        TEXT NOT NULL DEFAULT '',
	vantage      TEXT NOT NULL DEFAULT '',
	parameters   TEXT NOT NULL DEFAULT '{}',
	status       TEXT NOT NULL,
	queries_sent BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE run_input (
	run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	pos    BIGINT NOT NULL,
	line   INTEGER NOT NULL,
	name   TEXT NOT NULL,
	PRIMARY KEY (run_id, pos),
	UNIQUE (run_id, name)
);

CREATE TABLE input_problems (
	run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	line   INTEGER NOT NULL,
	text   TEXT NOT NULL,
	reason TEXT NOT NULL,
	PRIMARY KEY (run_id, line)
);

CREATE TABLE domains (
	run_id         BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	name           TEXT NOT NULL,
	tld            TEXT NOT NULL,
	country        TEXT NOT NULL,
	checked_at     {{time}} NOT NULL,
	error          TEXT NOT NULL,
	dnssec_status  TEXT NOT NULL,
	ns_count       INTEGER NOT NULL,
	asn_count      INTEGER NOT NULL,
	prefix_count   INTEGER NOT NULL,
	country_count  INTEGER NOT NULL,
	ipv6_ready     {{bool}} NOT NULL,
	ns_ipv6        {{bool}} NOT NULL,
	worst_severity TEXT NOT NULL,
	queries_sent   BIGINT NOT NULL,
	finding_ids    TEXT NOT NULL,
	report         TEXT NOT NULL,
	PRIMARY KEY (run_id, name)
);
CREATE INDEX domains_tld ON domains (run_id, tld);
CREATE INDEX domains_country ON domains (run_id, country);

CREATE TABLE nameservers (
	run_id        BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	domain        TEXT NOT NULL,
	name          TEXT NOT NULL,
	in_parent     {{bool}} NOT NULL,
	in_child      {{bool}} NOT NULL,
	cname         TEXT NOT NULL,
	resolve_error TEXT NOT NULL
);
CREATE INDEX nameservers_domain ON nameservers (run_id, domain);

CREATE TABLE addresses (
	run_id        BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	domain        TEXT NOT NULL,
	ns            TEXT NOT NULL,
	addr          TEXT NOT NULL,
	family        TEXT NOT NULL,
	asn           BIGINT NOT NULL,
	as_org        TEXT NOT NULL,
	country       TEXT NOT NULL,
	prefix        TEXT NOT NULL,
	reachable     {{bool}},
	authoritative {{bool}},
	udp           {{bool}},
	tcp           {{bool}},
	recursive     {{bool}},
	axfr_open     {{bool}},
	edns_ok       {{bool}},
	rtt_udp_ms    {{real}},
	rtt_tcp_ms    {{real}}
);
CREATE INDEX addresses_domain ON addresses (run_id, domain);
CREATE INDEX addresses_asn ON addresses (run_id, asn);

CREATE TABLE findings (
	run_id   BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	domain   TEXT NOT NULL,
	id       TEXT NOT NULL,
	severity TEXT NOT NULL,
	category TEXT NOT NULL,
	subject  TEXT NOT NULL,
	detail   TEXT NOT NULL
);
CREATE INDEX findings_domain ON findings (run_id, domain);
CREATE INDEX findings_id ON findings (run_id, id);

CREATE TABLE observations (
	run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	domain TEXT NOT NULL,
	data   {{blob}} NOT NULL,
	PRIMARY KEY (run_id, domain)
);

CREATE TABLE aggregates (
	run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	scope  TEXT NOT NULL,
	metric TEXT NOT NULL,
	key    TEXT NOT NULL,
	value  {{real}} NOT NULL,
	PRIMARY KEY (run_id, scope, metric, key)
);
