# test_royalties_fx.sh: a payer in another currency than the report's (issue 14 with
# issue 15): a PRS balance in GBP in a EUR ledger is expected income converted at the
# as-of rate, its payouts into a GBP account leave the fitted income as the report
# currency's do, and without a rate the payer is named, never dropped in silence.
#
# By hand: prs.csv owes 1,012.73 GBP (test_royalties_prs.sh); PRS pays in April, July,
# October and December, so as of 2024-08-01 the next payout is 2024-10-15.  At
# 1 GBP = 1.17 EUR: 1,012.73 x 1.17 = 1,184.8941 -> 1,184.89 EUR in October.
# The payout 1,012.73 GBP on 2024-07-15 into the GBP account (linked by royalties
# match) is 1,184.89 EUR of July's income at July's rate; it leaves the fitted
# series, so the smoothed income is the same as with nothing paid (issue 15's
# "not counted twice"), and nothing is owed any more.
. "$(dirname "$0")/lib.sh"
D="$GIG_TEST_DATA/statements"
export GIG_TODAY=2024-08-01
expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add Checking --kind checking --currency EUR --opening 5000 --on 2024-01-01
expect_rc 0 "$GIG" account add Pounds --kind checking --currency GBP
for m in 02 03 04 05 06 07; do
	expect_rc 0 "$GIG" earn 1000 "Client" --account Checking --date 2024-$m-10
	expect_rc 0 "$GIG" spend 800 Landlord --account Checking --date 2024-$m-01
done
expect_rc 0 "$GIG" statements import "$D/prs.csv"

# no GBP rate: PRS is named in the left-out list, not silently absent
expect_rc 0 "$GIG" runway --json
python3 - "$T/out" <<'PY' || fail "no rate"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["royalties"]["payouts"] == [], j["royalties"]
assert any("PRS" in x and "GBP" in x for x in j["fx_left_out"]), j["fx_left_out"]
PY

expect_rc 0 "$GIG" rates set GBP EUR 1.17 --on 2024-01-01
expect_rc 0 "$GIG" runway --json
cp "$T/out" "$T/before.json"
python3 - "$T/out" <<'PY' || fail "converted payout"
import json, sys
j = json.load(open(sys.argv[1]))
fc = {m["month"]: m for m in j["months"] if m["forecast"]}
assert fc["2024-10"]["royalties_minor"] == 118489, fc["2024-10"]
assert j["royalties"]["owed_minor"] == 118489, j["royalties"]
assert j["royalties"]["payouts"][0]["amount_minor"] == 118489, j["royalties"]
PY

expect_rc 0 "$GIG" earn 1012.73 "PRS" --account Pounds --date 2024-07-15
expect_rc 0 "$GIG" royalties match
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "matched"
import json, sys
p = {x["payer"]: x for x in json.load(open(sys.argv[1]))["payers"]}["PRS"]
assert p["owed"] == "0.00", p
PY
expect_rc 0 "$GIG" runway --json
python3 - "$T/before.json" "$T/out" <<'PY' || fail "fitted without the GBP payout"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sa = [m["smoothed_income_minor"] for m in a["months"] if m["forecast"]]
sb = [m["smoothed_income_minor"] for m in b["months"] if m["forecast"]]
assert sa == sb, (sa, sb)
assert b["royalties"]["left_out_of_fit_minor"] == 118489, b["royalties"]
assert all(m["royalties_minor"] == 0 for m in b["months"] if m["forecast"])
PY
finish
