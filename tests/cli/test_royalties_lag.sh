# test_royalties_lag.sh: a payer's own history refines its calendar (issue 15), as a
# client's lateness moves an invoice's expected date.
#
# Calendar "MLC": monthly on the 15th, lag 75 days, no minimum, USD.
# Statements: January 2025 10.00, February 2025 20.00, November 2025 15.00.
# Payouts matched: 10.00 on 2025-06-12 (settles January), 20.00 on 2025-06-20
# (settles February).
# By hand:
#   January ends 31 Jan; + 75 days = 16 Apr, so the calendar predicts 15 May.
#     Paid 12 Jun: 28 days late; 132 days after the period (28+31+30+31+12).
#   February ends 28 Feb; + 75 days = 14 May: predicted 15 May.
#     Paid 20 Jun: 36 days late; 112 days after the period (31+30+31+20).
#   Mean delay (132+112)/2 = 122 days; mean lateness (28+36)/2 = 32 days.
#   November ends 30 Nov; + 75 = 13 Feb 2026: the calendar says 15 Feb 2026;
#   moved by 32 days: 19 Mar 2026 (13 days to 28 Feb, 19 into March).
# Before any payout is matched the calendar alone says 2026-02-15 for all 45.00.
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2026-01-31
mkdir -p "$XDG_CONFIG_HOME/gigledger/payers"
cat >"$XDG_CONFIG_HOME/gigledger/payers/mlc.ini" <<'INI'
[payer]
name=MLC
match=MLC DISTRIB
currency=USD
cadence=monthly
day=15
lag-days=75
minimum=0
INI

stmt() { # stmt FILE DATE TITLE AMOUNT
	printf 'date,paid to,item type,item name,currency,amount you received,net amount\n' >"$1"
	printf '%s,bank,track,%s,USD,%s,%s\n' "$2" "$3" "$4" "$4" >>"$1"
}

expect_rc 0 "$GIG" init --currency USD
expect_rc 0 "$GIG" account add Checking --kind checking --currency USD
expect_rc 0 "$GIG" earn 3000 "Opening" --account Checking --date 2025-01-01 -c Transfer
for m in 2025-01 2025-02 2025-03 2025-04 2025-05 2025-06 2025-07 2025-08 2025-09 \
	2025-10 2025-11 2025-12 2026-01; do
	expect_rc 0 "$GIG" earn 900 "Blue Room" --account Checking --date "$m-05"
	expect_rc 0 "$GIG" spend 500 "Landlord" --account Checking --date "$m-01"
done
stmt "$T/s1.csv" 2025-01-10 "Low Tide" 10.00
stmt "$T/s2.csv" 2025-02-10 "Cafe Noir" 20.00
stmt "$T/s3.csv" 2025-11-10 "Low Tide" 15.00
for f in s1 s2 s3; do
	expect_rc 0 "$GIG" statements import "$T/$f.csv" --payer MLC
done

# no history yet: the calendar's date, and no observed figures
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "calendar only"
import json, sys
p = json.load(open(sys.argv[1]))["payers"][0]
assert p["next_payout_on"] == "2026-02-15" and p["next_payout"] == "45.00", p
assert p["payouts_observed"] == 0, p
assert p["observed_delay_days"] is None and p["lateness_days"] is None, p
PY

expect_rc 0 "$GIG" earn 10.00 "MLC DISTRIBUTION" --account Checking --date 2025-06-12
expect_rc 0 "$GIG" earn 20.00 "MLC DISTRIBUTION" --account Checking --date 2025-06-20
expect_rc 0 "$GIG" royalties match
expect_in "$T/out" "Matched 2 payouts."

expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "history refines the date"
import json, sys
p = json.load(open(sys.argv[1]))["payers"][0]
assert p["owed"] == "15.00" and p["paid"] == "30.00", p
assert p["payouts_observed"] == 2, p
assert p["observed_delay_days"] == 122 and p["lateness_days"] == 32, p
assert p["next_payout_on"] == "2026-03-19" and p["next_payout"] == "15.00", p
PY
expect_rc 0 "$GIG" royalties
expect_in "$T/out" "2026-03-19"
expect_in "$T/out" "history: 2 payouts, 122 days after the period on average, +32 days"

# the runway puts the payout in March, not February
expect_rc 0 "$GIG" runway --as-of 2026-01-31 --ahead 4 --json
python3 - "$T/out" <<'PY' || fail "runway with the payer's lateness"
import json, sys
j = json.load(open(sys.argv[1]))
roy = {m["month"]: m["royalties_minor"] for m in j["months"] if m["forecast"]}
assert roy["2026-02"] == 0 and roy["2026-03"] == 1500, roy
assert j["royalties"]["payouts"] == [{"payer": "MLC", "expected_on": "2026-03-19",
                                      "amount_minor": 1500, "payable_minor": 0}], j["royalties"]
PY
# the CSV runway has the royalties (and payables) columns, filled in forecast months
expect_rc 0 "$GIG" runway --as-of 2026-01-31 --ahead 4 --format csv
head -1 "$T/out" | tr -d '\r' | grep -q ',windfall,royalties,payables$' || fail "csv header: $(head -1 "$T/out")"
python3 - "$T/out" <<'PY' || fail "csv royalties: $(cat "$T/out")"
import csv, sys
rows = {r["month"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
assert rows["2026-03"]["royalties"] == "15.00" and rows["2026-02"]["royalties"] == "0.00", rows
assert rows["2026-03"]["payables"] == "0.00", rows["2026-03"]
assert rows["2026-01"]["kind"] != "forecast" and rows["2026-01"]["royalties"] == "", rows["2026-01"]
PY
finish
