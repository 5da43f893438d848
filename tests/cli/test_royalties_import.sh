# test_royalties_import.sh: `gig import` links payout deposits to royalty payers, as
# `gig royalties match` does (issue 15), lists the ambiguous ones, and `gig import
# undo` takes the links away with the rows.
#
# Payers: PRS (match "PRS FOR MUSIC") with statements Feb 2025 40.00 and May 2025
# 25.00 (owed 65.00); MCPS (match "MCPS" and "PRS FOR MUSIC", as PRS pays MCPS's
# money too) with a statement Mar 2025 25.00 (owed 25.00).  The bank file, by date:
#   line 2, 15 Jul, PRS FOR MUSIC 40.00: PRS's February total; over MCPS's 25.00
#     owed, so only PRS fits: linked, PRS owes 25.00;
#   line 3, 15 Oct, PRS FOR MUSIC 25.00: PRS's balance and MCPS's balance:
#     ambiguous, listed, not linked;
#   line 4, 20 Oct, MCPS ROYALTIES 24.99: only MCPS's name; 25.00 within a cent:
#     linked, MCPS owes 0.01;
#   line 5, 3 Nov, PRS FOR MUSIC 99.00: no balance or total: nothing;
#   line 6, 5 Nov, Blue Room 500.00: no payer's name: nothing.
# So PRS paid 40.00 owed 25.00, MCPS paid 24.99 owed 0.01.  After the undo both
# are paid 0.00.  Imported again and then `gig royalties match` (payers by name:
# MCPS owes 0.01, so the 25.00 goes to PRS): PRS owed 0.00.
. "$(dirname "$0")/lib.sh"
export GIG_TODAY=2025-12-01
P="$XDG_CONFIG_HOME/gigledger/payers"
mkdir -p "$P"
printf '[payer]\nname=PRS\nmatch=PRS FOR MUSIC\ncurrency=GBP\ncadence=quarterly\nmonths=4;7;10;12\nday=15\nlag-days=100\nminimum=0\n' >"$P/prs.ini"
printf '[payer]\nname=MCPS\nmatch=MCPS;PRS FOR MUSIC\ncurrency=GBP\ncadence=quarterly\nmonths=4;7;10;12\nday=15\nlag-days=100\nminimum=0\n' >"$P/mcps.ini"

stmt() { # stmt FILE DATE TITLE AMOUNT
	printf 'date,paid to,item type,item name,currency,amount you received,net amount\n' >"$1"
	printf '%s,bank,track,%s,GBP,%s,%s\n' "$2" "$3" "$4" "$4" >>"$1"
}
expect_rc 0 "$GIG" init --currency GBP
expect_rc 0 "$GIG" account add Checking --kind checking --currency GBP
stmt "$T/s1.csv" 2025-02-10 "Low Tide" 40.00
stmt "$T/s2.csv" 2025-05-10 "Cafe Noir" 25.00
stmt "$T/s3.csv" 2025-03-10 "Low Tide" 25.00
expect_rc 0 "$GIG" statements import "$T/s1.csv" --payer PRS
expect_rc 0 "$GIG" statements import "$T/s2.csv" --payer PRS
expect_rc 0 "$GIG" statements import "$T/s3.csv" --payer MCPS

cat >"$T/bank.csv" <<'CSV'
Date,Description,Amount
2025-07-15,PRS FOR MUSIC,40.00
2025-10-15,PRS FOR MUSIC,25.00
2025-10-20,MCPS ROYALTIES,24.99
2025-11-03,PRS FOR MUSIC,99.00
2025-11-05,Blue Room,500.00
CSV

owed() { # owed PAYER PAID OWED
	expect_rc 0 "$GIG" royalties --json
	python3 - "$T/out" "$1" "$2" "$3" <<'PY' || fail "royalties of $1: $(cat "$T/out")"
import json, sys
p = {x["payer"]: x for x in json.load(open(sys.argv[1]))["payers"]}[sys.argv[2]]
assert (p["paid"], p["owed"]) == (sys.argv[3], sys.argv[4]), p
PY
}

expect_rc 0 "$GIG" import "$T/bank.csv" --account Checking --json
python3 - "$T/out" <<'PY' || fail "import --json royalty_payouts: $(cat "$T/out")"
import json, sys
j = json.load(open(sys.argv[1]))
r = [(x["line"], x["payer"], x["amount_minor"], x["currency"], x["ambiguous"])
     for x in j["royalty_payouts"]]
assert r == [(2, "PRS", 4000, "GBP", False), (3, "MCPS, PRS", 2500, "GBP", True),
             (4, "MCPS", 2499, "GBP", False)], r
PY
batch=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["batch_id"])' "$T/out")
owed PRS 40.00 25.00
owed MCPS 24.99 0.01

expect_rc 0 "$GIG" import undo "$batch" --yes
owed PRS 0.00 65.00
owed MCPS 0.00 25.00

# the text summary, and the ambiguous deposit left to `gig royalties match`
expect_rc 0 "$GIG" import "$T/bank.csv" --account Checking
expect_in "$T/out" "royalty: line 2: GBP 40.00 paid by PRS"
expect_in "$T/out" "ambiguous: line 3: GBP 25.00 could be a royalty payout from MCPS, PRS; not linked"
expect_in "$T/out" "royalty: line 4: GBP 24.99 paid by MCPS"
expect_rc 0 "$GIG" royalties match
expect_in "$T/out" "Matched 1 payout."
owed PRS 65.00 0.00
owed MCPS 24.99 0.01
finish
