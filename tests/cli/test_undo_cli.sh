#!/bin/sh
# test_undo_cli.sh: corrections, the change log and undo on the command line (issue 11):
# gig txn edit|rm|split|link|unlink, gig gig edit|rm, gig account rename|close,
# gig history, gig undo [N], gig redo; --yes without a terminal, bad ids, closed
# accounts, --help of each.
# Usage: sh test_undo_cli.sh /path/to/gig   (run by ctest from tests/)
command -v python3 >/dev/null 2>&1 || { echo "python3 needed for JSON checks"; exit 77; }
. "$(dirname "$0")/lib.sh"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
check() { # check NAME EXPECTED ACTUAL
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}
balance() { "$GIG" balance --json | json 'd["accounts"][0]["balance_minor"]'; }
sound() { "$GIG" check >"$T/check" 2>&1 || fail "$1: gig check: $(cat "$T/check")"; }

"$GIG" init --currency EUR >/dev/null 2>&1 || { echo "gig init failed"; exit 1; }
"$GIG" account add Checking --opening 1000 --on 2026-01-01 >/dev/null 2>&1
"$GIG" account add Savings >/dev/null 2>&1
printf 'Date,Description,Amount\n2026-11-02,SPLICE.COM,-12.99\n2026-11-03,Thomann,-249.00\n2026-11-04,Grocer,-60.00\n' >"$T/bank.csv"
"$GIG" import "$T/bank.csv" --account Checking >/dev/null 2>&1 || fail "import"
"$GIG" spend 129.90 Splice -c Samples -d 2026-11-20 >/dev/null 2>&1
check "start" 54811 "$(balance)"

# --help of every new command: examples, 80 columns
for c in "txn edit" "txn rm" "txn split" "txn link" "txn unlink" "gig edit" "gig rm" \
	"account rename" "account close" history undo redo; do
	# shellcheck disable=SC2086
	expect_rc 0 "$GIG" $c --help
	expect_in "$T/out" "Example"
	awk -v c="$c" 'length($0) > 80 { print "FAIL: " c " --help line over 80: " $0; exit 1 }' \
		"$T/out" >&2 || fail "$c --help is wider than 80 columns"
done
expect_rc 0 "$GIG" txn --help
expect_in "$T/out" "split"
expect_rc 2 "$GIG" txn frobnicate

# the typo: 129.90 for 12.99, corrected (the sign stays), then undone and redone
expect_rc 0 "$GIG" txn edit 4 --amount 12.99
check "after edit" 66502 "$(balance)"
sound "edit"
expect_rc 0 "$GIG" history --json --limit 1
check "history command" "gig txn edit 4 --amount 12.99" "$(json 'd["changes"][0]["command"]' <"$T/out")"
check "history old" "-12990" "$(json 'd["changes"][0]["rows"][0]["old"]["amount_minor"]' <"$T/out")"
check "history new" "-1299" "$(json 'd["changes"][0]["rows"][0]["new"]["amount_minor"]' <"$T/out")"
check "history key" "4" "$(json 'd["changes"][0]["rows"][0]["key"]["id"]' <"$T/out")"
expect_rc 0 "$GIG" undo
check "after undo" 54811 "$(balance)"
expect_rc 0 "$GIG" redo
check "after redo" 66502 "$(balance)"
expect_rc 0 "$GIG" history
expect_in "$T/out" "undo of #"
expect_in "$T/out" "redo of #"
expect_rc 0 "$GIG" history --details --limit 3
expect_in "$T/out" "transactions.amount_minor: -12990 -> -1299"

# bad ids and usage
expect_rc 3 "$GIG" txn edit 99 --payee x
expect_in "$T/err" "no transaction #99"
expect_rc 2 "$GIG" txn edit abc --payee x
expect_rc 2 "$GIG" txn edit 4
expect_rc 3 "$GIG" txn edit 4 --category Nope
expect_rc 3 "$GIG" undo 999
expect_rc 2 "$GIG" undo x
expect_rc 3 "$GIG" txn link 1 99

# rm needs --yes without a terminal; a removed imported row stays removed on re-import
expect_rc 2 "$GIG" txn rm 2 </dev/null
expect_in "$T/err" "--yes"
expect_rc 0 "$GIG" txn rm 2 --yes
check "after rm" 91402 "$(balance)"
expect_rc 0 "$GIG" import "$T/bank.csv" --account Checking
check "re-import after rm" 91402 "$(balance)"
expect_rc 0 "$GIG" undo
check "rm undone" 66502 "$(balance)"
expect_rc 0 "$GIG" import "$T/bank.csv" --account Checking
check "re-import after undo" 66502 "$(balance)"
sound "rm"

