# The journals gig exports are accepted by the tools' strict modes and give
# their balances: `hledger check --strict` and `check payees`, `ledger
# --pedantic`, `bean-check`, on the sample ledger (sample-data/) and on a
# ledger of awkward names.  Cash balances per account equal `gig balance`;
# the receivables equal the open invoices of `gig invoices`; a --from export
# ends with the same balances as the whole one; a --to export has the
# balances of that day, summed here from the CSV export.
. "$(dirname "$0")/lib.sh"
have() { command -v "$1" >/dev/null 2>&1; }
if ! have hledger && ! have ledger && ! have bean-check; then
	echo "SKIP: none of hledger, ledger, beancount is installed"
	exit 77
fi
have hledger || echo "note: hledger not installed; its checks are not run"
have ledger || echo "note: ledger not installed; its checks are not run"
have bean-check || echo "note: beancount not installed; its checks are not run"
src=$(cd "$(dirname "$0")/../.." && pwd)

# check_all NAME: every tool's strict check on $T/NAME.journal / .beancount,
# and the cash balances against gig balance --json.
check_all() {
	j="$T/$1.journal"
	b="$T/$1.beancount"
	"$GIG" export -o "$j" || fail "$1: export failed"
	"$GIG" export --format beancount -o "$b" || fail "$1: beancount export failed"
	# one account per name whatever the case: a gig's open invoice and its payments
	# meet in its stream's category account
	dup=$(grep '^account ' "$j" | tr 'A-Z' 'a-z' | sort | uniq -d)
	[ -z "$dup" ] || fail "$1: accounts differing only in case: $dup"
	"$GIG" balance --json >"$T/$1.bal.json"
	"$GIG" invoices --json >"$T/$1.inv.json"
	if have hledger; then
		hledger -f "$j" check --strict >"$T/h.err" 2>&1 || fail "$1: hledger check --strict: $(head -c 600 "$T/h.err")"
		hledger -f "$j" check payees >"$T/h.err" 2>&1 || fail "$1: hledger check payees: $(head -c 600 "$T/h.err")"
		hledger -f "$j" balance -C --flat --no-total -N -O csv >"$T/$1.hl.csv" 2>&1 ||
			fail "$1: hledger balance"
		hledger -f "$j" balance tag:receivable --flat --no-total -N -O csv >"$T/$1.recv.csv" 2>&1 ||
			fail "$1: hledger balance tag:receivable"
	fi
	if have ledger; then
		ledger -f "$j" --pedantic balance >"$T/l.out" 2>&1 || fail "$1: ledger --pedantic: $(head -c 600 "$T/l.out")"
		ledger -f "$j" --cleared --flat --no-total --balance-format '%(account)\t%(display_total)\n' \
			balance >"$T/$1.ledger.tsv" 2>&1 || fail "$1: ledger balance --cleared"
	fi
	if have bean-check; then
		bean-check "$b" >"$T/b.err" 2>&1 || fail "$1: bean-check: $(head -c 600 "$T/b.err")"
		bean-query -f csv "$b" "SELECT account, currency, str(sum(number)) AS n WHERE NOT 'receivable' IN tags GROUP BY account, currency" \
			>"$T/$1.bq.csv" 2>&1 || fail "$1: bean-query: $(head -c 300 "$T/$1.bq.csv")"
	fi
	python3 - "$T" "$1" <<'PY' || fail "$1: balances differ (see above)"
import csv, json, os, sys
from decimal import Decimal
T, name = sys.argv[1], sys.argv[2]
gig = json.load(open(f"{T}/{name}.bal.json"))["accounts"]
want = sorted((Decimal(a["balance"]), a["currency"]) for a in gig)
ok = True
def compare(tool, got):
    global ok
    got = sorted(got)
    if got != want:
        print(tool, "cash balances", got, "!= gig", want, file=sys.stderr)
        ok = False
def amounts(text):
    out = []
    for part in text.split(","):
        part = part.strip()
        if part and part != "0":
            num, cur = part.rsplit(" ", 1)
            out.append((Decimal(num), cur))
    return out
journal = open(f"{T}/{name}.journal").read().splitlines()
accts = {l.split(" ", 1)[1] for l in journal if l.startswith("account ")}
gig_accts = [a for a in accts if (a.startswith("assets:") or a.startswith("liabilities:"))
             and not a.startswith("assets:receivables")]
if os.path.exists(f"{T}/{name}.hl.csv"):
    got = []
    for acct, amount in list(csv.reader(open(f"{T}/{name}.hl.csv")))[1:]:
        if acct in gig_accts:
            got += amounts(amount)
    compare("hledger", got)
    recv = {}
    for acct, amount in list(csv.reader(open(f"{T}/{name}.recv.csv")))[1:]:
        if acct.startswith("assets:receivables"):
            for n, c in amounts(amount):
                recv[c] = recv.get(c, 0) + n
    inv = {}
    for i in json.load(open(f"{T}/{name}.inv.json"))["invoices"]:
        if i.get("invoiced_on"):
            inv[i["currency"]] = inv.get(i["currency"], 0) + Decimal(i["open_minor"]) / 100
    if recv != inv:
        print("receivables", recv, "!= open invoices", inv, file=sys.stderr); ok = False
if os.path.exists(f"{T}/{name}.ledger.tsv"):
    got = []
    for line in open(f"{T}/{name}.ledger.tsv"):
        acct, _, total = line.rstrip("\n").partition("\t")
        if acct in gig_accts:
            for piece in total.split("\\n") if "\\n" in total else [total]:
                got += [(Decimal(p.split()[0]), p.split()[1]) for p in piece.split(",") if p.strip()]
    compare("ledger", got)
if os.path.exists(f"{T}/{name}.bq.csv"):
    got = []
    for row in list(csv.reader(open(f"{T}/{name}.bq.csv")))[1:]:
        acct, cur, n = (c.strip() for c in row)
        # str() of the exact sum (the plain column is rounded for display)
        n = n.removeprefix("Decimal('").removesuffix("')")
        if (acct.startswith("Assets:") or acct.startswith("Liabilities:")) and not acct.startswith("Assets:Receivables"):
            got.append((Decimal(n), cur))
    compare("beancount", got)
sys.exit(0 if ok else 1)
PY
}

