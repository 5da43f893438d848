# test_royalties_cli.sh: `gig statements import`, `gig royalties [--by] [--json]` and
# `gig royalties match` end to end on the synthetic statements in tests/data/statements
# (totals summed by hand in tests/test_royalty.c), with a user payer calendar
# overriding the shipped one, and the real sample files in ../shared when present.
. "$(dirname "$0")/lib.sh"
D="$GIG_TEST_DATA/statements"
export GIG_TODAY=2024-06-01

expect_rc 0 "$GIG" init --currency USD
expect_rc 0 "$GIG" royalties
expect_in "$T/out" "No statements"

expect_rc 0 "$GIG" statements import "$D/distrokid.tsv"
expect_in "$T/out" "7 lines (7 new), USD 3.64 earned (exact 3.635000000000), 2024-01..2024-02"
expect_rc 0 "$GIG" statements import "$D/distrokid.tsv"
expect_in "$T/out" "all imported before; nothing added"
expect_rc 0 "$GIG" statements import "$D/tunecore.csv" --json
python3 - "$T/out" <<'PY' || fail "tunecore JSON"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["format"] == "tunecore" and j["payer"] == "TuneCore", j
assert j["total"] == "3.48" and j["exact_total"] == "3.475000000000", j
assert j["lines"] == 5 and j["new_lines"] == 5, j
assert j["first_month"] == "2024-01" and j["last_month"] == "2024-02", j
PY

expect_rc 0 "$GIG" statements list --json
python3 - "$T/out" <<'PY' || fail "statements list"
import json, sys
s = json.load(open(sys.argv[1]))["statements"]
assert [(x["payer"], x["lines"], x["total"], x["exact_total"]) for x in s] == [
    ("DistroKid", 7, "3.64", "3.635000000000"), ("TuneCore", 5, "3.48", "3.475000000000")], s
assert s[0]["file"] == "distrokid.tsv" and len(s[0]["sha256"]) == 64, s
PY

# malformed: FILE:LINE, exit 3, nothing written
expect_rc 3 "$GIG" statements import "$D/distrokid-bad.tsv" --payer Other
expect_in "$T/err" "distrokid-bad.tsv:4: '0.9l449339' is not an amount"
printf 'Date,Amount\n2024-01-01,1.00\n' >"$T/bank.csv"
expect_rc 3 "$GIG" statements import "$T/bank.csv"
expect_in "$T/err" "bank.csv:1: not a statement gig knows"
expect_rc 2 "$GIG" statements import
expect_rc 0 "$GIG" statements list
expect_in "$T/out" "   2 2024-06-01 TuneCore       USD  2024-01..2024-02      5        3.48  tunecore.csv"
[ "$(wc -l <"$T/out")" = 3 ] || fail "refused statements were listed: $(cat "$T/out")"
expect_rc 2 "$GIG" royalties --by colour

# PRS-like user calendar: quarterly (Apr, Jul, Oct, Dec), GBP 30 minimum, overriding
# the shipped prs.ini; 12.00 earned in January rolls over April (under the minimum)
mkdir -p "$XDG_CONFIG_HOME/gigledger/payers"
cat >"$XDG_CONFIG_HOME/gigledger/payers/prs.ini" <<'INI'
[payer]
name=PRS
currency=GBP
cadence=quarterly
months=4;7;10;12
day=15
lag-days=30
minimum=30.00
INI
printf 'date,paid to,item type,item name,currency,amount you received,net amount\n' >"$T/prs1.csv"
printf '2024-01-20,bank,track,Low Tide,GBP,12.00,12.00\n' >>"$T/prs1.csv"
expect_rc 0 "$GIG" statements import "$T/prs1.csv" --payer PRS
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "PRS under the minimum"
import json, sys
p = {x["payer"]: x for x in json.load(open(sys.argv[1]))["payers"]}
prs = p["PRS"]
assert prs["owed"] == "12.00" and prs["calendar"] is True, prs
assert prs["next_payout_on"] is None and prs["next_payout"] is None, prs
dk = p["DistroKid"]
# DistroKid (shipped calendar: monthly on the 15th, 75 days' lag): February's
# earnings are payable from May 14, so June 15 pays all 3.64
assert dk["owed"] == "3.64" and dk["next_payout_on"] == "2024-06-15", dk
assert dk["next_payout"] == "3.64" and dk["last_period"] == "2024-02", dk
PY
printf 'date,paid to,item type,item name,currency,amount you received,net amount\n' >"$T/prs2.csv"
printf '2024-05-02,bank,track,Cafe Noir,GBP,20.00,20.00\n' >>"$T/prs2.csv"
expect_rc 0 "$GIG" statements import "$T/prs2.csv" --payer PRS
expect_rc 0 "$GIG" royalties
expect_in "$T/out" "PRS              GBP        32.00        0.00       32.00 2024-05 2024-07-15       32.00"

