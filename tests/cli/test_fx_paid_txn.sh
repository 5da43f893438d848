# test_fx_paid_txn.sh: `gig paid ID --txn N` with a row of an account in another
# currency than the gig's (issue 14) says the tax set-aside in the receipt's
# currency.  By hand: a 1,500.00 USD gig invoiced 2026-01-10 at 1 USD = 0.92 EUR is
# worth 1,380.00 EUR; the row 1,352.00 EUR keeps 1,380.00 in the stream and -28.00
# in FX gain/loss; the flat 25 % of the 1,380.00 receipt is 345.00 EUR (not USD).
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2026-03-01
expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add Checking --kind checking --currency EUR
expect_rc 0 "$GIG" rates set USD EUR 0.92 --on 2026-01-01
expect_rc 0 "$GIG" log 1500 "Acme" --currency USD --date 2026-01-10 --due 2026-02-10
printf 'Date,Description,Amount\n2026-02-12,ZZZ PAYMENT,1352.00\n' >"$T/c.csv"
expect_rc 0 "$GIG" import "$T/c.csv" --account Checking
expect_rc 0 "$GIG" paid 1 --txn 1
expect_in "$T/err" "Move 345.00 EUR to the tax reserve"
grep -q "USD to the tax reserve" "$T/err" && fail "set-aside labelled USD: $(cat "$T/err")"
expect_rc 0 "$GIG" txn list --json
python3 - "$T/out" <<'PY' || fail "the split receipt"
import json, sys
t = sorted((x["amount_minor"], x["category"]) for x in json.load(open(sys.argv[1]))["transactions"])
assert t == [(-2800, "FX gain/loss"), (138000, "Income: Other")], t
PY
finish
