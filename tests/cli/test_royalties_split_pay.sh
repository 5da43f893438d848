# test_royalties_split_pay.sh: `gig split pay` records paying a collaborator, so
# what is owed to them goes down; `gig split list` and `gig royalties` show share,
# paid and owed per collaborator (issue 15).
#
# PRS statements: "Night Drive" 100.00, "Low Tide" 33.33 (GBP).
# Splits: Night Drive me=50 Alex=30 Sam=20; Low Tide me=70 Alex=30.
# By hand: Alex 30% of 100.00 = 30.00, plus 30% of 33.33 = 9.999 -> 10.00 (half
# away from zero): share 40.00.  Sam 20% of 100.00 = 20.00.
# Paid: Alex 25.00 from Checking (an expense of -25.00 there), Sam 20.00 noted
# without an account.  Owed: Alex 40.00 - 25.00 = 15.00, Sam 0.00.
# `gig undo` takes back Sam's payment: Sam owed 20.00 again.
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2025-08-01
stmt() { # stmt FILE DATE TITLE AMOUNT
	printf 'date,paid to,item type,item name,currency,amount you received,net amount\n' >"$1"
	printf '%s,bank,track,%s,GBP,%s,%s\n' "$2" "$3" "$4" "$4" >>"$1"
}
expect_rc 0 "$GIG" init --currency GBP
expect_rc 0 "$GIG" account add Checking --kind checking --currency GBP
stmt "$T/s1.csv" 2025-03-10 "Night Drive" 100.00
stmt "$T/s2.csv" 2025-04-10 "Low Tide" 33.33
expect_rc 0 "$GIG" statements import "$T/s1.csv" --payer PRS
expect_rc 0 "$GIG" statements import "$T/s2.csv" --payer PRS
expect_rc 0 "$GIG" split add "Night Drive" --with me=50 --with Alex=30 --with Sam=20
expect_rc 0 "$GIG" split add "Low Tide" --with me=70 --with Alex=30

collab() { # collab CMD... : the collaborators as (name, share, paid, owed, payments)
	expect_rc 0 "$GIG" "$@" --json
	python3 - "$T/out" <<'PY'
import json, sys
for c in json.load(open(sys.argv[1]))["collaborators"]:
    print(c["name"], c["currency"], c["share_minor"], c["paid_minor"], c["owed_minor"],
          c["payments"])
PY
}
[ "$(collab split list)" = "Alex GBP 4000 0 4000 0
Sam GBP 2000 0 2000 0" ] || fail "before paying: $(collab split list)"

expect_rc 0 "$GIG" split pay Alex 25.00 --on 2025-07-01 --account Checking
expect_in "$T/out" "Paid GBP 25.00 to Alex on 2025-07-01 (transaction"
expect_in "$T/out" "still owed to them: GBP 15.00."
expect_rc 0 "$GIG" split pay sam 20 --json
python3 - "$T/out" <<'PY' || fail "split pay --json: $(cat "$T/out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["name"] == "Sam" and j["currency"] == "GBP" and j["amount_minor"] == 2000, j
assert j["txn_id"] is None and j["owed_minor"] == 0 and j["on"] == "2025-08-01", j
PY
[ "$(collab split list)" = "Alex GBP 4000 2500 1500 1
Sam GBP 2000 2000 0 1" ] || fail "split list after paying: $(collab split list)"
[ "$(collab royalties)" = "Alex GBP 4000 2500 1500 1
Sam GBP 2000 2000 0 1" ] || fail "royalties after paying: $(collab royalties)"

# the text tables
expect_rc 0 "$GIG" split list
grep -E '^Alex +GBP +40\.00 +25\.00 +15\.00$' "$T/out" >/dev/null || fail "split list: $(cat "$T/out")"
expect_rc 0 "$GIG" royalties
grep -E '^Sam +GBP +20\.00 +20\.00 +0\.00$' "$T/out" >/dev/null || fail "royalties: $(cat "$T/out")"

# the booked expense: -25.00 in Checking
expect_rc 0 "$GIG" balance --json
python3 - "$T/out" <<'PY' || fail "balance: $(cat "$T/out")"
import json, sys
j = json.load(open(sys.argv[1]))
acc = {a["name"]: a for a in j["accounts"]}
assert acc["Checking"]["balance_minor"] == -2500, acc
PY

# a name no split carries, your own share, no amount
expect_rc 3 "$GIG" split pay Bob 5
expect_in "$T/err" "no split has a share for 'Bob'"
expect_rc 3 "$GIG" split pay me 5
expect_rc 3 "$GIG" split pay Alex 0

# undo takes back the last payment (Sam's)
expect_rc 0 "$GIG" undo
[ "$(collab split list)" = "Alex GBP 4000 2500 1500 1
Sam GBP 2000 0 2000 0" ] || fail "after undo: $(collab split list)"
finish
