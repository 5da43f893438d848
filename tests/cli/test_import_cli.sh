#!/bin/sh
# test_import_cli.sh: `gig import`, `gig import list|record|undo`,
# `gig rules` and `gig categorize` end to end through the gig binary.
# Usage: sh test_import_cli.sh /path/to/gig   (run by ctest from tests/)
set -u
GIG=${1:?usage: test_import_cli.sh /path/to/gig}
DATA=${GIG_TEST_DATA:-$(pwd)/data}
command -v python3 >/dev/null 2>&1 || { echo "python3 needed for JSON checks"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export GIG_DB="$TMP/ledger.db" GIG_TODAY=2024-06-01 XDG_CONFIG_HOME="$TMP/config"
export GIG_PROFILE_PATH="$DATA/../../profiles"
fails=0
check() { # check NAME EXPECTED ACTUAL
	if [ "$2" != "$3" ]; then echo "FAIL: $1: expected '$2', got '$3'"; fails=$((fails + 1)); fi
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

"$GIG" init --currency GBP >/dev/null 2>&1 || { echo "gig init failed"; exit 1; }
"$GIG" account add Lloyds >/dev/null 2>&1

LL="$DATA/bank-csv/lloyds-uk-debit-credit.csv"
out=$("$GIG" import "$LL" --account Lloyds --dry-run --json --rows)
check "dry-run inserted" 12 "$(echo "$out" | json 'd["inserted"]')"
check "dry-run rows" 12 "$(echo "$out" | json 'len(d["rows"])')"
check "dry-run keeps nothing" '[]' "$("$GIG" import list --json | json 'd["batches"]')"

out=$("$GIG" import "$LL" --account Lloyds --json)
check "inserted" 12 "$(echo "$out" | json 'd["inserted"]')"
check "sum_minor" -388199 "$(echo "$out" | json 'd["sum_minor"]')"
check "currency" GBP "$(echo "$out" | json 'd["currency"]')"
check "balance break line" 6 "$(echo "$out" | json 'd["balance_breaks"][0]["line"]')"
check "guessed date format" "%d/%m/%Y" "$(echo "$out" | json 'd["guesses"]["date_format"]')"
for k in inserted duplicates pending skipped_rows sum_minor currency balance_breaks guesses; do
	check "key $k" True "$(echo "$out" | json "'$k' in d")"
done

out=$("$GIG" import "$LL" --account Lloyds --json)
check "re-import inserted" 0 "$(echo "$out" | json 'd["inserted"]')"
check "re-import duplicates" 12 "$(echo "$out" | json 'd["duplicates"]')"

list=$("$GIG" import list --json)
check "one batch" 1 "$(echo "$list" | json 'len(d["batches"])')"
check "batch file" lloyds-uk-debit-credit.csv "$(echo "$list" | json 'd["batches"][0]["file"]')"
check "batch inserted" 12 "$(echo "$list" | json 'd["batches"][0]["inserted"]')"
batch=$(echo "$list" | json 'd["batches"][0]["id"]')

# provenance: the record a transaction came from (the file's line 2, its empty
# last cell dropped by the CSV reader)
want=$(sed -n 2p "$LL" | sed 's/,$//')
check "record of transaction 1" "$want" "$("$GIG" import record 1)"
"$GIG" import record 999 >/dev/null 2>"$TMP/err"
check "record of no transaction" 3 $?
"$GIG" import record one >/dev/null 2>&1
check "record usage" 2 $?
"$GIG" import record --help | grep -q "TXN" || { echo "FAIL: import record --help"; fails=$((fails + 1)); }

# exit codes: ambiguous dates and bad input are 3, usage is 2
printf 'Date,Payee,Amount\n05/03/2024,A,-1.00\n06/04/2024,B,-2.00\n' > "$TMP/amb.csv"
"$GIG" import "$TMP/amb.csv" --account Lloyds >/dev/null 2>"$TMP/err"
check "ambiguous exit" 3 $?
grep -q -- "--date-format %d/%m/%Y" "$TMP/err" || { echo "FAIL: hint missing"; fails=$((fails + 1)); }
"$GIG" import "$TMP/amb.csv" --account Lloyds --date-format %d/%m/%Y >/dev/null 2>&1
check "with --date-format" 0 $?
"$GIG" import "$TMP/nonexistent.csv" --account Lloyds >/dev/null 2>"$TMP/err"
check "missing file exit" 3 $?
grep -q "nonexistent.csv" "$TMP/err" || { echo "FAIL: missing file not named"; fails=$((fails + 1)); }
mkdir "$TMP/adir"
"$GIG" import "$TMP/adir" --account Lloyds >/dev/null 2>"$TMP/err"
check "directory exit" 3 $?
grep -q "is a directory" "$TMP/err" || { echo "FAIL: directory not explained"; fails=$((fails + 1)); }
printf 'Date,Payee,Amount,Currency\n2024-01-02,x,-1.00,USD\n' >"$TMP/usd.csv"
"$GIG" import "$TMP/usd.csv" --account Lloyds >/dev/null 2>"$TMP/err"
check "currency mismatch exit" 3 $?
grep -q "usd.csv:2: the row is in USD but the account is in GBP" "$TMP/err" ||
	{ echo "FAIL: currency mismatch message: $(cat "$TMP/err")"; fails=$((fails + 1)); }
"$GIG" import >/dev/null 2>&1
check "usage exit" 2 $?
"$GIG" import undo "$batch" </dev/null >/dev/null 2>&1
check "undo without --yes off a terminal" 2 $?
"$GIG" import undo "$batch" --yes >/dev/null 2>&1
check "undo" 0 $?
check "after undo" 1 "$("$GIG" import list --json | json 'len(d["batches"])')"

# rules and categorize
"$GIG" rules add 'ACME' 'Shopping' >/dev/null 2>&1
check "rules add" 0 $?
check "rules list" ACME "$("$GIG" rules list --json | json 'd["rules"][0]["pattern"]')"
out=$("$GIG" import "$LL" --account Lloyds --json)
check "categorised by rule (ACME STORE, ACME PENSIONS)" 2 "$(echo "$out" | json 'd["categorized"]')"
"$GIG" categorize --json >"$TMP/cat.json" 2>/dev/null
check "categorize lists" True "$(json 'len(d["uncategorized"]) > 0' <"$TMP/cat.json")"

[ $fails -eq 0 ] || exit 1
echo "ok"
