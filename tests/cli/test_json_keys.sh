# test_json_keys.sh: every JSON document gig writes starts with schema_version, and its
# keys are exactly those docs/json.md lists: each key emitted is documented and each
# key documented is emitted by some command on the sample ledger (json_keys.py runs the
# commands; a failure names the document, the command and the key).  Also checks values
# of `gig reserve --json` worked out from its own figures.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sample_ledger.sh"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
D="$T/data"
mkdir -p "$D" "$XDG_CONFIG_HOME"
cp "$SRC/tests/data/statements/distrokid.tsv" "$D/"
cp "$SRC/tests/data/forecast-oracle/series/steady.txt" "$D/series.txt"
printf 'client,stream,amount\nJson From File,session,90\n' >"$D/gigs.csv"

# what the documents need to have something to show: a bill, a scenario, a budget,
# a rate, a USD account, a pending row, a partly paid gig and a hand entry with its bank row
"$GIG" -q recurring add Rent 950 --next 2026-12-01 -c Rent >/dev/null || fail "recurring"
"$GIG" -q scenario add tour 'pause 2027-07..2027-08' >/dev/null || fail "scenario"
"$GIG" -q budget set Rent 1000 >/dev/null || fail "budget"
"$GIG" -q rates set USD EUR 0.92 --on 2024-01-05 >/dev/null || fail "rates"
# a USD account and a rate for it: converted totals and foreign cash in the runway
"$GIG" -q account add PayPal --currency USD --opening 600 --on 2026-01-01 >/dev/null ||
	fail "USD account"
"$GIG" -q rates set EUR USD 1.08 --on 2026-04-10 >/dev/null || fail "EUR USD rate"
"$GIG" -q paid 73 500 --on 2026-11-20 >/dev/null || fail "partly paid"
# a USD invoice for paid --received (rate 0.92 on 2024-01-05)
"$GIG" -q log 100 'Json Sync' --currency USD --date 2026-11-01 >/dev/null || fail "USD gig"
"$GIG" -q earn 77.77 'Refund by hand' -d 2026-11-18 >/dev/null || fail "earn"
printf 'Date,Description,Amount\n2026-11-21,JSON KEYS REFUND,77.77\n2026-11-22,JSON KEYS CAFE,-4.50\n' \
	>"$D/bank.csv"

python3 ${JK_SCRIPT:-"$SRC/tests/cli/json_keys.py"} "$GIG" "$SRC/docs/json.md" "$D" || fail "docs/json.md and the emitted keys differ (lines above)"

# gig reserve --json: the target is the larger of its two candidates, and what is safe
# to spend is the buffer less the target, the tax owed and the bills before income
"$GIG" reserve --json >"$T/reserve.json" || fail "reserve --json"
python3 - "$T/reserve.json" <<'PY' || fail "reserve --json values"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["reserve_target_minor"] == max(r["reserve_essential_minor"], r["cfar90_minor"]), r
assert r["reserve_gap_minor"] == r["reserve_target_minor"] - r["buffer_minor"], r
# report.h: safe to spend may be negative (a buffer short of the target)
want = r["buffer_minor"] - r["reserve_target_minor"] - r["bills_before_income_minor"]
assert r["safe_to_spend_minor"] == want, (r["safe_to_spend_minor"], want)
assert r["currency"] == "EUR" and r["as_of_on"] == "2026-11-24", r
PY
finish