# 1. The sample ledger, loaded as the README's demo does.
expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add Checking --opening 4200.00 --on 2024-10-31
expect_rc 0 "$GIG" account add Savings --kind savings --opening 8500.00 --on 2024-10-31
expect_rc 0 "$GIG" account add "Tax Reserve" --kind tax-reserve --opening 1350.00 --on 2024-10-31
tail -n +2 "$src/sample-data/rules.csv" | while IFS=, read -r pattern category; do
	"$GIG" -q rules add "$pattern" "$category" >/dev/null 2>&1 || echo "rule $pattern failed" >&2
done
expect_rc 0 "$GIG" log --from "$src/sample-data/gigs.csv"
expect_rc 0 "$GIG" import "$src/sample-data/bank-checking.csv" --account Checking
expect_rc 0 "$GIG" import "$src/sample-data/savings.csv" --account Savings
expect_rc 0 "$GIG" import "$src/sample-data/tax-reserve.csv" --account "Tax Reserve"
check_all sample
grep -q ' ! .*receivable:' "$T/sample.journal" || fail "no receivable entry in the sample journal"

# 2. A --from export ends where the whole one ends; a --to export has that day's
# balances, summed from the CSV export (opening + posted rows up to the day).
if have hledger; then
	"$GIG" export --from 2026-01-01 -o "$T/from.journal" || fail "export --from"
	hledger -f "$T/from.journal" check --strict >/dev/null 2>&1 || fail "--from journal fails hledger check --strict"
	grep -q 'balance brought forward' "$T/from.journal" || fail "no balance brought forward"
	awk '/^[0-9]/ && $1 < "2026-01-01"' "$T/from.journal" | grep -q . && fail "--from journal has earlier entries"
	hledger -f "$T/sample.journal" balance -C assets --flat -N -O csv >"$T/all.csv"
	hledger -f "$T/from.journal" balance -C assets --flat -N -O csv >"$T/from.csv"
	cmp -s "$T/all.csv" "$T/from.csv" || fail "--from changes the end balances: $(diff "$T/all.csv" "$T/from.csv")"
	"$GIG" export --to 2025-12-31 -o "$T/to.journal" || fail "export --to"
	"$GIG" export --format csv -o "$T/all.csv.txt" || fail "export csv"
	hledger -f "$T/to.journal" balance -C assets --flat -N -O csv >"$T/to.csv"
	python3 - "$T/to.csv" "$T/all.csv.txt" <<'PY' || fail "--to balances differ from the CSV sums"
