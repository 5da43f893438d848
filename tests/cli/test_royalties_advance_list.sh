# test_royalties_advance_list.sh: `gig advance list [--json]`: each advance and how
# far the payer's statements have recouped it (issue 15).
#
# Sync Co (USD): advance A 10.00 on 2024-01-05, advance B 4.00 on 2024-03-01;
# statements January 3.00, February 4.00, March 5.00.
# By hand, oldest advance first: A takes January's 3.00, February's 4.00 and 3.00
# of March's 5.00: recouped 10.00 by the March statement, nothing left.  B counts
# periods from March on: the 2.00 left of March: recouped 2.00, 2.00 left, not yet.
# Together: 14.00 advanced, 12.00 recouped, 2.00 unrecouped, owed 0.00 (as
# gig royalties says).  Label X (GBP): 50.00 on 2024-02-10, no statements: 0.00
# recouped, 50.00 left.  Payers by name: Label X first.
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2024-04-20
stmt() { # stmt FILE DATE AMOUNT
	printf 'date,paid to,item type,item name,currency,amount you received,net amount\n' >"$1"
	printf '%s,bank,track,Night Drive,USD,%s,%s\n' "$2" "$3" "$3" >>"$1"
}
expect_rc 0 "$GIG" init --currency USD
expect_rc 0 "$GIG" advance list
expect_in "$T/out" "No advances."
expect_rc 0 "$GIG" advance add "Sync Co" 10.00 --on 2024-01-05 --currency USD
expect_rc 0 "$GIG" advance add "Sync Co" 4.00 --on 2024-03-01 --currency USD
expect_rc 0 "$GIG" advance add "Label X" 50 --on 2024-02-10 --currency GBP
stmt "$T/jan.csv" 2024-01-20 3.00
stmt "$T/feb.csv" 2024-02-20 4.00
stmt "$T/mar.csv" 2024-03-20 5.00
for f in jan feb mar; do
	expect_rc 0 "$GIG" statements import "$T/$f.csv" --payer "Sync Co"
done

expect_rc 0 "$GIG" advance list --json
python3 - "$T/out" <<'PY' || fail "advance list --json: $(cat "$T/out")"
import json, sys
a = json.load(open(sys.argv[1]))["advances"]
got = [(x["payer"], x["currency"], x["amount_minor"], x["received_on"], x["recouped_minor"],
        x["unrecouped_minor"], x["recouped_month"]) for x in a]
assert got == [("Label X", "GBP", 5000, "2024-02-10", 0, 5000, None),
               ("Sync Co", "USD", 1000, "2024-01-05", 1000, 0, "2024-03"),
               ("Sync Co", "USD", 400, "2024-03-01", 200, 200, None)], got
assert all(isinstance(x["id"], int) for x in a), a
PY
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "royalties agree"
import json, sys
p = json.load(open(sys.argv[1]))["payers"][0]
assert (p["advance"], p["recouped"], p["unrecouped"], p["owed"]) == \
       ("14.00", "12.00", "2.00", "0.00"), p
PY
expect_rc 0 "$GIG" advance list
grep -E 'Sync Co +2024-01-05 USD +10\.00 +10\.00 +0\.00 2024-03' "$T/out" >/dev/null ||
	fail "advance list: $(cat "$T/out")"
grep -E 'Sync Co +2024-03-01 USD +4\.00 +2\.00 +2\.00 not yet' "$T/out" >/dev/null ||
	fail "advance list: $(cat "$T/out")"
expect_rc 0 "$GIG" advance
expect_in "$T/out" "Label X"
finish
