#!/bin/sh
# test_import_stdin.sh: `gig import -` and `gig log --from -` read standard input
# (issue 10); the format of a statement is told by its content, whatever the name.
# Usage: sh test_import_stdin.sh /path/to/gig   (run by ctest from tests/)
command -v python3 >/dev/null 2>&1 || { echo "python3 needed for JSON checks"; exit 77; }
. "$(dirname "$0")/lib.sh"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
check() { # check NAME EXPECTED ACTUAL
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}
# the statements written for the tests (tests/data/formats-own), always in git
D=data/formats-own
mkdir -p "$T/tmp"
export TMPDIR="$T/tmp" # where the copy of standard input goes, and must not stay
expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add Bank

# an MT940 statement through a pipe: the batch is named "stdin", its hash is the bytes'
expect_rc 0 sh -c "\"$GIG\" import - --json < $D/own-mt940.sta"
check inserted 3 "$(json 'd["inserted"]' <"$T/out")"
check format MT940 "$(json 'd["guesses"]["format"]' <"$T/out")"
check sha "$(sha256sum $D/own-mt940.sta | cut -d' ' -f1)" "$(json 'd["file_sha256"]' <"$T/out")"
expect_rc 0 "$GIG" import list --json
check name stdin "$(json 'd["batches"][0]["file"]' <"$T/out")"
# the record of a statement row is printed line by line, as the file has it
expect_rc 0 "$GIG" import record 1
check record ":61:2507010701D45,90NDDTNONREF//R1|:86:105?00LASTSCHRIFT?20Saitenhaus Online?21Bestellung 7781|?32SAITENHAUS GMBH" \
	"$(tr '\n' '|' <"$T/out" | sed 's/|$//')"
# the same bytes from the file add nothing, and no copy of stdin is left behind
expect_rc 0 "$GIG" import $D/own-mt940.sta --json
check again 0 "$(json 'd["inserted"]' <"$T/out")"

# a statement under a misleading name is still read by its content
cp $D/own-camt053-v02.xml "$T/statement.csv"
expect_rc 0 "$GIG" import "$T/statement.csv" --dry-run
expect_in "$T/out" "format CAMT.053.001.02"
expect_in "$T/out" "Would add: 2 new, 0 duplicates, 1 pending"

# a damaged statement on stdin: the message names "stdin" and its line, nothing is kept
head -n 7 $D/own-mt940.sta >"$T/cut.sta" # up to the first :86:, no :62F:
expect_rc 3 sh -c "\"$GIG\" import - < \"$T/cut.sta\""
expect_in "$T/err" "gig: stdin:1: the statement has no closing balance"
expect_rc 0 "$GIG" import list --json
check batches 1 "$(json 'len(d["batches"])' <"$T/out")"

# a terminal on stdin is refused rather than waited on (script(1) gives one)
if command -v script >/dev/null 2>&1; then
	script -qc "\"$GIG\" import -" /dev/null >"$T/tty" 2>&1 </dev/null
	expect_in "$T/tty" "standard input, which is a terminal"
fi

# gig log --from - reads the gigs' CSV from standard input
printf 'client,stream,amount\nBlue Room,mixing,1200\nOpen mic,live,80\n' >"$T/gigs.csv"
expect_rc 0 sh -c "\"$GIG\" log --from - < \"$T/gigs.csv\""
expect_in "$T/err" "Logged 2 gigs from -."
printf 'client,stream,amount\nBlue Room,mixing,12x0\n' >"$T/bad.csv"
expect_rc 3 sh -c "\"$GIG\" log --from - < \"$T/bad.csv\""
expect_in "$T/err" "stdin:2"
[ -z "$(ls -A "$T/tmp")" ] || fail "a copy of standard input was left: $(ls "$T/tmp")"
finish