import csv, sys
from decimal import Decimal
opening = {"Checking": Decimal("4200.00"), "Savings": Decimal("8500.00"), "Tax Reserve": Decimal("1350.00")}
want = dict(opening)
for r in csv.DictReader(open(sys.argv[2])):
    if r["date"] <= "2025-12-31" and r["pending"] == "0":
        want[r["account"]] += Decimal(r["amount"])
got = {a.split(":", 1)[1]: Decimal(v.split()[0]) for a, v in list(csv.reader(open(sys.argv[1])))[1:]
       if not a.startswith("assets:receivables")}
if got != want:
    print(got, "!=", want, file=sys.stderr); sys.exit(1)
PY
fi
expect_rc 3 "$GIG" export --from 2026-02-01 --to 2026-01-01
expect_in "$T/err" "after its end"
expect_rc 3 "$GIG" export --from 2026-13-01
expect_rc 2 "$GIG" export --format gnucash

# 3. Awkward names: blanks, ':' and ';', quotes and backslashes, CJK, names that
# squeeze to one account, several currencies, pending rows, a payee with '|'.
export GIG_DB="$T/odd.db"
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add "Main  Bank" --opening 1000
expect_rc 0 "$GIG" account add "Main Bank" --opening 5
expect_rc 0 "$GIG" account add "main-bank" --opening 3
expect_rc 0 "$GIG" account add "Bank ; x" --opening 7
expect_rc 0 "$GIG" account add "Card: Visa" --kind card --opening -120.50
expect_rc 0 "$GIG" account add 円 --currency JPY --opening 15000
expect_rc 0 "$GIG" account add Dinar --currency JOD --opening 4.750
expect_rc 0 "$GIG" categories add "ラーメン"
expect_rc 0 "$GIG" categories add "Gear: Mics"
expect_rc 0 "$GIG" spend -a "Main  Bank" 10 '*NSYNC | x "quoted" \back' -m 'ref: 12; memo'
expect_rc 0 "$GIG" spend -a "Main Bank" 1.5 '!bang' -c "Gear: Mics"
expect_rc 0 "$GIG" earn -a Dinar 0.125 ' '
expect_rc 0 "$GIG" spend -a 円 1200 'ラーメン屋' -c "ラーメン"
expect_rc 0 "$GIG" spend -a "Card: Visa" 30 "Thomann" -c Gear
expect_rc 0 "$GIG" spend -a "Main Bank" 99 "Pending, not counted" --pending
expect_rc 0 "$GIG" log 250 "Label; Inc" -s sync --paid -a "Bank ; x"
expect_rc 0 "$GIG" log 400 'Studio "A"' -s mixing --invoiced 2026-11-01
expect_rc 0 "$GIG" log 1200 "Blue Room" -s mixing
expect_rc 0 "$GIG" paid 2 300 -a "Main Bank"
check_all odd
finish
