#!/bin/sh
# test_amount_bound.sh: issue 9 items 1 and 5 end to end.  Amounts above
# GIG_AMOUNT_MAX (10^15 - 1 minor units) are refused on every way in with exit 3
# and the bound in the message; a bank cell with the wrong digit grouping is
# refused with file:line:column; an absurd amount already in a ledger (an old
# one) can still be undone.
. "$(dirname "$0")/lib.sh"

expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add Checking

# item 5: INT64_MAX cents used to be accepted, then no other write of the month fitted
expect_rc 3 "$GIG" spend 92233720368547758.07 X
expect_in "$T/err" "999999999999999"
expect_rc 3 "$GIG" earn 10000000000000 X
expect_rc 3 "$GIG" log 10000000000000 "Big Client"
expect_rc 3 "$GIG" account add Savings --opening 10000000000000.00
expect_rc 3 "$GIG" recurring add Rent 10000000000000
printf 'client,stream,amount\nA,live,100\nB,live,10000000000000\n' >"$T/gigs.csv"
expect_rc 3 "$GIG" log --from "$T/gigs.csv"
expect_in "$T/err" "gigs.csv:3"
expect_in "$T/err" "999999999999999"
# the bound itself is fine, and later writes of the month still fit
expect_rc 0 "$GIG" spend 9999999999999.99 X --date 2026-11-02
expect_rc 0 "$GIG" spend 12.99 Splice --date 2026-11-03
expect_rc 0 "$GIG" balance --json
expect_in "$T/out" '"balance_minor" : -1000000000001298'

# item 1: typed amounts with wrong grouping are refused (they always were)
expect_rc 3 "$GIG" spend 1,23 X
expect_rc 3 "$GIG" spend 1,,2 X

# item 1: a bank cell with wrong grouping is an error, not 123.00, and writes nothing
printf 'Date,Payee,Amount\n2026-11-05,a,12.50\n2026-11-06,b,"1,23"\n' >"$T/bad.csv"
expect_rc 3 "$GIG" import "$T/bad.csv" --account Checking
expect_in "$T/err" "bad.csv:3:3:"
expect_in "$T/err" "'1,23'"
expect_rc 0 "$GIG" import list
expect_in "$T/out" "No imports yet"
printf 'Date,Payee,Amount\n2026-11-05,a,10000000000000.00\n' >"$T/huge.csv"
expect_rc 3 "$GIG" import "$T/huge.csv" --account Checking
expect_in "$T/err" "huge.csv:2:3:"

# an overflowing amount already in a ledger (written before the bound) can be undone
if command -v sqlite3 >/dev/null 2>&1; then
	printf 'Date,Payee,Amount\n2026-10-05,a,1.00\n2026-11-06,b,2.00\n' >"$T/old.csv"
	expect_rc 0 "$GIG" import "$T/old.csv" --account Checking
	sqlite3 "$GIG_DB" "UPDATE transactions SET amount_minor = 9223372036854775000
	                   WHERE batch_id IS NOT NULL" || fail "sqlite3 update"
	# the month's inflows and the balance no longer fit in 64 bits: income is refused
	expect_rc 3 "$GIG" earn 1000 X --date 2026-11-07
	expect_rc 0 "$GIG" import list
	batch=$(awk '{print $1; exit}' "$T/out")
	expect_rc 0 "$GIG" import undo "$batch" --yes
	expect_rc 0 "$GIG" earn 1000 X --date 2026-11-07
	expect_rc 0 "$GIG" balance --json
	expect_in "$T/out" '"balance_minor" : -999999999901298'
else
	echo "note: sqlite3 CLI missing, the old-ledger undo part is skipped"
fi
finish
