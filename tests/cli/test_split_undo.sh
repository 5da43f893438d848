# test_split_undo.sh: `gig undo` takes back `gig split add` (issue 15 with the change
# log): the split's shares go with it (ON DELETE CASCADE, sql/0022), which the undo
# used to see as "split_shares #1,Alex was changed since" and refuse; redo brings the
# split and its two shares back.  A gig's split, removed with its gig, comes back
# with the gig's undo.
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2024-06-01
expect_rc 0 "$GIG" init --currency USD
expect_rc 0 "$GIG" account add Checking --kind checking --currency USD
expect_rc 0 "$GIG" split add "Low Tide" --with me=50 --with Alex=30 --with Sam=20
expect_rc 0 "$GIG" undo
expect_rc 0 "$GIG" split list --json
python3 - "$T/out" <<'PY' || fail "undo of split add"
import json, sys
assert json.load(open(sys.argv[1]))["splits"] == []
PY
expect_rc 0 "$GIG" redo
expect_rc 0 "$GIG" split list --json
python3 - "$T/out" <<'PY' || fail "redo of split add"
import json, sys
s = json.load(open(sys.argv[1]))["splits"]
assert [x["name"] for x in s[0]["shares"]] == ["me", "Alex", "Sam"], s
PY
expect_rc 0 "$GIG" log 1000 "Echo Hall" --date 2024-05-20 --due 2024-08-15
expect_rc 0 "$GIG" split add "#1" --with me=75 --with Alex=25
expect_rc 0 "$GIG" gig rm 1 --yes
expect_rc 0 "$GIG" undo
expect_rc 0 "$GIG" split list --json
python3 - "$T/out" <<'PY' || fail "gig rm undone"
import json, sys
s = {x["gig_id"]: x for x in json.load(open(sys.argv[1]))["splits"]}
assert [(x["name"], x["amount_minor"]) for x in s[1]["shares"]] == [("me", 75000), ("Alex", 25000)], s
PY
expect_rc 0 "$GIG" undo
expect_rc 0 "$GIG" split list --json
python3 - "$T/out" <<'PY' || fail "undo of the gig's split add"
import json, sys
assert [x["work"] for x in json.load(open(sys.argv[1]))["splits"]] == ["Low Tide"]
PY
# a statement's lines go with it too (sql/0020): the undo of `gig statements import`
# used to stop at "royalty_lines #1 was changed since"
expect_rc 0 "$GIG" statements import "$GIG_TEST_DATA/statements/distrokid.tsv"
expect_rc 0 "$GIG" undo
expect_rc 0 "$GIG" statements list --json
python3 - "$T/out" <<'PY' || fail "undo of statements import"
import json, sys
assert json.load(open(sys.argv[1]))["statements"] == []
PY
expect_rc 0 "$GIG" redo
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "redo of statements import"
import json, sys
p = json.load(open(sys.argv[1]))["payers"]
assert [(x["payer"], x["earned"]) for x in p] == [("DistroKid", "3.64")], p
PY
finish
