# test_tax_cli.sh: `gig tax` end to end on the sample ledger with each shipped profile,
# `gig tax set` and its refusals, a user's profile overriding a shipped one, a broken
# profile file, `gig tax set-aside`, and the set-aside line of `gig earn` / `gig paid`.
. "$(dirname "$0")/lib.sh"

LOADER="$(dirname "$GIG")/tests/test_report_sample"
if [ ! -x "$LOADER" ]; then
	echo "skip: $LOADER (the sample loader) is not built" >&2
	exit 77
fi
"$LOADER" --write "$GIG_DB" || { echo "FAIL: loading the sample ledger" >&2; exit 1; }

wide() {
	python3 -c '
import sys
bad = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if len(l) > 80]
print("\n".join(bad)); sys.exit(1 if bad else 0)' "$1"
}

# --help: examples, the disclaimer, 80 columns (the global lines are gig's own)
expect_rc 0 "$GIG" tax --help
expect_in "$T/out" "planning estimates, not tax advice"
expect_in "$T/out" "gig tax set profile uk-2026"
grep -v '^Global options\|^Exit status' "$T/out" >"$T/help"
wide "$T/help" || fail "gig tax --help wider than 80 columns"

# the default flat profile: 25 % of the 2026 profit (income 44,153.67 - deductible
# 7,218.74 = 36,934.93; 25 % = 9,233.7325, up: 9,233.74)
expect_rc 0 "$GIG" tax
expect_in "$T/out" "Tax year 2026, 2026-01-01 to 2026-11-24 (flat)"
expect_in "$T/out" "9,233.74"
expect_in "$T/out" "not tax advice"
wide "$T/out" || fail "gig tax wider than 80 columns"

for p in de-2026 de-2026-ksk uk-2026 us-federal-2026 flat; do
	expect_rc 0 "$GIG" tax set profile "$p"
	expect_rc 0 "$GIG" tax --json
	python3 - "$T/out" "$p" <<'PY' || fail "gig tax --json with $p"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["profile"] == sys.argv[2], r["profile"]
for k in ["year", "start_on", "end_on", "income_minor", "deductible_minor", "profit_minor",
          "estimate", "paid_minor", "reserve_minor", "owed_minor", "payments", "disclaimer",
          "previous_year_due"]:
    assert k in r, k
e = r["estimate"]
assert e["total_minor"] == e["income_tax_minor"] + e["social_minor"] + e["surcharge_minor"]
assert r["profit_minor"] == r["income_minor"] - r["deductible_minor"]
assert r["owed_minor"] == max(0, e["total_minor"] - r["paid_minor"] - r["reserve_minor"])
if sys.argv[2] == "uk-2026":
    assert r["start_on"] == "2026-04-06" and r["end_on"] == "2027-04-05", r["start_on"]
    # 2025/26's balancing payment falls on 31 January 2027, after 24 November
    assert [x["due"] for x in r["previous_year_due"]] in ([], ["2027-01-31"]), r["previous_year_due"]
if sys.argv[2] == "us-federal-2026":
    assert r["us_installments"] is not None and len(r["payments"]) == 4
    assert r["payments"][3]["due"] == "2027-01-15"
PY
	expect_rc 0 "$GIG" tax
	wide "$T/out" || fail "gig tax ($p) wider than 80 columns"
	expect_rc 0 "$GIG" runway
	expect_rc 0 "$GIG" reserve
done

# the runway JSON carries the tax year behind tax_owed_minor
expect_rc 0 "$GIG" runway --json
python3 - "$T/out" <<'PY' || fail "runway tax object"
import json, sys
r = json.load(open(sys.argv[1]))
t = r["tax"]
assert t["profile"] == "flat" and t["year"] == 2026
assert r["tax_owed_minor"] == max(0, t["estimate_minor"] - t["paid_minor"] - r["tax_reserve_minor"])
PY

# a past year: the whole of 2025
expect_rc 0 "$GIG" tax --year 2025 --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["as_of_on"]=="2025-12-31", r["as_of_on"]' "$T/out" || fail "--year 2025"

# refusals: usage 2, input 3; a refused setting leaves the old one
expect_rc 2 "$GIG" tax --year 12
expect_rc 2 "$GIG" tax set colour blue
expect_rc 2 "$GIG" tax set profile
expect_rc 2 "$GIG" tax frobnicate
expect_rc 3 "$GIG" tax set profile nowhere-2026
expect_in "$T/err" "no tax profile 'nowhere-2026'"
expect_rc 3 "$GIG" tax set profile ../../etc/passwd
expect_rc 3 "$GIG" tax set rate 150
expect_rc 3 "$GIG" tax set rate -- -3
expect_rc 3 "$GIG" tax set last_year_tax abc
expect_rc 3 "$GIG" tax --last-year-tax=-5
expect_rc 0 "$GIG" tax --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["profile"]=="flat"; assert r["estimate"]["total_minor"]==923374, r["estimate"]' "$T/out" || fail "a refused setting changed the profile or rate"
expect_rc 0 "$GIG" tax set rate 30
expect_rc 0 "$GIG" tax --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["estimate"]["total_minor"]==1108048, r["estimate"]' "$T/out" || fail "tax.rate 30"

