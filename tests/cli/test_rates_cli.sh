# test_rates_cli.sh: `gig rates import|set|list|convert`: the ECB layout and re-import,
# a pair file, a bad row that writes nothing, manual rates, conversions with the
# rate and date used, and the refusals (bad date, bad/zero/negative rate, unknown
# currency, missing rate).  Figures are worked out in the comments.
. "$(dirname "$0")/lib.sh"
D="$(dirname "$0")/../data/rates"

expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" rates list
expect_in "$T/out" "No rates"

# ECB file: 3 rows x 4 currencies, 4 N/A cells -> 8 rates; again -> nothing new
expect_rc 0 "$GIG" rates import "$D/ecb_small.csv"
expect_in "$T/out" "8 rates added, 0 already there"
expect_rc 0 "$GIG" rates import "$D/ecb_small.csv" --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r == {"schema_version": 1, "layout": "ecb", "rows": 3, "added": 0, "unchanged": 8, "replaced": 0,
             "gaps": 4}, r
' "$T/out" || fail "re-import JSON"

# a bad row (line 3) in either layout: FILE:LINE, exit 3, nothing written
expect_rc 3 "$GIG" rates import "$D/bad_pairs.csv"
expect_in "$T/err" "bad_pairs.csv:3: rate '-1': a rate must be greater than zero"
expect_rc 3 "$GIG" rates import "$D/bad_ecb.csv"
expect_in "$T/err" "bad_ecb.csv:3: column GBP"
expect_rc 3 "$GIG" rates import "$T/no-such-file.csv"
expect_in "$T/err" "No such file"
expect_rc 0 "$GIG" rates list --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["rates"]
assert len(r) == 8, len(r)
assert {"date": "2023-12-08", "base": "EUR", "quote": "USD", "rate": "1.0777",
        "source": "ecb"} in r, r
' "$T/out" || fail "list after the failed imports"

# manual rates
expect_rc 0 "$GIG" rates set usd eur 0.9200 --on 2024-01-05
expect_rc 0 "$GIG" rates list
grep -Eq "^2024-01-05  USD  EUR +0\.92  manual$" "$T/out" || fail "manual rate in the list"
expect_rc 3 "$GIG" rates set USD EUR 0 --on 2024-01-05
expect_in "$T/err" "greater than zero"
expect_rc 3 "$GIG" rates set USD EUR -- -0.5
expect_in "$T/err" "greater than zero"
expect_rc 3 "$GIG" rates set USD EUR 1,5
expect_in "$T/err" "not a decimal number"
expect_rc 3 "$GIG" rates set USD EUR 0.92 --on 2024-02-30
expect_rc 3 "$GIG" rates set US EUR 0.92
expect_rc 3 "$GIG" rates set USD USD 1
expect_in "$T/err" "two different currencies"
expect_rc 2 "$GIG" rates set USD EUR
expect_rc 2 "$GIG" rates frobnicate

# conversions: 100.00 USD on 2023-12-08 = 100 / 1.0777 = 92.79 EUR (inverse);
# from 2024-01-05 the direct 0.92: 92.00 EUR; USD->GBP crosses: 100/1.0777*0.8569 = 79.51
expect_rc 0 "$GIG" rates convert 100 USD EUR --on 2023-12-10
expect_in "$T/out" "100.00 USD = 92.79 EUR (1 EUR = 1.0777 USD on 2023-12-08 (inverted))"
expect_rc 0 "$GIG" rates convert 100 USD EUR --on 2024-01-31 --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["converted"] == "92.00" and r["rate_on"] == "2024-01-05", r
' "$T/out" || fail "convert JSON"
expect_rc 0 "$GIG" rates convert 100 USD GBP --on 2023-12-08
expect_in "$T/out" "= 79.51 GBP"
expect_in "$T/out" "cross via EUR"
# 10.00 EUR = 1555.3 -> 1555 JPY; 12.345 is too precise for USD
expect_rc 0 "$GIG" rates convert 10 EUR JPY --on 2023-12-08
expect_in "$T/out" "= 1555 JPY"
expect_rc 3 "$GIG" rates convert 12.345 USD EUR --on 2023-12-08
expect_rc 3 "$GIG" rates convert 100 USD EUR --on 2023-12-01
expect_in "$T/err" "no USD->EUR exchange rate on or before 2023-12-01"
expect_in "$T/err" "gig rates import"
expect_rc 3 "$GIG" rates convert 100 CHF EUR --on 2024-01-05
expect_in "$T/err" "gig rates set CHF EUR RATE"
expect_rc 3 "$GIG" rates convert 100 USD EUR --on yesterdayish

# help: examples, 80 columns
for sub in import set list convert; do
	expect_rc 0 "$GIG" rates "$sub" --help
	expect_in "$T/out" "Examples:"
done
expect_rc 0 "$GIG" rates --help
expect_in "$T/out" "gig rates set USD EUR 0.92 --on 2024-01-05"
finish
