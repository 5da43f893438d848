# test_fx_balance.sh: money in two currencies (issue 14).  `gig balance` totals in the
# base currency at the latest rate on or before today, and gives no total without a
# rate; the runway counts the USD cash converted at the as-of rate, or warns and leaves
# it out.  Figures: 600.00 USD / 1.08 (1 EUR = 1.08 USD) = 555.555... -> 555.56 EUR;
# with 1,000.00 EUR that is 1,555.56 EUR.
. "$(dirname "$0")/lib.sh"

expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking --opening 1000 --on 2026-01-01
expect_rc 0 "$GIG" account add PayPal --currency USD --opening 600 --on 2026-01-01

# no rate yet: no total, and the USD stays out of the runway with a warning
expect_rc 0 "$GIG" balance
expect_in "$T/out" "Total in EUR: not computed:"
expect_in "$T/out" "no USD->EUR exchange rate on or before 2026-11-24"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/out" || fail "balance wider than 80"
expect_rc 0 "$GIG" balance --json
python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["total"]
assert t["total_minor"] is None and t["total"] is None, t
assert "no USD->EUR" in t["missing"], t
' "$T/out" || fail "balance JSON without a rate"
expect_rc 0 "$GIG" runway
expect_in "$T/out" "WARNING: USD cash 600.00 USD is NOT counted"
expect_rc 0 "$GIG" runway --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["cash_minor"] == 100000, r["cash_minor"]
f = r["foreign_cash"]
assert len(f) == 1 and f[0]["converted"] is False and f[0]["converted_minor"] is None, f
assert f[0]["cash_minor"] == 60000, f
' "$T/out" || fail "runway JSON without a rate"

# with a rate: the total and the runway cash are 1,555.56 EUR
expect_rc 0 "$GIG" rates set EUR USD 1.08 --on 2026-04-10
expect_rc 0 "$GIG" balance
expect_in "$T/out" "Total (converted)                               1,555.56  EUR"
expect_in "$T/out" "PayPal 600.00 USD = 555.56 EUR at 1 EUR = 1.08 USD on 2026-04-10"
expect_rc 0 "$GIG" balance --json
python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["total"]
assert t["total_minor"] == 155556 and t["total"] == "1555.56" and t["missing"] is None, t
c = t["conversions"]
assert len(c) == 1 and c[0]["converted_minor"] == 55556, c
assert c[0]["rate_on"] == "2026-04-10", c
' "$T/out" || fail "balance JSON with a rate"
expect_rc 0 "$GIG" runway --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["cash_minor"] == 155556 and r["foreign_cash_minor"] == 55556, r["cash_minor"]
assert r["assumptions"]["exchange_rates"][0]["rate_on"] == "2026-04-10"
' "$T/out" || fail "runway JSON with a rate"
expect_rc 0 "$GIG" runway
expect_in "$T/out" "USD cash 600.00 USD is counted as 555.56 EUR"
expect_in "$T/out" "Cash (checking, savings, cash)       1,555.56 EUR"

# the hledger export carries the rates as P directives: hledger -X EUR agrees
expect_rc 0 "$GIG" export --format hledger -o "$T/j.journal"
expect_in "$T/j.journal" "P 2026-04-10 EUR 1.08 USD"
if command -v hledger >/dev/null 2>&1; then
	hledger -f "$T/j.journal" balance -X EUR assets -O csv >"$T/h.csv" 2>"$T/h.err" ||
		fail "hledger failed: $(cat "$T/h.err")"
	expect_in "$T/h.csv" '"total","1555.56 EUR"'
else
	echo "note: no hledger, the -X EUR check is skipped" >&2
fi

# invoices: each amount with its currency once the ledger has two
expect_rc 0 "$GIG" log 1200 "Sync Library Partners" --stream sync --currency USD
expect_rc 0 "$GIG" log 400 "Blue Room" --stream mixing
expect_rc 0 "$GIG" invoices
expect_in "$T/out" "1,200.00 USD"
expect_in "$T/out" "400.00 EUR"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/out" || fail "invoices wider than 80"

# one currency: a plain total, no conversions, no currency in the invoices
export GIG_DB="$T/one.db"
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking --opening 1000 --on 2026-01-01
expect_rc 0 "$GIG" account add Savings --kind savings --opening 250.50 --on 2026-01-01
expect_rc 0 "$GIG" balance
expect_in "$T/out" "Total                                           1,250.50  EUR"
if grep -q "converted" "$T/out"; then fail "a one-currency total says converted"; fi
expect_rc 0 "$GIG" log 400 "Blue Room" --stream mixing
expect_rc 0 "$GIG" invoices
expect_in "$T/out" "400.00 2026-12-24"
if grep -q "EUR" "$T/out"; then fail "a one-currency invoice table shows the currency"; fi
finish
