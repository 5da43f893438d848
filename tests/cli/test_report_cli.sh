# test_report_cli.sh: `gig report` and `gig budget` on a small ledger whose figures are
# worked out by hand below, and their failure paths.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 needed"; exit 77; }
check() { [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"; }
# q EXPR ARGS...: evaluates EXPR on the JSON of `gig report ARGS --json` (as d)
q() {
	expr=$1
	shift
	"$GIG" report "$@" --json | python3 -c "import json,sys; d=json.load(sys.stdin); print($expr)"
}
line() { # line SECTION NAME: its amounts_minor and total_minor
	echo "[l['amounts_minor'] + [l['total_minor'], l['average_minor']] for l in d['$1'] if l['name'] == '$2']"
}

expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" report
expect_in "$T/out" "No income or expenses in EUR"
check "empty json" "[]" "$(q "d['periods']")"
expect_rc 0 "$GIG" report --budget
expect_in "$T/out" "No budgets yet"

expect_rc 0 "$GIG" account add Checking --opening 1000
expect_rc 0 "$GIG" earn 2000 "Client A" -c "Income: Mixing" -d 2026-01-05
expect_rc 0 "$GIG" spend 100 Thomann -c Gear -d 2026-01-10
expect_rc 0 "$GIG" spend 900 Landlord -c Rent -d 2026-01-15
expect_rc 0 "$GIG" spend 50 "Unknown shop" -d 2026-01-20
expect_rc 0 "$GIG" earn 500 "Client B" -c "Income: Live" -d 2026-02-03
expect_rc 0 "$GIG" spend 300 Thomann -c Gear -d 2026-02-10
expect_rc 0 "$GIG" earn 40 "Thomann refund" -c Gear -d 2026-02-11
expect_rc 0 "$GIG" spend 900 Landlord -c Rent -d 2026-02-15
expect_rc 0 "$GIG" earn 25 "Mystery" -d 2026-02-20
expect_rc 0 "$GIG" spend 77 "Not yet" --pending -d 2026-02-28
expect_rc 0 "$GIG" spend 100 "To savings" -c Transfer -d 2026-04-01
# Months Jan..Apr (April holds only a transfer).  Income: Jan Mixing 2,000; Feb Live 500
# + uncategorised 25.  Expenses: Jan Gear 100, Rent 900, uncategorised 50 = 1,050; Feb
# Gear 300 - 40 refund = 260, Rent 900 = 1,160.  Pending and transfer rows are neither.
check "periods" "['2026-01', '2026-02', '2026-03', '2026-04']" "$(q "[p['label'] for p in d['periods']]")"
check "mixing" "[[200000, 0, 0, 0, 200000, 50000]]" "$(q "$(line income Mixing)")"
check "live" "[[0, 50000, 0, 0, 50000, 12500]]" "$(q "$(line income Live)")"
check "uncat income" "[[0, 2500, 0, 0, 2500, 625]]" "$(q "$(line income uncategorised)")"
check "gear, refund" "[[10000, 26000, 0, 0, 36000, 9000]]" "$(q "$(line expenses Gear)")"
check "uncat spend" "[[5000, 0, 0, 0, 5000, 1250]]" "$(q "$(line expenses uncategorised)")"
check "no transfer" "[]" "$(q "$(line expenses Transfer)")"
# totals 2,525 / 2,210; averages over 4 months 631.25 / 552.50; net 950, -635 = 315, 78.75
check "income total" "[200000 52500 0 0] 252500 63125" "$(q "d['totals']['income']['amounts_minor'], d['totals']['income']['total_minor'], d['totals']['income']['average_minor']" | tr -d '(),' )"
check "expense total" "[105000 116000 0 0] 221000 55250" "$(q "d['totals']['expenses']['amounts_minor'], d['totals']['expenses']['total_minor'], d['totals']['expenses']['average_minor']" | tr -d '(),')"
check "net" "[95000 -63500 0 0] 31500 7875" "$(q "d['totals']['net']['amounts_minor'], d['totals']['net']['total_minor'], d['totals']['net']['average_minor']" | tr -d '(),')"
# essential: Rent + uncategorised = 950, 900; deductible: Gear = 100, 260
check "essential" "[95000, 90000, 0, 0]" "$(q "d['totals']['essential']['amounts_minor']")"
check "deductible" "[10000, 26000, 0, 0]" "$(q "d['totals']['deductible']['amounts_minor']")"
# quarters: Q1 everything, Q2 nothing; yearly depth 1: one line per section
check "quarters" "['2026-Q1', '2026-Q2'] [252500 0] 126250" "$(q "[p['label'] for p in d['periods']], d['totals']['income']['amounts_minor'], d['totals']['income']['average_minor']" -Q | tr -d '(),' | sed "s/' '/', '/")"
check "depth 1" "['income'] ['expenses']" "$(q "[l['name'] for l in d['income']], [l['name'] for l in d['expenses']]" -Y --depth 1 | tr -d '(),' | sed "s/' '/', '/")"
check "by stream" "['live', 'mixing', 'uncategorised']" "$(q "[l['name'] for l in d['income']]" --by stream)"
check "by account" "[[252500, 221000]]" "$(q "[[l['total_minor'] for l in d[s]][0] for s in ('income', 'expenses')]" --by account | sed 's/^/[/;s/$/]/')"
check "by payee" "[('Landlord', 180000), ('Thomann', 40000), ('Thomann refund', -4000), ('Unknown shop', 5000)]" "$(q "[(l['name'], l['total_minor']) for l in d['expenses']]" --by payee)"
check "period" "['2026-02'] [26000]" "$(q "[p['label'] for p in d['periods']], [l['total_minor'] for l in d['expenses'] if l['name'] == 'Gear']" --period 2026-02 | tr -d '(),' | sed "s/' '/', '/")"
check "from widened" "['2026-01', '2026-02']" "$(q "[p['label'] for p in d['periods']]" --from 2026-01-20 --to 2026-02-02)"

# the table: 80 columns, the figures, pages when wide
expect_rc 0 "$GIG" report -M
expect_in "$T/out" "2,525.00"
expect_in "$T/out" "of which essential"
python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' "$T/out" ||
	fail "report wider than 80"
expect_rc 0 "$GIG" report -M --from 2025-01 --to 2026-04
python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' "$T/out" ||
	fail "paged report wider than 80"
check "pages" 4 "$(grep -c '^Income$' "$T/out")"
expect_rc 0 "$GIG" report -M --format csv
expect_in "$T/out" '"expenses","Gear","100.00","260.00","0.00","0.00","360.00","90.00"'
expect_in "$T/out" '"total","net","950.00","-635.00","0.00","0.00","315.00","78.75"'

# budgets: Gear 200 a month, Rent 1,000, Dining Out 10% of income
expect_rc 0 "$GIG" budget set Gear 200 --monthly
expect_rc 0 "$GIG" budget set Rent 1,000
expect_rc 0 "$GIG" budget set "dining out" --percent 10
expect_rc 0 "$GIG" budget list
expect_in "$T/out" "Gear"
expect_in "$T/out" "10.00% of the income"
check "budget list json" "[('Dining Out', 'percent', 1000), ('Gear', 'monthly', 20000), ('Rent', 'monthly', 100000)]" "$("$GIG" budget list --json | python3 -c '
import json, sys
print([(b["category"], b["kind"], b.get("percent_bp", b.get("monthly_minor"))) for b in json.load(sys.stdin)["budgets"]])')"
# Jan..Feb: Gear budget 200, 200 against 100, 260; Rent 1,000 against 900; Dining Out
# 10% of 2,000 and 525 = 200.00 and 52.50 against 0
b() { q "[(g['budget_amounts_minor'], g['actual_amounts_minor']) for g in d['budgets'] if g['category'] == '$1']" --period 2026-01 --to 2026-02 2>/dev/null; }
check "budget gear" "[([20000, 20000], [10000, 26000])]" "$(q "[(g['budget_amounts_minor'], g['actual_amounts_minor']) for g in d['budgets'] if g['category'] == 'Gear']" --from 2026-01 --to 2026-02)"
check "budget percent" "[([20000, 5250], [0, 0])]" "$(q "[(g['budget_amounts_minor'], g['actual_amounts_minor']) for g in d['budgets'] if g['category'] == 'Dining Out']" --from 2026-01 --to 2026-02)"
check "budget quarter" "[([60000, 60000], [36000, 0])]" "$(q "[(g['budget_amounts_minor'], g['actual_amounts_minor']) for g in d['budgets'] if g['category'] == 'Gear']" -Q)"
expect_rc 0 "$GIG" report --budget --from 2026-01 --to 2026-02
expect_in "$T/out" "2026-02  Gear                         200.00       260.00       -60.00   130%"
expect_in "$T/out" "2026-01  Rent                       1,000.00       900.00       100.00    90%"
expect_in "$T/out" "2026-02  Dining Out                    52.50         0.00        52.50     0%"
expect_in "$T/out" "Total    Gear                         400.00       360.00        40.00    90%"
expect_rc 0 "$GIG" budget set Gear 250
check "replaced" "[25000]" "$(q "[g['monthly_minor'] for g in d['budgets'] if g['category'] == 'Gear']")"
expect_rc 0 "$GIG" budget rm gear
expect_rc 3 "$GIG" budget rm gear
expect_in "$T/err" "'Gear' has no budget"

# failure paths
expect_rc 3 "$GIG" budget set Nope 10
expect_in "$T/err" "unknown category 'Nope'"
expect_rc 3 "$GIG" budget set Transfer 10
expect_rc 3 "$GIG" budget set Gear 0
expect_rc 3 "$GIG" budget set Gear abc
expect_rc 3 "$GIG" budget set Gear 1.234
expect_rc 3 "$GIG" budget set Gear --percent 0
expect_rc 3 "$GIG" budget set Gear --percent 101
expect_rc 3 "$GIG" budget set Gear --percent x
expect_rc 2 "$GIG" budget set Gear 10 --percent 5
expect_rc 2 "$GIG" budget set Gear
expect_rc 2 "$GIG" budget
expect_rc 2 "$GIG" budget frob
expect_rc 3 "$GIG" report --from 2026-13
expect_in "$T/err" "--from: '2026-13' is not a period"
expect_rc 3 "$GIG" report --from 2026-05 --to 2026-04
expect_rc 3 "$GIG" report --currency USD
expect_in "$T/err" "no account is in USD"
expect_rc 3 "$GIG" report --currency EURO
expect_rc 2 "$GIG" report -M -Q
expect_rc 2 "$GIG" report --by color
expect_rc 2 "$GIG" report --depth -1
expect_rc 2 "$GIG" report --format xml
expect_rc 2 "$GIG" report --budget --format csv
expect_rc 2 "$GIG" report --period 2026 --to 2026
expect_rc 3 "$GIG" report --db "$T/none.db"
for c in "report" "budget set" "budget list" "budget rm"; do
	# shellcheck disable=SC2086
	expect_rc 0 "$GIG" $c --help
	expect_in "$T/out" "Example"
	python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' "$T/out" ||
		fail "$c --help wider than 80"
done
finish