# a payout deposit matched to DistroKid lowers what it owes
expect_rc 0 "$GIG" account add Checking --kind checking --currency USD
expect_rc 0 "$GIG" earn 3.64 "DISTROKID PAYOUT" --account Checking --date 2024-05-20
expect_rc 0 "$GIG" royalties match
expect_in "$T/out" "Matched 1 payout."
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "after the payout"
import json, sys
p = {x["payer"]: x for x in json.load(open(sys.argv[1]))["payers"]}
assert p["DistroKid"]["paid"] == "3.64" and p["DistroKid"]["owed"] == "0.00", p
PY
expect_rc 0 "$GIG" royalties --by store
expect_in "$T/out" "Spotify"
expect_rc 0 "$GIG" royalties --by country --json
expect_in "$T/out" '"by" : "country"'

# `gig import` given a statement records it the same way, and says so
expect_rc 0 "$GIG" import "$D/cdbaby.tsv" --dry-run
expect_in "$T/err" "is a cdbaby royalty statement, not a bank export: would record"
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "a dry run recorded something"
import json, sys
assert "CD Baby" not in {x["payer"] for x in json.load(open(sys.argv[1]))["payers"]}
PY
expect_rc 0 "$GIG" import "$D/cdbaby.tsv"
expect_in "$T/err" "is a cdbaby royalty statement, not a bank export: recording"
expect_in "$T/out" "5 lines (5 new), USD 5.55 earned (exact 5.545000000000)"
expect_rc 0 "$GIG" import "$D/cdbaby.tsv" --json
expect_in "$T/out" '"new_lines" : 0'
expect_rc 0 "$GIG" royalties
expect_in "$T/out" "CD Baby          USD         5.55        0.00        5.55 2024-03 under min"
# a bank export still goes to the bank importer
printf 'Date,Amount,Payee\n2024-05-21,-12.00,Coffee\n' >"$T/bank2.csv"
expect_rc 0 "$GIG" import "$T/bank2.csv" --account Checking
expect_in "$T/out" "1"

# --help texts fit 80 columns and carry examples
for c in "statements import" "statements list" "royalties" "royalties match" "statements"; do
	# shellcheck disable=SC2086
	expect_rc 0 "$GIG" $c --help
	expect_in "$T/out" "gig "
	# (the shared "Global options"/"Exit status" lines of every command aside)
	grep -v '^Global options\|^Exit status' "$T/out" | awk 'length > 80 { exit 1 }' ||
		fail "'$c --help' is wider than 80 columns"
done

expect_rc 0 "$GIG" --help
grep -E '^  (statements|royalties) ' "$T/out" | awk 'length > 80 { exit 1 }' ||
	fail "the command list's royalty lines are wider than 80 columns"

# real sample statements (kept outside the repository) when present
SHARED="$(dirname "$0")/../../../shared/statements"
if [ -d "$SHARED" ]; then
	for f in "$SHARED"/*.tsv "$SHARED"/*.csv; do
		[ -f "$f" ] || continue
		expect_rc 0 "$GIG" statements import "$f" --payer "sample $(basename "$f")"
	done
fi
finish
