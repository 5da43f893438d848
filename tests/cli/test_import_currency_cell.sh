# test_import_currency_cell.sh: a row whose currency cell is not a currency code is
# refused, naming the file, line, column and value, and nothing is written (issue 14:
# never mix currencies).  The file has 20 rows alternating USD (odd) and EUR (even)
# in its Currency column; line 11 (row 10) says 'US$'.  Before, that row was booked
# in the account's currency (10.00 EUR) without a word.
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2024-08-01
expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add WiseEUR --kind checking --currency EUR
expect_rc 0 "$GIG" account add WiseUSD --kind checking --currency USD
{
	echo "ID,Date,Amount,Currency,Description"
	i=1
	while [ $i -le 20 ]; do
		cur=EUR
		[ $((i % 2)) -eq 1 ] && cur=USD
		[ $i -eq 10 ] && cur='US$'
		printf 'T-%d,2024-07-%02d,%d.00,%s,payee %d\n' $i $i $i "$cur" $i
		i=$((i + 1))
	done
} >"$T/m.csv"
expect_rc 3 "$GIG" import "$T/m.csv"
expect_in "$T/err" "m.csv:11:4: column 'Currency': 'US\$' is not a currency code"
expect_rc 0 "$GIG" txn list --json
python3 - "$T/out" <<'PY' || fail "nothing written"
import json, sys
assert json.load(open(sys.argv[1]))["transactions"] == []
PY
# the same file with the cell put right: 1+3+...+19 = 100.00 USD; 2+4+...+20 = 110.00 EUR
sed 's/,US\$,/,EUR,/' "$T/m.csv" >"$T/ok.csv"
expect_rc 0 "$GIG" import "$T/ok.csv" --json
python3 - "$T/out" <<'PY' || fail "the right file"
import json, sys
a = {x["account"]: x["sum_minor"] for x in json.load(open(sys.argv[1]))["accounts"]}
assert a == {"WiseEUR": 11000, "WiseUSD": 10000}, a
PY
finish
