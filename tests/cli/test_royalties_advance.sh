# test_royalties_advance.sh: `gig advance add` and recoupment (issue 15).
#
# By hand: Sync Co pays an advance of 10.00 on 2024-01-05.  Its statements report
# 3.00 for January and 4.00 for February: both go to the advance (7.00 recouped,
# 3.00 to go), so nothing is owed.  At the 3.50 a month earned since January
# ((3.00 + 4.00) / 2 months), the 3.00 left recoups in ceil(3.00 / 3.50) = 1 month
# after February: March.  March's statement reports 5.00: 3.00 finishes the
# advance (recouped by the March statement) and 2.00 flows; owed = 12.00 earned
# - 10.00 recouped - 0 paid = 2.00.  Calendar: monthly on the 15th, 30 days' lag:
# March's 2.00 is payable from 30 April and paid on 15 May, the runway's first
# forecast month as of 30 April.
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2024-04-20
mkdir -p "$XDG_CONFIG_HOME/gigledger/payers"
cat >"$XDG_CONFIG_HOME/gigledger/payers/syncco.ini" <<'INI'
[payer]
name=Sync Co
currency=USD
cadence=monthly
day=15
lag-days=30
INI
stmt() { # stmt FILE DATE AMOUNT
	printf 'date,paid to,item type,item name,currency,amount you received,net amount\n' >"$1"
	printf '%s,bank,track,Night Drive,USD,%s,%s\n' "$2" "$3" "$3" >>"$1"
}
expect_rc 0 "$GIG" init --currency USD
expect_rc 0 "$GIG" account add Checking --kind checking --currency USD
expect_rc 0 "$GIG" earn 10.00 "Sync Co" --account Checking --date 2024-01-05
expect_rc 0 "$GIG" spend 100 "Landlord" --account Checking --date 2024-02-01
expect_rc 3 "$GIG" advance add "Sync Co" 0
expect_in "$T/err" "an amount above 0"
expect_rc 2 "$GIG" advance add "Sync Co"
expect_rc 0 "$GIG" advance add "Sync Co" 10.00 --on 2024-01-05 --json
python3 - "$T/out" <<'PY' || fail "advance add --json"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["payer"] == "Sync Co" and j["currency"] == "USD" and j["amount_minor"] == 1000, j
assert j["on"] == "2024-01-05", j
PY
stmt "$T/jan.csv" 2024-01-20 3.00
stmt "$T/feb.csv" 2024-02-20 4.00
stmt "$T/mar.csv" 2024-03-20 5.00
expect_rc 0 "$GIG" statements import "$T/jan.csv" --payer "Sync Co"
expect_rc 0 "$GIG" statements import "$T/feb.csv" --payer "Sync Co"

expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "unrecouped"
import json, sys
p = json.load(open(sys.argv[1]))["payers"][0]
assert p["earned"] == "7.00" and p["advance"] == "10.00" and p["recouped"] == "7.00", p
assert p["unrecouped"] == "3.00" and p["owed"] == "0.00", p
assert p["recouped_period"] is None and p["recoup_forecast_period"] == "2024-03", p
assert p["monthly_earnings"] == "3.50" and p["next_payout_date"] is None, p
PY
expect_rc 0 "$GIG" royalties
expect_in "$T/out" "advance 10.00: 7.00 recouped, 3.00 to go; nothing is paid until then"
expect_in "$T/out" "at 3.50 a month (earned since the advance) it recoups about 2024-03"
expect_rc 0 "$GIG" runway --as-of 2024-02-29 --ahead 3 --json
python3 - "$T/out" <<'PY' || fail "runway: unrecouped advance"
import json, sys
r = json.load(open(sys.argv[1]))["royalties"]
assert r["owed_minor"] == 0 and r["payouts"] == [], r
assert r["advances"] == [{"payer": "Sync Co", "advance_minor": 1000, "unrecouped_minor": 300,
                          "monthly_earnings_minor": 350, "recoup_month": "2024-03"}], r
PY
expect_rc 0 "$GIG" runway --as-of 2024-02-29 --ahead 3
expect_in "$T/out" "Advance from Sync Co: 3.00 not recouped yet"
expect_in "$T/out" "recouped about 2024-03"

# March recoups it; the 2.00 beyond flows and is paid on 15 May
expect_rc 0 "$GIG" statements import "$T/mar.csv" --payer "Sync Co"
expect_rc 0 "$GIG" royalties --json
python3 - "$T/out" <<'PY' || fail "recouped"
import json, sys
p = json.load(open(sys.argv[1]))["payers"][0]
assert p["earned"] == "12.00" and p["recouped"] == "10.00" and p["unrecouped"] == "0.00", p
assert p["recouped_period"] == "2024-03" and p["owed"] == "2.00", p
assert p["next_payout_date"] == "2024-05-15" and p["next_payout"] == "2.00", p
PY
expect_rc 0 "$GIG" royalties
expect_in "$T/out" "advance 10.00 recouped by the statement for 2024-03; royalties flow since"
expect_rc 0 "$GIG" runway --as-of 2024-04-30 --ahead 3 --json
python3 - "$T/out" <<'PY' || fail "runway: recouped"
import json, sys
j = json.load(open(sys.argv[1]))
fc = {m["month"]: m["royalties_minor"] for m in j["months"] if m["forecast"]}
assert fc == {"2024-05": 200, "2024-06": 0, "2024-07": 0}, fc
assert j["royalties"]["advances"] == [], j["royalties"]
PY
finish
