# The hledger export must give hledger the same per-account balances as
# `gig balance`, whatever the names, payees, currencies and pending rows.
. "$(dirname "$0")/lib.sh"
if ! command -v hledger >/dev/null 2>&1; then
	echo "SKIP: hledger is not installed (apt-get install hledger); export cross-check not run"
	exit 77
fi

expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add "Main  Bank" --opening 1000
expect_rc 0 "$GIG" account add "Main Bank" --opening 5
expect_rc 0 "$GIG" account add "Bank ; x" --opening 7
expect_rc 0 "$GIG" account add "Card: Visa" --kind card --opening -120.50
expect_rc 0 "$GIG" account add Yen --currency JPY --opening 15000
expect_rc 0 "$GIG" account add Dinar --currency JOD --opening 4.750
expect_rc 3 "$GIG" account add ":"
expect_rc 0 "$GIG" spend -a "Main  Bank" 10 '*NSYNC | x' -m 'memo; with ; semicolons'
expect_rc 0 "$GIG" spend -a "Main Bank" 1.5 '!bang' -c Gear
expect_rc 0 "$GIG" earn -a Dinar 0.125 ' '
expect_rc 0 "$GIG" spend -a Yen 1200 'ラーメン' -c "Dining Out"
expect_rc 0 "$GIG" spend -a "Card: Visa" 30 "Thomann" -c Gear
expect_rc 0 "$GIG" spend -a "Main Bank" 99 "Pending, not counted" --pending
expect_rc 0 "$GIG" log 250 "Label; Inc" -s sync --paid -a "Bank ; x"

"$GIG" balance --json >"$T/gig.json" || fail "gig balance failed"
"$GIG" export --format hledger >"$T/j" || fail "export failed"
hledger -f "$T/j" balance --flat --no-total -N -O csv >"$T/h.csv" 2>"$T/h.err" ||
	fail "hledger rejected the journal: $(cat "$T/h.err")"
hledger -f "$T/j" print -O json >"$T/print.json" 2>&1 || fail "hledger print failed"

# Compare account by account: every gig account appears once in hledger with
# exactly gig's balance (hledger amounts as "<number> <CUR>").
python3 - "$T/gig.json" "$T/h.csv" "$T/j" "$T/print.json" <<'PY' || fail "balances differ"
import csv, json, sys
from decimal import Decimal
gig = json.load(open(sys.argv[1]))["accounts"]
rows = list(csv.reader(open(sys.argv[2])))[1:]
hl = {}
for name, amount in rows:
    for part in amount.split(","):
        num, cur = part.strip().rsplit(" ", 1)
        hl.setdefault(name, {})[cur] = Decimal(num)
# map gig accounts to journal account names via the "account" directives
names = [l.split(" ", 1)[1].strip() for l in open(sys.argv[3]) if l.startswith("account ")]
# the gig accounts; categories and receivables are declared too
names = [n for n in names if n.split(":")[0] in ("assets", "liabilities")
         and not n.startswith("assets:receivables")]
assert len(names) == len(set(names)) == len(gig), (names, gig)
ok = True
for a in gig:
    want = Decimal(a["balance"])
    matches = [n for n in names if hl.get(n, {}).get(a["currency"]) == want]
    if not matches:
        print("no hledger account with", a["name"], want, a["currency"], hl, file=sys.stderr)
        ok = False
# payees survive as text, and no posted entry is pending in hledger
txns = json.load(open(sys.argv[4]))
descs = [t["tdescription"] for t in txns]
for want in ("*NSYNC | x", "!bang"):
    if want not in descs:
        print("payee lost:", want, descs, file=sys.stderr); ok = False
if any(t["tstatus"] == "Pending" for t in txns):
    print("a posted transaction became pending in hledger", file=sys.stderr); ok = False
sys.exit(0 if ok else 1)
PY
finish
