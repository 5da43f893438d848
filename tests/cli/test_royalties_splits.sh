# test_royalties_splits.sh: `gig split add|list|rm`; a collaborator's share of a
# royalty or a fee is a payable (gig royalties, gig runway), not income (issue 15).
#
# tests/data/statements/distrokid.tsv, "Low Tide" (ISRC QZABC2400002), by hand from
# the file's bytes: 0.91449339 + 0.1976334 + 0.4929717 + 1.00098015 = 2.60607864 USD
# (Cafe Noir 1.02892136; the statement 3.635 -> 3.64).
# Split me=50, Alex=30, Sam=20: the collaborators' 50 % of each line, floored to the
# pico-unit: 0.457246695 + 0.0988167 + 0.24648585 + 0.500490075 = 1.30303932 -> 1.30
# owed out of the 3.64 DistroKid owes.  gig split list shows the shares of the
# work's 2.61 (2.60607864 rounded): me 1.305 -> 1.31, Alex 0.783 -> 0.78,
# Sam 0.5212 -> 0.52 (half away from zero).
# DistroKid (shipped calendar: monthly on the 15th, 75 days' lag): February's
# earnings are payable from 14 May, so the 3.64 is paid 15 June; as of 1 June the
# first forecast month is July, where it lands with the 1.30 owed out.
# Gig split: a 1,000.00 gig, me=75 Alex=25: 250.00 owed out in the month the
# invoice is expected (due 2024-08-15: August).
. "$(dirname "$0")/lib.sh"
D="$GIG_TEST_DATA/statements"
export GIG_TODAY=2024-06-01

expect_rc 0 "$GIG" init --currency USD
expect_rc 0 "$GIG" account add Checking --kind checking --currency USD
expect_rc 0 "$GIG" earn 2000 "Blue Room" --account Checking --date 2024-04-10
expect_rc 0 "$GIG" spend 300 "Landlord" --account Checking --date 2024-04-01
expect_rc 0 "$GIG" spend 300 "Landlord" --account Checking --date 2024-05-01
expect_rc 0 "$GIG" statements import "$D/distrokid.tsv"

# the shares must add up to 100, the producer's own included
expect_rc 3 "$GIG" split add "Low Tide" --with Alex=30 --with Sam=20
expect_in "$T/err" "the shares add up to 50.00 %, not 100 %"
expect_rc 3 "$GIG" split add "Low Tide" --with me=50 --with Alex=30 --with Sam=30
expect_in "$T/err" "the shares add up to 110.00 %, not 100 %"
expect_rc 3 "$GIG" split add "Low Tide" --with me=50 --with Alex
expect_in "$T/err" "'Alex' is not NAME=PCT"
expect_rc 3 "$GIG" split add "Low Tide" --with me=50 --with alex=25 --with Alex=25
expect_in "$T/err" "has two shares"
expect_rc 2 "$GIG" split add "Low Tide"
expect_in "$T/err" "--with NAME=PCT"
expect_rc 0 "$GIG" split add "Low Tide" --with me=50 --with Alex=30 --with Sam=20 --json
expect_in "$T/out" '"id" : 1'
expect_rc 3 "$GIG" split add "low tide" --with me=100
expect_in "$T/err" "already has a split"

expect_rc 0 "$GIG" split list --json
python3 - "$T/out" <<'PY' || fail "split list"
import json, sys
s = json.load(open(sys.argv[1]))["splits"]
assert len(s) == 1 and s[0]["work"] == "Low Tide" and s[0]["gig_id"] is None, s
assert s[0]["currency"] == "USD" and s[0]["base_minor"] == 261, s
got = [(x["name"], x["percent"], x["self"], x["amount_minor"]) for x in s[0]["shares"]]
assert got == [("me", "50.00", True, 131), ("Alex", "30.00", False, 78),
               ("Sam", "20.00", False, 52)], got
PY

# the royalties view: 1.30 of what DistroKid owes goes on to Alex and Sam
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "royalties with a split"
import json, sys
p = {x["payer"]: x for x in json.load(open(sys.argv[1]))["payers"]}["DistroKid"]
assert p["owed"] == "3.64" and p["collaborators_share"] == "1.30", p
assert p["payable"] == "1.30", p
PY
expect_rc 0 "$GIG" royalties
expect_in "$T/out" "collaborators' shares (gig split): 1.30 of the earnings, 1.30 of what is owed"

# a gig's split: a quarter of the open 1,000.00 is owed out when it is paid
expect_rc 0 "$GIG" log 1000 "Echo Hall" --date 2024-05-20 --due 2024-08-15
expect_rc 3 "$GIG" split add 99 --with me=100
expect_in "$T/err" "no gig 99"
expect_rc 0 "$GIG" split add "#1" --with me=75 --with Alex=25

expect_rc 0 "$GIG" runway --as-of 2024-06-01 --ahead 3 --json
python3 - "$T/out" <<'PY' || fail "runway payables"
import json, sys
j = json.load(open(sys.argv[1]))
fc = {m["month"]: m for m in j["months"] if m["forecast"]}
assert list(fc) == ["2024-07", "2024-08", "2024-09"], list(fc)
assert fc["2024-07"]["royalties_minor"] == 364 and fc["2024-07"]["payables_minor"] == 130
assert fc["2024-08"]["receivables_minor"] == 100000 and fc["2024-08"]["payables_minor"] == 25000
assert fc["2024-09"]["payables_minor"] == 0 and fc["2024-09"]["royalties_minor"] == 0
# owed out is on top of the usual expenses (September has neither)
usual = fc["2024-09"]["expense_minor"]
assert fc["2024-07"]["expense_minor"] == usual + 130, fc
assert fc["2024-08"]["expense_minor"] == usual + 25000, fc
assert j["receivables"][0]["payable_minor"] == 25000, j["receivables"]
assert j["royalties"]["payouts"][0]["payable_minor"] == 130, j["royalties"]
PY
expect_rc 0 "$GIG" runway --as-of 2024-06-01 --ahead 3
grep -E '^DistroKid +2024-06-15 +3\.64 +1\.30' "$T/out" >/dev/null || fail "text: $(cat "$T/out")"

expect_rc 0 "$GIG" split list
expect_in "$T/out" "gig 1  (fee USD 1,000.00)"
expect_in "$T/out" "Alex                       25.00 %         250.00  payable"
expect_rc 0 "$GIG" split rm 2
expect_rc 3 "$GIG" split rm 2
expect_in "$T/err" "no split 2"
expect_rc 0 "$GIG" runway --as-of 2024-06-01 --ahead 3 --json
python3 - "$T/out" <<'PY' || fail "after split rm"
import json, sys
fc = {m["month"]: m for m in json.load(open(sys.argv[1]))["months"] if m["forecast"]}
assert fc["2024-08"]["payables_minor"] == 0, fc["2024-08"]
PY

for c in "split" "split add" "split list" "split rm" "advance" "advance add"; do
	# shellcheck disable=SC2086
	expect_rc 0 "$GIG" $c --help
	expect_in "$T/out" "gig "
	grep -v '^Global options\|^Exit status' "$T/out" | awk 'length > 80 { exit 1 }' ||
		fail "'$c --help' is wider than 80 columns"
done
expect_rc 0 "$GIG" --help
grep -E '^  (split|advance) ' "$T/out" | awk 'length > 80 { exit 1 }' ||
	fail "the command list's split/advance lines are wider than 80 columns"
finish