# an edited imported row keeps its identity
expect_rc 0 "$GIG" txn edit 1 --payee "Splice" --date 2026-11-01 -c Samples
expect_rc 0 "$GIG" import "$T/bank.csv" --account Checking
check "re-import after edit" 66502 "$(balance)"

# split: parts must sum to the whole
expect_rc 3 "$GIG" txn split 3 Groceries=40 "Dining Out"=10
expect_in "$T/err" "sum to"
expect_rc 2 "$GIG" txn split 3 Groceries
expect_rc 0 "$GIG" txn split 3 Groceries=42.10 "Dining Out"=17.90
check "after split" 66502 "$(balance)"
"$GIG" export --format json | json 'sorted(t["amount_minor"] for t in d["transactions"] if t["payee"] == "Grocer")' >"$T/parts"
check "split parts" "[-4210, -1790]" "$(cat "$T/parts")"
sound "split"

# undo N refused when a later change is in the way, naming it
expect_rc 0 "$GIG" txn edit 4 --memo first
first=$("$GIG" history --json --limit 1 | json 'd["changes"][0]["id"]')
expect_rc 0 "$GIG" txn edit 4 --memo second
second=$("$GIG" history --json --limit 1 | json 'd["changes"][0]["id"]')
expect_rc 3 "$GIG" undo "$first"
expect_in "$T/err" "change #$second"
expect_rc 0 "$GIG" undo
expect_rc 0 "$GIG" undo "$first"

# gigs: edit, link, rm with its payments unlinked or removed
"$GIG" log 1200 "Blue Room" --stream mixing --date 2026-11-01 >/dev/null 2>&1
"$GIG" paid 1 600 --on 2026-11-21 >/dev/null 2>&1
expect_rc 0 "$GIG" gig edit 1 --amount 600
sound "gig edit"
expect_rc 0 "$GIG" invoices
grep -q "Blue Room" "$T/out" && fail "a gig paid in full after its edit is still open"
expect_rc 0 "$GIG" undo
expect_rc 2 "$GIG" gig rm 1 --yes
expect_in "$T/err" "--payments"
expect_rc 2 "$GIG" gig rm 1 --payments unlink </dev/null
expect_rc 0 "$GIG" gig rm 1 --payments unlink --yes
check "payment kept" 126502 "$(balance)"
expect_rc 0 "$GIG" undo
expect_rc 0 "$GIG" gig rm 1 --payments remove --yes
check "payment removed" 66502 "$(balance)"
expect_rc 0 "$GIG" undo
sound "gig rm"
expect_rc 0 "$GIG" txn unlink 6
expect_rc 3 "$GIG" txn unlink 6
expect_rc 0 "$GIG" txn link 6 1
expect_rc 3 "$GIG" gig edit 9 --amount 5
sound "links"

# accounts: rename, close (balance must be 0 or --force), nothing goes into a closed one
expect_rc 0 "$GIG" account rename Savings "Old savings"
expect_rc 3 "$GIG" account rename "Old savings" checking
expect_rc 2 "$GIG" account close "Old savings" </dev/null
expect_rc 0 "$GIG" account close "Old savings" --yes
expect_rc 3 "$GIG" spend 5 Shop -a "Old savings"
expect_in "$T/err" "closed"
expect_rc 3 "$GIG" import "$T/bank.csv" --account "Old savings"
expect_in "$T/err" "closed"
expect_rc 3 "$GIG" account close Checking --yes
expect_in "$T/err" "--force"
expect_rc 0 "$GIG" undo
expect_rc 0 "$GIG" spend 5 Shop -a "Old savings"

# undo of an import: asks, or needs --yes
expect_rc 0 "$GIG" txn rm 7 --yes
expect_rc 0 "$GIG" undo
printf 'Date,Description,Amount\n2026-11-10,Cafe,-4.50\n' >"$T/more.csv"
"$GIG" import "$T/more.csv" --account Checking >/dev/null 2>&1
before=$(balance)
expect_rc 2 "$GIG" undo </dev/null
expect_rc 0 "$GIG" undo --yes
check "import undone" "$((before + 450))" "$(balance)"
expect_rc 3 "$GIG" redo
expect_in "$T/err" "import the file again"
sound "end"
finish
