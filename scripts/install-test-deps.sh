#!/usr/bin/env bash
# Installs the Debian packages the test suite drives as real components:
# authoritative servers (NSD, Knot, BIND), signers (ldns-signzone, dnssec-signzone),
# a validating resolver (Unbound, delv), Zonemaster's CLI, dnsperf and PostgreSQL
# (internal/store's tests run their own cluster with initdb and pg_ctl), g++
# (internal/store/duckdbtest links DuckDB's C++ static library through cgo), and
# Chromium (internal/web's TestBrowser drives it headless with chromedp).
# Runs as root (CI does); as another user it only reports what is missing.
#
# It leaves the machine's services as it found them: the tests start their own
# instances on loopback addresses, so the daemons these packages bring are
# neither started by the install nor enabled at boot, and nothing already
# running (a resolver of the machine's own, say) is stopped or killed.
#   - During the install a policy-rc.d denies every start (invoke-rc.d and
#     deb-systemd-invoke ask it), then it is removed, also when the script is
#     interrupted (INT, TERM, HUP); one left by a run killed with SIGKILL carries
#     a marker and the next run removes it. A policy-rc.d of the machine's own is
#     kept when it already denies starts, and otherwise set aside and put back.
#   - The packages this run installed (dependencies included, and only those) get
#     their systemd units and init scripts disabled at boot. Without systemd (a
#     container) systemctl works on the unit files offline, or is absent and
#     skipped; update-rc.d handles the init scripts either way.
# Idempotent: with every binary present it does nothing.
set -euo pipefail

pkgs=(nsd knot knot-dnsutils bind9 bind9-dnsutils bind9-utils ldnsutils unbound zonemaster-cli dnsperf iproute2 postgresql g++ chromium)
bins=(nsd knotd named ldns-signzone dnssec-signzone unbound delv zonemaster-cli dnsperf ip pg_ctlcluster g++ chromium)

missing=()
for b in "${bins[@]}"; do
	command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || [ -x "/sbin/$b" ] || missing+=("$b")
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

# One install at a time: the policy-rc.d below is shared state.
lockdir=/run/lock
[ -d "$lockdir" ] || lockdir=/tmp
exec 9>"$lockdir/dnsobs-install-test-deps.lock"
flock 9

policy=/usr/sbin/policy-rc.d
saved="$policy.dnsobs-saved"
marker='# dnsobs install-test-deps: denies service starts during the install; removed after it'

# What a run killed with SIGKILL left behind.
if [ -e "$policy" ] && grep -qxF "$marker" "$policy"; then
	rm -f "$policy"
fi
if [ -e "$saved" ] && [ ! -e "$policy" ]; then
	mv "$saved" "$policy"
fi

denies() { [ -x "$1" ] && { "$1" dnsobs-test start >/dev/null 2>&1; [ $? -eq 101 ]; }; }

installed() { dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' 2>/dev/null | awk '$1 == "ii" { print $2 }' | sort; }

# disable_new disables at boot the units and init scripts of the packages
# installed since $before was taken, nothing else.
disable_new() {
	local new p f u units=() scripts=()
	new=$(comm -13 <(printf '%s\n' "$before") <(installed))
	for p in $new; do
		while IFS= read -r f; do
			case "$f" in
			/lib/systemd/system/*.service | /lib/systemd/system/*.socket | /lib/systemd/system/*.timer | \
				/usr/lib/systemd/system/*.service | /usr/lib/systemd/system/*.socket | /usr/lib/systemd/system/*.timer)
				u=${f##*/}
				case "$u" in *@.*) ;; *) units+=("$u") ;; esac # templates are enabled per instance, not by a package
				;;
			/etc/init.d/*)
				scripts+=("${f##*/}")
				;;
			esac
		done < <(dpkg-query -L "$p" 2>/dev/null || true)
	done
	if [ ${#units[@]} -gt 0 ] && command -v systemctl >/dev/null 2>&1; then
		for u in "${units[@]}"; do
			systemctl disable --quiet --no-reload "$u" 2>/dev/null || echo "install-test-deps: systemctl disable $u failed" >&2
		done
	fi
	for f in "${scripts[@]}"; do
		update-rc.d "$f" disable >/dev/null 2>&1 || echo "install-test-deps: update-rc.d $f disable failed" >&2
	done
	if [ -n "$new" ]; then
		echo "install-test-deps: installed $(echo $new | wc -w) packages; disabled at boot: ${units[*]} ${scripts[*]}" >&2
	fi
}

# finish runs however the script ends (an interrupt included, after apt-get
# has returned): it removes the policy-rc.d it put in place and disables at
# boot what got installed.
ours=0
before=
finish() {
	if [ "$ours" -eq 1 ]; then
		rm -f "$policy"
		if [ -e "$saved" ]; then mv "$saved" "$policy"; fi
		ours=0
	fi
	if [ -n "$before" ]; then
		disable_new
		before=
	fi
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if ! denies "$policy"; then
	if [ -e "$policy" ]; then
		mv "$policy" "$saved"
	fi
	ours=1
	printf '#!/bin/sh\n%s\nexit 101\n' "$marker" >"$policy.tmp"
	chmod 0755 "$policy.tmp"
	mv "$policy.tmp" "$policy"
fi

before=$(installed)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
