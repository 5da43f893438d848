# test_import_warnings.sh: import warnings go to stderr, the first five of a kind and
# then a count, never stopping silently at the 1,000 kept; stdout has the summary only.
. "$(dirname "$0")/lib.sh"
"$GIG" -q init --currency EUR || fail init
"$GIG" -q account add Checking || fail account
# 1,200 rows of -1.00 whose balance column is (7 i) mod 13: from one row to the next it
# moves by +7 or -6, never by the -1 the amount says, so each of the 1,199 rows after
# the first is a balance break (by hand: 1,200 - 1)
awk 'BEGIN { print "Date,Description,Amount,Balance"
	for (i = 0; i < 1200; i++) {
		t = 1577880000 + i * 86400  # 2020-01-01 12:00 UTC + i days
		printf "%s,SHOP %d,-1.00,%d.00\n", strftime("%Y-%m-%d", t, 1), i, (i * 7) % 13 } }' \
	>"$T/b.csv" 2>/dev/null || { echo "awk without strftime: skipped"; exit 77; }
expect_rc 0 "$GIG" import "$T/b.csv" --account Checking --dry-run
[ "$(grep -c '^warning: line' "$T/err")" = 5 ] || fail "expected 5 warning lines: $(cat "$T/err")"
expect_in "$T/err" "warning: and 1194 more balance breaks (1199 in all; --json lists the first 1000)"
grep -q '^warning' "$T/out" && fail "warnings on stdout: $(cat "$T/out")"
expect_in "$T/out" "Would add: 1200 new"
expect_rc 0 "$GIG" import "$T/b.csv" --account Checking --dry-run --json
python3 - "$T/out" <<'PY' || fail "balance_break_count"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["balance_break_count"] == 1199 and len(j["balance_breaks"]) == 1000, j["balance_break_count"]
PY
finish
