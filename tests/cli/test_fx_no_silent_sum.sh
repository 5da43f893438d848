# test_fx_no_silent_sum.sh: no report adds amounts of two currencies without a rate
# (issue 14).  A EUR ledger with a EUR checking account, a USD PayPal account and a GBP
# royalty receivable, and NO rates: every report either leaves the foreign amounts
# out with a visible note naming the rate to import, or converts; none adds them.
# Then with rates the runway's cash is the hand-computed converted sum.
#
# The books (today 2026-11-24):
#   Checking EUR: opening 2,000.00 (2026-01-01); each month Jun..Nov +1,500.00 income,
#     -900.00 rent  -> 2,000.00 + 6 x 600.00 = 5,600.00 EUR
#   PayPal USD: opening 1,000.00; each month +400.00, -50.00 -> 1,000.00 + 6 x 350.00
#     = 3,100.00 USD
#   PRS: a GBP 800.00 royalty invoice (2026-11-01), open
# EUR-only figures: cash 5,600.00 (560000); any sum with the USD or GBP unconverted
# would show 8,700.00 (5,600 + 3,100) or 6,400.00 (5,600 + 800).
# With 1 USD = 0.90 EUR (2026-05-01), 0.80 (2026-10-15) and 1 GBP = 1.15 EUR
# (2026-11-02): cash = 5,600.00 + 3,100.00 x 0.80 = 5,600.00 + 2,480.00 = 8,080.00;
# the invoice = 800.00 x 1.15 = 920.00 EUR; June income = 1,500.00 + 400.00 x 0.90
# = 1,860.00; October's = 1,500.00 + 400.00 x 0.80 = 1,820.00.
. "$(dirname "$0")/lib.sh"

expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" -q account add Checking --opening 2,000.00 --on 2026-01-01
expect_rc 0 "$GIG" -q account add PayPal --currency USD --opening 1,000.00 --on 2026-01-01
for m in 06 07 08 09 10 11; do
	expect_rc 0 "$GIG" -q earn 1,500.00 "Client EUR" --date 2026-$m-05
	expect_rc 0 "$GIG" -q spend 900.00 Rent -c Rent --date 2026-$m-01
	expect_rc 0 "$GIG" -q earn 400.00 "Beat buyer" --account PayPal --date 2026-$m-10
	expect_rc 0 "$GIG" -q spend 50.00 Plugin --account PayPal --date 2026-$m-12
done
expect_rc 0 "$GIG" -q log 800 PRS -s royalty --currency GBP --date 2026-11-01

# the sums that adding unconverted amounts would give must appear nowhere
no_mixed_sum() {
	for bad in "8,700.00" "6,400.00" "870000" "640000"; do
		if grep -qF -- "$bad" "$1"; then
			fail "$2: $bad (a sum of two currencies) in $(grep -F -- "$bad" "$1" | head -3)"
		fi
	done
}

# runway: EUR cash only, the USD cash, the USD history and the GBP invoice named
expect_rc 0 "$GIG" runway
no_mixed_sum "$T/out" runway
expect_in "$T/out" "5,600.00 EUR"
expect_in "$T/out" "WARNING: USD cash 3,100.00 USD is NOT counted"
expect_in "$T/out" "WARNING: USD income and expenses are NOT in the history"
expect_in "$T/out" "WARNING: NOT counted: invoice #1 (PRS) 800.00 GBP"
expect_in "$T/out" "no GBP->EUR exchange rate"
expect_rc 0 "$GIG" runway --json
no_mixed_sum "$T/out" "runway --json"
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["cash_minor"] == 560000, r["cash_minor"]
assert r["foreign_cash_minor"] == 0
usd = [f for f in r["foreign_cash"] if f["currency"] == "USD"][0]
assert usd["converted"] is False and usd["cash_minor"] == 310000, usd
assert usd["history_converted"] is False and "USD->EUR" in usd["history_warning"], usd
assert r["receivables"] == [], r["receivables"]
assert len(r["fx_left_out"]) == 1 and "800.00 GBP" in r["fx_left_out"][0], r["fx_left_out"]
' "$T/out" || fail "runway JSON without rates"
expect_rc 0 "$GIG" runway --format html
no_mixed_sum "$T/out" "runway html"
expect_in "$T/out" "NOT counted: invoice #1"

