# test_report_hledger.sh: `gig report` gives hledger's figures on the sample ledger:
# every category and month of `gig report -M` equals `gig export --format hledger |
# hledger -f - balance -C -M` (income negated, as hledger shows it; -C: the cleared
# entries, as the export writes open invoices as pending receivables), and the same per
# quarter and year, at --depth 1 and by account.
. "$(dirname "$0")/lib.sh"
if ! command -v hledger >/dev/null 2>&1; then
	echo "SKIP: hledger is not installed (apt-get install hledger); report cross-check not run"
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 needed"; exit 77; }
. "$(dirname "$0")/sample_ledger.sh"

"$GIG" export --format hledger >"$T/j" || fail "export"
compare() { # compare NAME GIG-REPORT-ARGS -- HLEDGER-BALANCE-ARGS
	name=$1
	shift
	gargs=""
	while [ "$1" != "--" ]; do gargs="$gargs $1"; shift; done
	shift
	# shellcheck disable=SC2086
	"$GIG" report $gargs --json >"$T/g.json" || { fail "$name: gig report$gargs"; return; }
	hledger -f "$T/j" balance -C "$@" -O csv --no-total >"$T/h.csv" 2>"$T/h.err" ||
		{ fail "$name: hledger: $(cat "$T/h.err")"; return; }
	python3 - "$T/g.json" "$T/h.csv" "$name" <<'PY' || fail "$name: figures differ"
import csv, json, sys
from decimal import Decimal
g = json.load(open(sys.argv[1]))
rows = list(csv.reader(open(sys.argv[2])))
head, body = rows[0], rows[1:]
want = {}  # (account, period label) -> minor units, gig's sign
for r in body:
    acct = r[0]
    if not (acct == "income" or acct == "expenses" or acct.startswith(("income:", "expenses:"))):
        continue
    for label, cell in zip(head[1:], r[1:]):
        v = Decimal(0) if cell in ("0", "") else Decimal(cell.replace(" EUR", "").replace(",", ""))
        minor = int(v * 100)
        if acct.startswith("income"):
            minor = -minor
        if minor:
            want[(acct, label)] = want.get((acct, label), 0) + minor
got = {}
for section, key in (("income", "income"), ("expenses", "expenses")):
    for line in g[key]:
        acct = section if line["name"] == section else section + ":" + line["name"]
        for p, minor in zip(g["periods"], line["amounts_minor"]):
            if minor:
                got[(acct, p["label"].replace("-Q", "q").replace("q", "Q"))] = minor
# hledger labels quarters 2026q3 and years 2026
want = {(a, l.upper().replace("Q", "-Q") if "q" in l else l): v for (a, l), v in want.items()}
bad = sorted(set(want) | set(got))
diff = [(k, want.get(k), got.get(k)) for k in bad if want.get(k) != got.get(k)]
for d in diff[:20]:
    print(sys.argv[3], "differs at", d[0], "hledger", d[1], "gig", d[2], file=sys.stderr)
if not want:
    print(sys.argv[3], ": hledger gave no figures", file=sys.stderr)
    sys.exit(1)
print(sys.argv[3], ":", len(want), "figures equal")
sys.exit(1 if diff else 0)
PY
}
compare "monthly by category" -M -- -M --flat income expenses
compare "quarterly" -Q -- -Q --flat income expenses
compare "yearly depth 1" -Y --depth 1 -- -Y --depth 1 income expenses
compare "monthly 2026 only" -M --period 2026 -- -M --flat -b 2026-01-01 -e 2027-01-01 income expenses
compare "depth 2 = full" -M --depth 2 -- -M --depth 2 --flat income expenses

# totals: the report's own sums hold
"$GIG" report -M --json >"$T/g.json"
python3 - "$T/g.json" <<'PY' || fail "totals do not add up"
import json, sys
g = json.load(open(sys.argv[1]))
n = len(g["periods"])
for key, sec in (("income", "income"), ("expenses", "expenses")):
    for p in range(n):
        s = sum(l["amounts_minor"][p] for l in g[sec])
        assert s == g["totals"][key]["amounts_minor"][p], (key, p)
for p in range(n):
    t = g["totals"]
    assert t["net"]["amounts_minor"][p] == t["income"]["amounts_minor"][p] - t["expenses"]["amounts_minor"][p]
    ess = sum(l["amounts_minor"][p] for l in g["expenses"] if l["essential"])
    assert ess == t["essential"]["amounts_minor"][p], ("essential", p)
    ded = sum(l["amounts_minor"][p] for l in g["expenses"] if l["deductible"])
    assert ded == t["deductible"]["amounts_minor"][p], ("deductible", p)
print("totals add up over", n, "months")
PY
finish
