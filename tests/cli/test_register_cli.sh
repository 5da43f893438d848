# test_register_cli.sh: `gig txn list` / `gig register` (filters, running balances that
# stay true when rows are hidden, --limit, JSON and CSV) and `gig txn show` (provenance
# and links).  Balances are worked out by hand in the comments.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 needed"; exit 77; }

# ids_of ARGS...: the ids `gig txn list ARGS --json` prints, space-separated
ids_of() {
	"$GIG" txn list "$@" --json | python3 -c '
import json, sys
print(" ".join(str(t["id"]) for t in json.load(sys.stdin)["transactions"]))'
}
# bal_of ID ARGS...: the balance_minor of row ID in `gig txn list ARGS --json`
bal_of() {
	id=$1
	shift
	"$GIG" txn list "$@" --json | python3 -c '
import json, sys
print([t["balance_minor"] for t in json.load(sys.stdin)["transactions"] if t["id"] == int(sys.argv[1])])' "$id"
}
# narrow FILE: every line at most 80 characters (not bytes)
narrow() {
	python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' "$1"
}
check() { # check NAME EXPECTED ACTUAL
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

expect_rc 0 "$GIG" init
# an empty ledger: nothing to list, no error
expect_rc 3 "$GIG" txn list --db "$T/none.db"
expect_rc 0 "$GIG" txn list
expect_in "$T/err" "No transactions match."
check "empty json" "" "$(ids_of)"

expect_rc 0 "$GIG" account add Checking --opening 100 --on 2026-01-01
expect_rc 0 "$GIG" account add Savings --kind savings --opening 50
expect_rc 0 "$GIG" spend 12.99 "SPLICE.COM" -c Samples -d 2026-11-02           # 1
expect_rc 0 "$GIG" earn 200 "Client" -d 2026-10-05                              # 2
expect_rc 0 "$GIG" spend 30 "Café Müller" -d 2026-11-03 -a Savings              # 3
expect_rc 0 "$GIG" spend 5 "Pend" --pending -d 2026-11-04                       # 4
expect_rc 0 "$GIG" spend 129.90 "Thomann" -c Gear -d 2026-11-02                 # 5
expect_rc 0 "$GIG" earn 1,000 "Blue Room" -c "Income: Mixing" -d 2026-12-01     # 6
# Checking in register order: #2 100+200 = 300.00, #1 287.01, #5 (same day, later
# id) 157.11, #4 pending: still 157.11, #6 1,157.11.  Savings: #3 50-30 = 20.00.
check "order" "2 1 5 3 4 6" "$(ids_of)"
check "bal #2" "[30000]" "$(bal_of 2)"
check "bal #5" "[15711]" "$(bal_of 5)"
check "bal pending #4" "[15711]" "$(bal_of 4)"
check "bal #6" "[115711]" "$(bal_of 6)"
check "bal #3" "[2000]" "$(bal_of 3)"
# a filter that hides #1 still counts it in #5's balance
check "payee thomann" "5" "$(ids_of --payee thomann)"
check "hidden rows count" "[15711]" "$(bal_of 5 --payee THOMANN)"
check "category" "1" "$(ids_of --category samples)"
check "bal #1 alone" "[28701]" "$(bal_of 1 -c Samples)"
check "register alias" "5" "$("$GIG" register --payee thom --json | python3 -c '
import json, sys; print(" ".join(str(t["id"]) for t in json.load(sys.stdin)["transactions"]))')"
# the newest N, still oldest first
check "limit 2" "4 6" "$(ids_of --limit 2)"
check "limit 2 balance" "[115711]" "$(bal_of 6 --limit 2)"
check "limit 1 savings" "3" "$(ids_of --limit 1 --account savings)"
check "limit filtered" "1 5" "$(ids_of --limit 2 --max 150 --account Checking --from 2026-11-02 --to 2026-11-02)"
check "period quarter, uncategorised" "2 3 4" "$(ids_of --period 2026-Q4 --uncategorised)"
check "pending" "4" "$(ids_of --pending)"
check "min" "2 5 6" "$(ids_of --min 100)"
check "max" "1 3 4" "$(ids_of --max 100)"
check "min..max" "5" "$(ids_of --min 100 --max 150)"
check "max exact" "1" "$(ids_of --max 12.99 --min 12.99)"
check "glob" "1" "$(ids_of --payee 'SPL*')"
check "glob suffix" "1" "$(ids_of --payee '*.com')"
check "glob whole payee" "" "$(ids_of --payee 'SPL?')"
check "percent is literal" "" "$(ids_of --payee '%')"
check "non-ascii case" "3" "$(ids_of --payee 'CAFÉ')"
check "stream" "6" "$(ids_of --stream mixing)"
check "from day to month" "3 4" "$(ids_of --from 2026-11-03 --to 2026-11)"
check "year" "2 1 5 3 4 6" "$(ids_of --period 2026)"
check "year before" "" "$(ids_of --to 2025)"

# table: 80 columns, account column when several accounts, pending marked
expect_rc 0 "$GIG" txn list
expect_in "$T/out" "ACCOUNT"
expect_in "$T/out" "2026-11-04 ! Checking"
expect_in "$T/out" "1,157.11"
narrow "$T/out" || fail "txn list wider than 80"
expect_rc 0 "$GIG" txn list --account Checking
grep -q "Savings" "$T/out" && fail "--account Checking shows Savings"
# csv: a header and one line per row
expect_rc 0 "$GIG" txn list --format csv
check "csv lines" 7 "$(wc -l <"$T/out" | tr -d ' ')"
expect_in "$T/out" '"5","2026-11-02","Checking","EUR","-129.90","Thomann","","Gear","0","","","157.11"'

# outside text never reaches the terminal raw
expect_rc 0 "$GIG" spend 1 "$(printf 'EVIL\033[31mX')" -d 2026-11-05
expect_rc 0 "$GIG" txn list --payee evil
expect_in "$T/out" 'EVIL\x1b[31mX'
grep -q "$(printf '\033')" "$T/out" && fail "escape character printed raw"
expect_rc 0 "$GIG" txn list --payee evil --format csv
grep -q "$(printf '\033')" "$T/out" && fail "escape character in CSV"

# failure paths
expect_rc 3 "$GIG" txn list --from 2026-13
expect_in "$T/err" "--from: '2026-13' is not a period"
expect_rc 3 "$GIG" txn list --period 2026-Q5
expect_rc 3 "$GIG" txn list --to 26
expect_rc 3 "$GIG" txn list --min abc
expect_in "$T/err" "--min"
expect_rc 3 "$GIG" txn list --min -5
expect_rc 3 "$GIG" txn list --min 10 --max 5
expect_rc 3 "$GIG" txn list --category Nope
expect_in "$T/err" "unknown category 'Nope'"
expect_rc 3 "$GIG" txn list --account Nope
expect_rc 3 "$GIG" txn list --stream bogus
expect_rc 3 "$GIG" txn list --from 2026-12 --to 2026-11
expect_in "$T/err" "starts (2026-12-01) after it ends (2026-11-30)"
expect_rc 3 "$GIG" txn list --payee ''
expect_rc 2 "$GIG" txn list --limit -1
expect_rc 2 "$GIG" txn list --period 2026 --from 2026
expect_rc 2 "$GIG" txn list --format xml
expect_rc 2 "$GIG" txn list --json --format csv
expect_rc 2 "$GIG" txn list extra
expect_rc 2 "$GIG" txn
expect_rc 2 "$GIG" txn frobnicate
expect_rc 0 "$GIG" txn list --help
expect_in "$T/out" "gig txn list --limit 50"
narrow "$T/out" || fail "--help wider than 80"
expect_rc 0 "$GIG" register --help
expect_rc 0 "$GIG" txn show --help
expect_in "$T/out" "gig txn show 1042"
narrow "$T/out" || fail "txn show --help wider than 80"

# txn show: a hand entry, an imported row with its record, a gig payment, a transfer
expect_rc 0 "$GIG" txn show 5
expect_in "$T/out" "source     entered by hand"
expect_in "$T/out" "balance    157.11 after it"
expect_rc 3 "$GIG" txn show 999
expect_in "$T/err" "no transaction #999"
expect_rc 2 "$GIG" txn show abc
expect_rc 2 "$GIG" txn show
printf 'Date,Description,Amount\n2026-11-10,ACME LTD,-20.00\n2026-11-12,TRANSFER TO SAVINGS,-50.00\n' >"$T/c.csv"
printf 'Date,Description,Amount\n2026-11-12,TRANSFER FROM CHECKING,50.00\n' >"$T/s.csv"
expect_rc 0 "$GIG" import "$T/c.csv" --account Checking
expect_rc 0 "$GIG" import "$T/s.csv" --account Savings
id=$(ids_of --payee 'ACME*')
expect_rc 0 "$GIG" txn show "$id"
expect_in "$T/out" "c.csv, line 2"
expect_in "$T/out" "record     2026-11-10,ACME LTD,-20.00"
to=$(ids_of --payee 'TRANSFER TO*')
from=$(ids_of --payee 'TRANSFER FROM*')
expect_rc 0 "$GIG" txn show "$to"
expect_in "$T/out" "transfer   #$from in Savings"
"$GIG" txn show "$from" --json >"$T/show.json" || fail "txn show --json"
python3 - "$T/show.json" "$to" <<'PY' || fail "txn show --json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["transfer"] == {"txn_id": int(sys.argv[2]), "account": "Checking"}, d["transfer"]
p = d["provenance"]
assert p["line"] == 2 and p["file"].endswith("s.csv") and p["batch_id"] == 2, p
assert p["record"] == "2026-11-12,TRANSFER FROM CHECKING,50.00", p
# Savings: 50 - 30 + 50 = 70.00
assert d["balance_minor"] == 7000 and d["amount_minor"] == 5000, d
PY
expect_rc 0 "$GIG" log 250 "Label Inc" -s sync --paid -d 2026-11-13
gid=$(ids_of --payee 'label inc')
expect_rc 0 "$GIG" txn show "$gid" --json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["gig"]["id"] == 1 and d["gig"]["status"] == "paid" and d["gig"]["client"] == "Label Inc", d
assert d["provenance"] is None and d["category"] == "Income: Sync", d' "$T/out" ||
	fail "txn show of a gig payment"
finish