# reserve: the same cash, with the same warnings
expect_rc 0 "$GIG" reserve
no_mixed_sum "$T/out" reserve
expect_in "$T/out" "cash 5,600.00"
expect_in "$T/out" "WARNING: 3,100.00 USD is NOT in the cash"
expect_in "$T/out" "WARNING: NOT counted: invoice #1"

# report -M and tax: EUR only, the PayPal account named as left out
expect_rc 0 "$GIG" report -M
no_mixed_sum "$T/out" "report -M"
expect_in "$T/out" "Income and expenses in EUR"
expect_in "$T/out" "Not included (other currencies than EUR"
expect_in "$T/out" "PayPal (USD)"
expect_rc 0 "$GIG" report -M --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["accounts_left_out"] == [{"account": "PayPal", "currency": "USD"}], r
assert r["totals"]["income"]["total_minor"] == 900000, r["totals"]["income"]
' "$T/out" || fail "report -M JSON"
expect_rc 0 "$GIG" -q budget set Rent 1000
expect_rc 0 "$GIG" report -M --budget
no_mixed_sum "$T/out" "report -M --budget"
expect_in "$T/out" "PayPal (USD)"
expect_rc 0 "$GIG" tax
no_mixed_sum "$T/out" tax
expect_in "$T/out" "Not included (accounts in other currencies"
expect_in "$T/out" "PayPal (USD)"
expect_rc 0 "$GIG" tax --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["accounts_left_out"] == [{"account": "PayPal", "currency": "USD"}], r
' "$T/out" || fail "tax JSON"

# balance: no total without the rate, the reason named
expect_rc 0 "$GIG" balance
no_mixed_sum "$T/out" balance
expect_in "$T/out" "not computed"
expect_in "$T/out" "no USD->EUR exchange rate"

# invoices and the register: every amount with its currency
expect_rc 0 "$GIG" invoices
expect_in "$T/out" "800.00 GBP"
expect_rc 0 "$GIG" txn list
expect_in "$T/out" " CUR "
expect_in "$T/out" "400.00 USD"
expect_in "$T/out" "1,500.00 EUR"

# with rates: converted, and the runway's cash is the hand-computed sum
expect_rc 0 "$GIG" -q rates set USD EUR 0.90 --on 2026-05-01
expect_rc 0 "$GIG" -q rates set USD EUR 0.80 --on 2026-10-15
expect_rc 0 "$GIG" -q rates set GBP EUR 1.15 --on 2026-11-02
expect_rc 0 "$GIG" runway --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["cash_minor"] == 808000, r["cash_minor"]
assert r["foreign_cash_minor"] == 248000, r["foreign_cash_minor"]
usd = [f for f in r["foreign_cash"] if f["currency"] == "USD"][0]
assert usd["converted_minor"] == 248000 and usd["rate_on"] == "2026-10-15", usd
assert usd["history_converted"] is True and usd["history_rate_on"] == "2026-05-01", usd
inc = {m["month"]: m["income_minor"] for m in r["months"] if not m["forecast"]}
assert inc["2026-06"] == 186000 and inc["2026-10"] == 182000, inc
rc = r["receivables"]
assert len(rc) == 1 and rc[0]["open_minor"] == 92000 and rc[0]["own_open_minor"] == 80000, rc
assert rc[0]["currency"] == "GBP" and rc[0]["rate_on"] == "2026-11-02", rc
assert r["fx_left_out"] == [], r["fx_left_out"]
' "$T/out" || fail "runway JSON with rates"
expect_rc 0 "$GIG" runway
expect_in "$T/out" "8,080.00 EUR"
expect_in "$T/out" "USD cash 3,100.00 USD is counted as 2,480.00 EUR"
expect_in "$T/out" "invoice #1: 800.00 GBP, counted as 920.00 EUR"
expect_rc 0 "$GIG" balance
expect_in "$T/out" "8,080.00"

finish
