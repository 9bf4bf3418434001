#!/usr/bin/env bash
# Checks scripts/install-test-deps.sh's handling of the machine with fake
# apt-get, dpkg-query, systemctl and update-rc.d in a scratch directory (no
# root, nothing installed): service starts are denied during the install, the
# policy-rc.d it adds is gone afterwards (also after INT, TERM, HUP, and at the
# next run after SIGKILL), a machine's own policy-rc.d is kept or put back,
# only the packages the run installed are disabled at boot, templates skipped.
set -uo pipefail
src=$(cd "$(dirname "$0")" && pwd)/install-test-deps.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # name, condition...
	local name=$1
	shift
	if ! "$@"; then
		echo "FAIL: $name" >&2
		fail=1
	fi
}

# First, and before running it at all: the script kills nothing (it runs as
# root; a kill by name would reach the machine's own servers).
# (The pattern is written so that this line does not match it: p?kill is
# kill with or without a leading p, kill[a]ll the command that kills all
# processes of a name.)
if grep -nwE '(p?kill|kill[a]ll)' "$src"; then
	echo "FAIL: $src kills processes; not running it" >&2
	exit 1
fi

setup() {
	rm -rf "$T/s" "$T/bin"
	mkdir -p "$T/s" "$T/bin"
	sed -e 's|^bins=(.*|bins=(no-such-binary-dnsobs-test)|' -e "s|^policy=/usr/sbin/policy-rc.d|policy=$T/s/policy-rc.d|" \
		-e "s|^lockdir=/run/lock|lockdir=$T|" "$src" >"$T/run.sh"
	printf 'a\nb\n' >"$T/s/installed"
	cat >"$T/bin/apt-get" <<X
#!/bin/bash
[ "\$1" = install ] || exit 0
if [ -x $T/s/policy-rc.d ]; then $T/s/policy-rc.d nsd start; echo "policy=\$?" >>$T/s/log; else echo policy=none >>$T/s/log; fi
sleep \${APT_SLEEP:-0}
printf 'nsd\npostgresql-common\n' >>$T/s/installed
X
	cat >"$T/bin/dpkg-query" <<X
#!/bin/bash
case "\$1" in
-W) sed 's/^/ii  /' $T/s/installed ;;
-L) case "\$2" in
	nsd) printf '/etc/init.d/nsd\n/lib/systemd/system/nsd.service\n/usr/sbin/nsd\n' ;;
	postgresql-common) printf '/lib/systemd/system/postgresql.service\n/lib/systemd/system/postgresql@.service\n' ;;
	a) printf '/lib/systemd/system/a.service\n/etc/init.d/a\n' ;;
	esac ;;
esac
X
	printf '#!/bin/bash\necho "systemctl $*" >>%s/s/log\n' "$T" >"$T/bin/systemctl"
	printf '#!/bin/bash\necho "update-rc.d $*" >>%s/s/log\n' "$T" >"$T/bin/update-rc.d"
	chmod +x "$T/bin/"*
}
export PATH="$T/bin:$PATH"
want_log="policy=101
systemctl disable --quiet --no-reload nsd.service
systemctl disable --quiet --no-reload postgresql.service
update-rc.d nsd disable"

setup
bash "$T/run.sh" 2>/dev/null
check "plain run: starts denied, new packages disabled, a and templates left alone" [ "$(cat "$T/s/log")" = "$want_log" ]
check "plain run: policy-rc.d removed" [ ! -e "$T/s/policy-rc.d" ]

for sig in INT TERM HUP; do
	setup
	# With job control on (set -m) a background job keeps SIGINT's default
	# disposition; without it, & would have it ignored.
	set -m
	APT_SLEEP=1 bash "$T/run.sh" 2>/dev/null &
	pid=$!
	set +m
	sleep 0.5
	kill -s "$sig" "$pid"
	wait "$pid"
	check "$sig: exits non-zero" [ $? -ne 0 ]
	check "$sig: policy-rc.d removed" [ ! -e "$T/s/policy-rc.d" ]
	check "$sig: new packages still disabled" [ "$(cat "$T/s/log")" = "$want_log" ]
done

setup
set -m
APT_SLEEP=1 bash "$T/run.sh" 2>/dev/null &
pid=$!
set +m
sleep 0.5
kill -s KILL "$pid"
wait "$pid" 2>/dev/null
sleep 1 # the fake apt-get it started finishes on its own
check "KILL: leaves its marked policy-rc.d" grep -q 'dnsobs install-test-deps' "$T/s/policy-rc.d"
printf 'a\nb\n' >"$T/s/installed"
: >"$T/s/log"
bash "$T/run.sh" 2>/dev/null
check "next run after KILL: removes it" [ ! -e "$T/s/policy-rc.d" ]
check "next run after KILL: starts denied, new packages disabled" [ "$(cat "$T/s/log")" = "$want_log" ]

setup
printf '#!/bin/sh\nexit 0\n' >"$T/s/policy-rc.d"
chmod +x "$T/s/policy-rc.d"
bash "$T/run.sh" 2>/dev/null
check "machine policy that allows starts: denied during the install" [ "$(head -1 "$T/s/log")" = policy=101 ]
check "machine policy that allows starts: put back" [ "$(cat "$T/s/policy-rc.d")" = "$(printf '#!/bin/sh\nexit 0')" ]

setup
printf '#!/bin/sh\n# mine\nexit 101\n' >"$T/s/policy-rc.d"
chmod +x "$T/s/policy-rc.d"
bash "$T/run.sh" 2>/dev/null
check "machine policy that denies: kept as is" [ "$(cat "$T/s/policy-rc.d")" = "$(printf '#!/bin/sh\n# mine\nexit 101')" ]

if [ $fail -eq 0 ]; then echo "install-test-deps-test: ok"; fi
exit $fail
