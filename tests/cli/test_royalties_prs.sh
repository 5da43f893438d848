# test_royalties_prs.sh: the PRS-style collecting-society layout (issue 15), on the
# synthetic statements tests/data/statements/prs.csv and prs-nocurrency.csv (written
# for these tests; no public PRS sample with a licence was found).
#
# By hand from prs.csv's bytes: 1.234567 + 0.5 + 10.995 + 1,000.00 = 1,012.729567 GBP,
# rounded once to 1,012.73; the periods are "2024-01-01 to 2024-03-31" (dated by
# the range's end: March), "Jan 2024" and "2024-02": 2024-01..2024-03.
# prs-nocurrency.csv has no Currency column (GBP by default) and no ISWC (the tune
# code identifies the work): 0.125 + 0.125 = 0.25, April to June 2024: June.
# By work: Low Tide [ISWC] 1.234567 + 0.5 = 1.734567 -> 1.73; Cafe Noir 10.995 ->
# 11.00 (half away from zero); Night Drive, Part 2 1,000.00; Low Tide [tune code]
# 0.25.  A 40 % split of Night Drive by its ISWC: 400.00 owed on to Kai.
. "$(dirname "$0")/lib.sh"
D="$GIG_TEST_DATA/statements"
export GIG_TODAY=2024-08-01
expect_rc 0 "$GIG" init --currency GBP
expect_rc 0 "$GIG" import "$D/prs.csv" --dry-run
expect_in "$T/err" "is a prs royalty statement, not a bank export"
expect_rc 0 "$GIG" statements import "$D/prs.csv" --json
python3 - "$T/out" <<'PY' || fail "prs.csv"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["format"] == "prs" and j["payer"] == "PRS" and j["currency"] == "GBP", j
assert j["lines"] == 4 and j["new_lines"] == 4, j
assert j["total"] == "1012.73" and j["exact_total"] == "1012.729567000000", j
assert j["first_month"] == "2024-01" and j["last_month"] == "2024-03", j
PY
expect_rc 0 "$GIG" statements import "$D/prs.csv"
expect_in "$T/out" "all imported before; nothing added"
expect_rc 0 "$GIG" statements import "$D/prs-nocurrency.csv" --json
python3 - "$T/out" <<'PY' || fail "prs-nocurrency.csv"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["currency"] == "GBP" and j["total"] == "0.25", j
assert j["exact_total"] == "0.250000000000" and j["last_month"] == "2024-06", j
PY
expect_rc 0 "$GIG" royalties --by work --json
python3 - "$T/out" <<'PY' || fail "by work"
import json, sys
g = {x["key"]: x for x in json.load(open(sys.argv[1]))["groups"]}
assert g["Low Tide [T-123.456.789-0]"]["earned"] == "1.73", g
assert g["Cafe Noir"]["earned"] == "11.00", g
assert g["Night Drive, Part 2 [T-987.654.321-0]"]["earned"] == "1000.00", g
assert g["Low Tide [123456AB]"]["earned"] == "0.25", g
PY
expect_rc 0 "$GIG" split add T-987.654.321-0 --with me=60 --with Kai=40
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "PRS split"
import json, sys
p = json.load(open(sys.argv[1]))["payers"][0]
assert p["payer"] == "PRS" and p["earned"] == "1012.98" and p["owed"] == "1012.98", p
assert p["collaborators_share"] == "400.00" and p["payable"] == "400.00", p
PY
finish
