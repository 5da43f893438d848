#!/bin/sh
# test_import_overlap.sh: undoing one of two overlapping imports (issue 9, defect 3).
# A row belongs to every batch whose file contained it: undoing a batch removes
# only the rows no remaining batch contains, and the balance (read from the
# monthly rollup) stays equal to the sum of the rows left (read from the rows).
# Usage: sh test_import_overlap.sh /path/to/gig   (run by ctest from tests/)
command -v python3 >/dev/null 2>&1 || { echo "python3 needed for JSON checks"; exit 77; }
. "$(dirname "$0")/lib.sh"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
check() { # check NAME EXPECTED ACTUAL
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}
# rows FROM TO FILE: "Date,Payee,Amount" with row k on 2025-01-01 + k days, "Shop k", -k.00
rows() {
	python3 - "$1" "$2" "$3" <<'PY'
import datetime, sys
lo, hi, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(out, "w") as f:
    f.write("Date,Payee,Amount\n")
    for k in range(lo, hi + 1):
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=k)
        f.write("%s,Shop %d,-%d.00\n" % (day.isoformat(), k, k))
PY
}
# state LABEL ROWS BALANCE_MINOR: the balance, its row count, and the rows exported agree
state() {
	"$GIG" check >"$T/check" 2>&1 || fail "$1: gig check: $(cat "$T/check")"
	"$GIG" balance --json >"$T/bal" || fail "$1: balance failed"
	check "$1: balance" "$3" "$(json 'd["accounts"][0]["balance_minor"]' <"$T/bal")"
	check "$1: rows in the rollup" "$2" "$(json 'd["accounts"][0]["transaction_count"]' <"$T/bal")"
	"$GIG" export --format json >"$T/exp" || fail "$1: export failed"
	check "$1: rows" "$2" "$(json 'len(d["transactions"])' <"$T/exp")"
	check "$1: sum of the rows" "$3" \
		"$(json 'sum(t["amount_minor"] for t in d["transactions"])' <"$T/exp")"
}

"$GIG" init --currency EUR >/dev/null 2>&1 || { echo "gig init failed"; exit 1; }
"$GIG" account add Checking >/dev/null 2>&1
rows 1 100 "$T/a.csv"
rows 50 150 "$T/b.csv"

expect_rc 0 "$GIG" import "$T/a.csv" --account Checking --json
a=$(json 'd["batch_id"]' <"$T/out")
check "A new" 100 "$(json 'd["inserted"]' <"$T/out")"
expect_rc 0 "$GIG" import "$T/b.csv" --account Checking --json
b=$(json 'd["batch_id"]' <"$T/out")
check "B new" 50 "$(json 'd["inserted"]' <"$T/out")"
check "B duplicates" 51 "$(json 'd["duplicates"]' <"$T/out")"
# rows 1..150: -(150 * 151 / 2) EUR
state "A and B" 150 -1132500
"$GIG" import list --json >"$T/list"
check "B holds its 101 rows" 101 \
	"$(json "[x['remaining'] for x in d['batches'] if x['id'] == $b][0]" <"$T/list")"

expect_rc 0 "$GIG" import undo "$a" --yes
expect_in "$T/err" "(49 transactions)"
# B's rows 50..150 stay: -(150 * 151 / 2 - 49 * 50 / 2) EUR
state "after undo A" 101 -1010000
"$GIG" import list --json >"$T/list"
check "batches left" "[$b]" "$(json '[x["id"] for x in d["batches"]]' <"$T/list")"
check "B still holds 101" 101 "$(json 'd["batches"][0]["remaining"]' <"$T/list")"
# a row A inserted and B also contained now comes from B's file: row 60 is its line 12
id60=$(json "[t['id'] for t in d['transactions'] if t['payee'] == 'Shop 60'][0]" <"$T/exp")
expect_rc 0 "$GIG" import record "$id60"
check "record of row 60" "2025-03-02,Shop 60,-60.00" "$(cat "$T/out")"

expect_rc 0 "$GIG" import undo "$b" --yes
expect_in "$T/err" "(101 transactions)"
state "after undo B" 0 0
check "no batches" "[]" "$("$GIG" import list --json | json 'd["batches"]')"

# the other order: undoing B first leaves A's 100 rows, then A leaves nothing
expect_rc 0 "$GIG" import "$T/a.csv" --account Checking --json
a=$(json 'd["batch_id"]' <"$T/out")
expect_rc 0 "$GIG" import "$T/b.csv" --account Checking --json
b=$(json 'd["batch_id"]' <"$T/out")
expect_rc 0 "$GIG" import undo "$b" --yes
expect_in "$T/err" "(50 transactions)"
state "after undo B first" 100 -505000
expect_rc 0 "$GIG" import undo "$a" --yes
state "after undo A second" 0 0
finish
