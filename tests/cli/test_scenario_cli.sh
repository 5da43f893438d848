# test_scenario_cli.sh: `gig scenario add|list|rm` and `gig runway --what-if/--scenario`
# on the sample ledger: base and scenario side by side in every format, the same paths
# (a scenario that changes nothing gives the base figures; more expense never a longer
# runway), and the refusals.
. "$(dirname "$0")/lib.sh"

LOADER="$(dirname "$GIG")/tests/test_report_sample"
if [ ! -x "$LOADER" ]; then
	echo "skip: $LOADER (the sample loader) is not built" >&2
	exit 77
fi
"$LOADER" --write "$GIG_DB" || { echo "FAIL: loading the sample ledger" >&2; exit 1; }

# saved scenarios
expect_rc 0 "$GIG" scenario list
expect_in "$T/out" "No scenarios"
expect_rc 0 "$GIG" scenario add tour 'pause 2027-07..2027-08' 'spend 1800 2027-06 Van'
expect_rc 0 "$GIG" scenario add quiet income-30% 'rent+150 from 2027-01'
expect_rc 3 "$GIG" scenario add Tour income-10%
expect_in "$T/err" "already exists"
expect_rc 3 "$GIG" scenario add broken 'income-30'
expect_in "$T/err" "wants /month"
expect_rc 2 "$GIG" scenario add lonely
expect_rc 0 "$GIG" scenario list
expect_in "$T/out" "tour"
expect_in "$T/out" "  spend 1800 2027-06 Van"
expect_rc 0 "$GIG" scenario list --json
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["scenarios"]
assert [x["name"] for x in s] == ["quiet", "tour"], s
assert s[1]["specs"] == ["pause 2027-07..2027-08", "spend 1800 2027-06 Van"], s
' "$T/out" || fail "scenario list --json"
expect_rc 0 "$GIG" scenario --help
expect_in "$T/out" "gig scenario add tour"
expect_rc 0 "$GIG" scenario add --help
expect_in "$T/out" "Examples:"
expect_rc 0 "$GIG" scenario rm --help
expect_in "$T/out" "gig scenario rm tour"
for h in "scenario --help" "scenario add --help"; do
	"$GIG" $h | python3 -c '
import sys
bad = [l for l in sys.stdin.read().split("\n") if len(l) > 80 and not l.startswith(("Global", "Exit"))]
sys.exit(1 if bad else 0)' || fail "$h wider than 80 columns"
done

# the runway's help documents the grammar
expect_rc 0 "$GIG" runway --help
expect_in "$T/out" "--what-if"
expect_in "$T/out" "lose-stream teaching"
expect_in "$T/out" "pause 2027-07..2027-08"

# side by side: table (80 columns), JSON, HTML
expect_rc 0 "$GIG" runway --scenario tour
expect_in "$T/out" "What if: tour"
expect_in "$T/out" "- pause 2027-07..2027-08"
expect_in "$T/out" "base    what-if"
python3 -c '
import sys
bad = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if len(l) > 80]
sys.exit(1 if bad else 0)' "$T/out" || fail "table with a scenario wider than 80 columns"
expect_rc 0 "$GIG" runway --scenario tour --json
cp "$T/out" "$T/tour.json"
expect_rc 0 "$GIG" runway --json
cp "$T/out" "$T/base.json"
expect_rc 0 "$GIG" runway --json -w 'gig 100 2027-03' -w 'spend 100 2027-03'
cp "$T/out" "$T/noop.json"
expect_rc 0 "$GIG" runway --json --what-if 'expense+300/month' --what-if 'spend 2400 2027-02'
cp "$T/out" "$T/more.json"
python3 - "$T/base.json" "$T/tour.json" "$T/noop.json" "$T/more.json" <<'PY' || fail "scenario JSON"
import json, sys
base, tour, noop, more = (json.load(open(p)) for p in sys.argv[1:])
assert "scenario" not in base
assert tour["scenario"]["name"] == "tour"
assert tour["scenario"]["specs"] == ["pause 2027-07..2027-08", "spend 1800 2027-06 Van"]
assert tour["runway"] == base["runway"], "the base is the same with a scenario beside it"
keys = ["p10", "p50", "p90", "prob_ruin_3", "prob_ruin_6", "prob_ruin_12"]
# nothing changed: the very same figures
assert noop["scenario"]["name"] is None
for k in keys:
    assert noop["scenario"]["runway"][k] == noop["runway"][k], k
inf = float("inf")
def months(v):
    return inf if v is None else v
sb, sm = more["runway"], more["scenario"]["runway"]
for k in ["p10", "p50", "p90"]:
    assert months(sm[k]) <= months(sb[k]), (k, sm[k], sb[k])
for k in ["prob_ruin_3", "prob_ruin_6", "prob_ruin_12"]:
    assert sm[k] >= sb[k], (k, sm[k], sb[k])
assert months(sm["p10"]) < months(sb["p10"])
# the tour (two months without income, a van) runs out sooner
assert tour["scenario"]["runway"]["prob_ruin_12"] > base["runway"]["prob_ruin_12"]
PY
expect_rc 0 "$GIG" runway --scenario quiet -o "$T/r.html"
grep -q 'data-key="scenario.runway.p50"' "$T/r.html" || fail "HTML has no scenario row"
grep -q 'What if: quiet' "$T/r.html" || fail "HTML does not name the scenario"
[ "$(stat -c %a "$T/r.html")" = 600 ] || fail "report file not 0600"

# refusals
expect_rc 3 "$GIG" runway --scenario nope
expect_in "$T/err" "no scenario named 'nope'"
expect_rc 3 "$GIG" runway --what-if 'lose-stream nope'
expect_in "$T/err" "teaching"
expect_rc 3 "$GIG" runway --what-if 'gig 100 2020-01'
expect_in "$T/err" "in the past"
expect_rc 3 "$GIG" runway --what-if "$(printf 'x\033[2J+5')" --what-if 'income*2'
if grep -q "$(printf '\033')" "$T/err"; then fail "raw escape in the error"; fi

# removing
expect_rc 0 "$GIG" scenario rm TOUR
expect_rc 3 "$GIG" scenario rm tour
expect_in "$T/err" "no scenario named 'tour'"
expect_rc 2 "$GIG" scenario rm
expect_rc 2 "$GIG" scenario frobnicate
expect_rc 0 "$GIG" scenario list
if grep -q "tour" "$T/out"; then fail "tour still listed"; fi
finish
