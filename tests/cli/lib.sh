# tests/cli/lib.sh: helpers for the end-to-end tests (sourced, not run).
# Each test gets $GIG (the binary), a fresh temp dir $T, GIG_DB inside it,
# and a pinned "today" so ages and defaults are reproducible.
set -u
GIG=${1:?usage: sh test.sh /path/to/gig}
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
export GIG_DB="$T/ledger.db" GIG_TODAY=2026-11-24 NO_COLOR=1 XDG_CONFIG_HOME="$T/config"
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_rc CODE CMD...: runs CMD, checks its exit status; output in $T/out, $T/err
expect_rc() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" != "$want" ]; then
		fail "'$*' exited $got, expected $want; stderr: $(cat "$T/err")"
	fi
}

# expect_in FILE TEXT: FILE contains TEXT (fixed string)
expect_in() {
	grep -qF -- "$2" "$1" || fail "expected '$2' in $1: $(head -c 600 "$1")"
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}
