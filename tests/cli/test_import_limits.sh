# tests/cli/test_import_limits.sh: issue 9.10 through the CLI: the lines of rows
# skipped for having no amount are named in the summary and in --json; a profile
# mistake is refused (exit 3) naming file, key and line (9.4); a record over
# 1 MiB is refused (exit 3) naming file:line.
. "$(dirname "$0")/lib.sh"

expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add Checking

f="$T/skip.csv"
{
	echo "Date,Payee,Amount"
	for d in 01 02 03 04 05 06 07 08; do echo "2026-01-$d,Paid $d,1.00"; done
	for d in 09 10 11 12 13 14 15; do echo "2026-01-$d,Empty $d,"; done
} >"$f"
expect_rc 0 "$GIG" import "$f" --account Checking --dry-run
expect_in "$T/out" "7 skipped rows;"
expect_in "$T/out" "  skipped for having no amount: lines 10, 11, 12, 13, 14 and 2 more"
expect_rc 0 "$GIG" import "$f" --account Checking --json
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"skipped_rows":7,"skipped_no_amount_lines":[10,11,12,13,14,15,16],'

printf '[profile]\nheader=none\n\n[columns]\ndate=1\namount=Amount\n' >"$T/p.ini"
expect_rc 3 "$GIG" import "$f" --account Checking --profile "$T/p.ini" --dry-run
expect_in "$T/err" "$T/p.ini: [columns] amount (line 6): 'Amount' is a header name"

big="$T/big.csv"
{
	echo "Date,Payee,Amount"
	printf '2026-02-01,'
	head -c 3000000 /dev/zero | tr '\0' x
	echo ",1.00"
} >"$big"
expect_rc 3 "$GIG" import "$big" --account Checking
expect_in "$T/err" "$big:2: a record longer than 1 MiB"

finish
