# test_fx_paid.sh: `gig paid ID --received AMOUNT` (issue 14): a USD gig paid into a
# EUR account.  USD 1,500.00 invoiced 2026-03-02; 1 USD = 0.92 EUR on 2026-03-01 (and
# 0.95 on 2026-03-20, newer than the invoice: not used) -> worth 1,380.00 EUR;
# 1,380.50 EUR received on 2026-03-25 -> realised gain 0.50 EUR.  Then undo.
. "$(dirname "$0")/lib.sh"

expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" -q account add Checking
expect_rc 0 "$GIG" -q log 1500 "Sync House" -s sync --currency USD --date 2026-03-02
# no rate yet: refused, naming what to import, nothing recorded
expect_rc 3 "$GIG" paid 1 --account Checking --received 1,380.50 --on 2026-03-25
expect_in "$T/err" "gig rates import"
expect_rc 0 "$GIG" -q rates set USD EUR 0.92 --on 2026-03-01
expect_rc 0 "$GIG" -q rates set USD EUR 0.95 --on 2026-03-20
expect_rc 0 "$GIG" paid 1 --account Checking --received 1,380.50 --on 2026-03-25 --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
want = {"gig_id": 1, "status": "paid", "open_minor": 0, "currency": "USD",
        "paid_minor": 150000}
for k, v in want.items():
    assert r[k] == v, (k, r[k], v)
# the receipt side, in its own currency (docs/json.md: gig paid)
rc = r["received"]
want = {"amount_minor": 138050, "currency": "EUR", "expected_minor": 138000,
        "fx_gain_minor": 50, "rate_on": "2026-03-01"}
for k, v in want.items():
    assert rc[k] == v, (k, rc[k], v)
assert "0.92" in rc["rate"], rc["rate"]
' "$T/out" || fail "paid --received JSON"
expect_rc 0 "$GIG" txn list
expect_in "$T/out" "FX gain/loss"
expect_in "$T/out" "1,380.00"
expect_in "$T/out" "0.50"
expect_rc 0 "$GIG" balance
expect_in "$T/out" "1,380.50"
expect_rc 0 "$GIG" invoices --all
expect_in "$T/out" "paid"
# one change: undo puts the gig back open and the account at 0
expect_rc 0 "$GIG" undo
expect_rc 0 "$GIG" invoices
expect_in "$T/out" "1,500.00 USD"
expect_rc 0 "$GIG" balance --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
accts = r["accounts"] if isinstance(r, dict) else r
assert all(a["balance_minor"] == 0 for a in accts), accts
' "$T/out" || fail "balance after undo"
# --received with an account in the gig's own currency is refused
expect_rc 0 "$GIG" -q account add PayPal --currency USD
expect_rc 3 "$GIG" paid 1 --account PayPal --received 1,500.00
expect_in "$T/err" "both in USD"

finish
