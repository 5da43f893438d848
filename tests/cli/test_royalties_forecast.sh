# test_royalties_forecast.sh: the runway knows the royalty pipeline (issue 15).
#
# Two ledgers with the same gig income and expenses (GBP, Feb 2025 .. Jan 2026):
#   A: nothing else;
#   B: also PRS statements and two PRS payouts (40.00 each, matched to the
#      statements of Feb and May 2025), and two statements still owed:
#      November 2025 12.00 and January 2026 25.00.
# PRS-like calendar: quarterly (Apr, Jul, Oct, Dec) on the 15th, lag 100 days,
# minimum 30.00.  As of 2026-01-31 the forecast runs Feb..Jul 2026.
# By hand: November's 12.00 is payable from 30 Nov + 100 d = 10 Mar 2026 and
# January's 25.00 from 31 Jan + 100 d = 11 May 2026.  On 15 Apr only the 12.00 is
# payable, under the 30.00 minimum, so it rolls over; on 15 Jul both are payable:
# 12.00 + 25.00 = 37.00 in July, nothing in April.  With minimum 0, April would get
# 12.00 and July 25.00.
# The income method is fitted without the royalty payouts, so A's and B's smoothed
# income are equal month by month, and deleting B's statements leaves it unchanged
# (and the royalties expected at 0).
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2026-02-10
mkdir -p "$XDG_CONFIG_HOME/gigledger/payers"
ini() {
	cat >"$XDG_CONFIG_HOME/gigledger/payers/prs.ini" <<INI
[payer]
name=PRS
match=PRS FOR MUSIC
currency=GBP
cadence=quarterly
months=4;7;10;12
day=15
lag-days=100
minimum=$1
INI
}
ini 30.00

ledger() {
	export GIG_DB="$T/$1.db"
	expect_rc 0 "$GIG" init --currency GBP
	expect_rc 0 "$GIG" account add Checking --kind checking --currency GBP
	expect_rc 0 "$GIG" earn 3000 "Opening" --account Checking --date 2025-02-01 -c Transfer
	i=0
	for m in 2025-02 2025-03 2025-04 2025-05 2025-06 2025-07 2025-08 2025-09 2025-10 \
		2025-11 2025-12 2026-01; do
		i=$((i + 1))
		expect_rc 0 "$GIG" earn $((900 + (i * 37) % 300)) "Blue Room" --account Checking \
			--date "$m-05"
		expect_rc 0 "$GIG" spend 500 "Landlord" --account Checking --date "$m-01"
	done
}

stmt() { # stmt FILE DATE TITLE AMOUNT
	printf 'date,paid to,item type,item name,currency,amount you received,net amount\n' >"$1"
	printf '%s,bank,track,%s,GBP,%s,%s\n' "$2" "$3" "$4" "$4" >>"$1"
}

runway_json() {
	expect_rc 0 "$GIG" runway --as-of 2026-01-31 --ahead 6 --json
	cp "$T/out" "$T/$1.json"
}

ledger A
runway_json A

ledger B
stmt "$T/s1.csv" 2025-02-10 "Low Tide" 40.00
stmt "$T/s2.csv" 2025-05-10 "Cafe Noir" 40.00
stmt "$T/s3.csv" 2025-11-10 "Low Tide" 12.00
stmt "$T/s4.csv" 2026-01-10 "Cafe Noir" 25.00
for f in s1 s2 s3 s4; do
	expect_rc 0 "$GIG" statements import "$T/$f.csv" --payer PRS
done
expect_rc 0 "$GIG" earn 40.00 "PRS FOR MUSIC" --account Checking --date 2025-07-15
expect_rc 0 "$GIG" earn 40.00 "PRS FOR MUSIC" --account Checking --date 2025-10-15
expect_rc 0 "$GIG" royalties match
expect_in "$T/out" "Matched 2 payouts."
runway_json B

python3 - "$T/A.json" "$T/B.json" <<'PY' || fail "royalties in the runway (minimum 30.00)"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
fa = [m for m in a["months"] if m["forecast"]]
fb = [m for m in b["months"] if m["forecast"]]
assert [m["month"] for m in fb] == ["2026-02", "2026-03", "2026-04", "2026-05",
                                    "2026-06", "2026-07"], fb
# the fit is the same without and with the royalty pipeline
assert [m["smoothed_income_minor"] for m in fa] == [m["smoothed_income_minor"] for m in fb]
ha = [m["smoothed_income_minor"] for m in a["months"] if not m["forecast"]]
hb = [m["smoothed_income_minor"] for m in b["months"] if not m["forecast"]]
assert ha == hb, (ha, hb)
roy = {m["month"]: m["royalties_minor"] for m in fb}
assert roy == {"2026-02": 0, "2026-03": 0, "2026-04": 0, "2026-05": 0, "2026-06": 0,
               "2026-07": 3700}, roy
for m in fb:  # no invoices: income = the forecast + the royalties
    assert m["income_minor"] == m["smoothed_income_minor"] + m["royalties_minor"], m
r = b["royalties"]
assert r["owed_minor"] == 3700 and r["expected_minor"] == 3700, r
assert r["left_out_of_fit_minor"] == 8000, r
assert r["payouts"] == [{"payer": "PRS", "expected_on": "2026-07-15", "amount_minor": 3700,
                         "payable_minor": 0}], r
# B has 80.00 more cash than A (the two payouts), and 37.00 more income in July
ja = {m["month"]: m["balance_minor"] for m in fa}
jb = {m["month"]: m["balance_minor"] for m in fb}
assert jb["2026-06"] - ja["2026-06"] == 8000 and jb["2026-07"] - ja["2026-07"] == 11700
PY

# the text and HTML runway show it
expect_rc 0 "$GIG" runway --as-of 2026-01-31 --ahead 6
expect_in "$T/out" "ROYALTY"
expect_in "$T/out" "Royalties expected"
grep -E '^PRS +2026-07-15 +37\.00 +0\.00' "$T/out" >/dev/null || fail "text royalties: $(cat "$T/out")"
expect_rc 0 "$GIG" runway --as-of 2026-01-31 --ahead 6 --format html
expect_in "$T/out" 'data-key="royalties.payouts.0.amount_minor" data-minor="3700"'
expect_in "$T/out" 'data-key="months.17.royalties_minor" data-minor="3700"'

# without the minimum the two dues are paid as they become payable
ini 0
runway_json B0
python3 - "$T/B0.json" <<'PY' || fail "royalties with minimum 0"
import json, sys
b = json.load(open(sys.argv[1]))
roy = {m["month"]: m["royalties_minor"] for m in b["months"] if m["forecast"]}
assert roy["2026-04"] == 1200 and roy["2026-07"] == 2500, roy
assert sum(roy.values()) == 3700, roy
PY
ini 30.00

# removing the statements leaves the smoothed income unchanged
sqlite3 "$GIG_DB" "DELETE FROM royalty_lines; DELETE FROM royalty_statements;"
runway_json C
python3 - "$T/B.json" "$T/C.json" <<'PY' || fail "statements removed"
import json, sys
b, c = (json.load(open(p)) for p in sys.argv[1:3])
assert [m["smoothed_income_minor"] for m in b["months"]] == \
       [m["smoothed_income_minor"] for m in c["months"]]
assert all(m["royalties_minor"] == 0 for m in c["months"] if m["forecast"])
assert c["royalties"]["owed_minor"] == 0 and c["royalties"]["payouts"] == []
PY
finish