# a user's profile of the same name overrides the shipped one; a broken one is refused
mkdir -p "$XDG_CONFIG_HOME/gigledger/tax"
printf '[profile]\nname=uk-2026\ntitle=mine\n[income_tax]\nschedule=flat\nrate=10\n' \
	>"$XDG_CONFIG_HOME/gigledger/tax/uk-2026.ini"
expect_rc 0 "$GIG" tax set profile uk-2026
expect_rc 0 "$GIG" tax --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["title"]=="mine"; assert r["estimate"]["total_minor"]==369350' "$T/out" || fail "user override"
expect_rc 0 "$GIG" tax profiles
expect_in "$T/out" "de-2026"
expect_in "$T/out" "mine ($XDG_CONFIG_HOME/gigledger/tax/uk-2026.ini)"
printf '[profile]\n[income_tax]\nschedule=brackets\nbrackets=0:10;0:20\n' \
	>"$XDG_CONFIG_HOME/gigledger/tax/broken.ini"
expect_rc 3 "$GIG" tax set profile broken
expect_in "$T/err" "broken.ini: [income_tax] brackets: bracket 2 starts at or below"
expect_rc 0 "$GIG" tax --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["profile"]=="uk-2026"' "$T/out" || fail "a refused profile was kept"
rm "$XDG_CONFIG_HOME/gigledger/tax/uk-2026.ini" "$XDG_CONFIG_HOME/gigledger/tax/broken.ini"
expect_rc 0 "$GIG" tax set profile flat
expect_rc 0 "$GIG" tax set rate 25

# gig earn: the set-aside of a receipt is the increase of the year's estimate
expect_rc 0 "$GIG" tax --json
before=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["estimate"]["total_minor"])' "$T/out")
expect_rc 0 "$GIG" earn 1000 "Test Payer" -c "Income: Session" --date 2026-11-24 --json
aside=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tax_set_aside"]["amount_minor"])' "$T/out")
[ "$aside" = 25000 ] || fail "earn set-aside $aside, want 25000 (25 % of 1,000.00)"
expect_rc 0 "$GIG" tax --json
after=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["estimate"]["total_minor"])' "$T/out")
[ $((after - before)) = "$aside" ] || fail "estimate rose by $((after - before)), set-aside $aside"
expect_rc 0 "$GIG" earn 50 "Payer" -c "Income: Session"
expect_in "$T/err" "Move 12.50 EUR to the tax reserve for it"

# set-aside: the receipts not covered, outside text escaped
expect_rc 0 "$GIG" earn 100 "$(printf 'Evil\033[31mPayer')" -c "Income: Session"
expect_rc 0 "$GIG" tax set-aside
expect_in "$T/out" 'Evil\x1b[31mPayer'
if grep -q "$(printf '\033')" "$T/out"; then fail "raw escape in gig tax set-aside"; fi
expect_rc 0 "$GIG" tax set-aside --json
python3 - "$T/out" <<'PY' || fail "set-aside JSON"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["uncovered_minor"] == sum(x["uncovered_minor"] for x in r["receipts"])
assert all(0 < x["uncovered_minor"] <= x["set_aside_minor"] for x in r["receipts"])
assert r["receipts"][-1]["amount_minor"] == 10000
PY

# an import that brings income says what to set aside for it (flat 25 %: 400.00 of
# income -> 100.00; the expense row changes nothing since it is not deductible)
export GIG_DB="$T/imp.db"
expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add Checking
printf 'Date,Description,Amount\n2026-11-02,CLIENT ONE INV 7,400.00\n2026-11-03,GROCER,-20.00\n' >"$T/imp.csv"
expect_rc 0 "$GIG" import "$T/imp.csv" --account Checking --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["tax_set_aside_minor"]==10000, r.get("tax_set_aside_minor")' "$T/out" || fail "import --json tax_set_aside_minor"
printf 'Date,Description,Amount\n2026-11-05,CLIENT TWO INV 8,1000.00\n' >"$T/imp2.csv"
expect_rc 0 "$GIG" import "$T/imp2.csv" --account Checking
expect_in "$T/err" "Move 250.00 to the tax reserve for the 1 receipt(s) it brought"

[ "$failures" = 0 ] || exit 1
