#!/usr/bin/env bash
# Installs the Debian packages the test suite drives as real components:
# authoritative servers (NSD, Knot, BIND), signers (ldns-signzone, dnssec-signzone),
# a validating resolver (Unbound, delv), Zonemaster's CLI, dnsperf and PostgreSQL
# (internal/store's tests run their own cluster with initdb and pg_ctl), and g++
# (internal/store/duckdbtest links DuckDB's C++ static library through cgo).
# Runs as root (CI does); as another user it only reports what is missing.
# Services are installed but never started by the package manager: the tests
# start their own instances on loopback addresses.
set -euo pipefail

pkgs=(nsd knot knot-dnsutils bind9 bind9-dnsutils bind9-utils ldnsutils unbound zonemaster-cli dnsperf iproute2 postgresql g++)
bins=(nsd knotd named ldns-signzone dnssec-signzone unbound delv zonemaster-cli dnsperf pg_ctlcluster g++)

missing=()
for b in "${bins[@]}"; do
	command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || missing+=("$b")
done
# PostgreSQL's initdb and pg_ctl are not on PATH in Debian.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(initdb)
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "install-test-deps: missing ${missing[*]}; run as root to install: ${pkgs[*]}" >&2
	exit 0
fi

# Keep postinst scripts from starting daemons on port 53.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' >"$policy"
	chmod +x "$policy"
	created_policy=1
fi
cleanup() { if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
# Some packages start a daemon regardless; stop any so the tests own port 53.
for d in nsd knotd named unbound; do pkill -x "$d" 2>/dev/null || true; done
