# test_help.sh: every command of the table (gig help --names commands) and every
# subcommand it lists has --help within 80 columns, with an Examples section; the
# subcommands of a group are named in the group's help; internal names do not leak.
. "$(dirname "$0")/lib.sh"
"$GIG" help --names commands >"$T/cmds" 2>/dev/null || fail "help --names commands"
[ -s "$T/cmds" ] || fail "no commands listed"
check_help() {
	"$GIG" "$@" --help >"$T/h" 2>&1 || fail "gig $* --help exited $?"
	awk -v c="gig $*" 'length($0) > 80 { printf "FAIL: %s --help line %d is %d columns: %s\n", c, NR, length($0), $0; bad = 1 }
		END { exit bad }' "$T/h" >&2 || failures=$((failures + 1))
	grep -q '^Examples\?:' "$T/h" || fail "gig $* --help has no Examples section"
}
while read -r cmd; do
	check_help "$cmd"
	subs=$("$GIG" help --names "subcommands:$cmd" 2>/dev/null)
	for s in $subs; do
		check_help "$cmd" "$s"
		grep -qw -- "$s" "$T/h" || true
		"$GIG" "$cmd" --help >"$T/g" 2>&1
		grep -qw -- "$s" "$T/g" || fail "gig $cmd --help does not name its subcommand '$s'"
	done
done <"$T/cmds"
# categorize --help advertises only what it accepts
"$GIG" categorize --help >"$T/h"
grep -q -- '--set' "$T/h" && fail "categorize --help advertises --set"

# silent successes now say what they did, in words people use (not "partly_paid")
"$GIG" -q init --currency EUR >/dev/null
"$GIG" -q account add Checking >/dev/null
expect_rc 0 "$GIG" log 1200 "Blue Room Studios" -s mixing -d 2026-11-20 --due 2026-12-20
expect_in "$T/err" "Logged gig #1: 1,200.00 EUR from Blue Room Studios (mixing), invoiced, due 2026-12-20."
expect_rc 0 "$GIG" paid 1 500 --on 2026-11-22
expect_in "$T/err" "partly paid (700.00 EUR open)"
grep -q partly_paid "$T/out" "$T/err" && fail "gig paid shows the internal name partly_paid"
expect_rc 0 "$GIG" invoices
expect_in "$T/out" "partly paid"
expect_rc 0 "$GIG" recurring add Rent 950 --next 2026-12-01
expect_in "$T/err" "Added the bill Rent: 950.00 EUR monthly from Checking, next on 2026-12-01."
expect_rc 0 "$GIG" recurring rm Rent
expect_in "$T/err" "Removed the recurring item Rent."
expect_rc 0 "$GIG" categories add Foo --deductible
expect_in "$T/err" "Added the expense category Foo, deductible."
expect_rc 0 "$GIG" categories set Foo --essential
expect_in "$T/err" "Updated the category Foo."
expect_rc 0 "$GIG" rules add FOO Foo
expect_rc 0 "$GIG" rules rm 1
expect_in "$T/err" "Removed rule 1."
expect_rc 0 "$GIG" scenario add tour 'pause 2027-07..2027-08'
expect_in "$T/err" "Saved the scenario tour (1 change)"
expect_rc 0 "$GIG" scenario rm tour
expect_in "$T/err" "Removed the scenario tour."
expect_rc 0 "$GIG" rates set USD EUR 0.92 --on 2024-01-05
expect_in "$T/err" "Recorded 1 USD = 0.92 EUR on 2024-01-05."
# -q keeps them quiet
expect_rc 0 "$GIG" -q log 80 "Open mic" -s live
[ -s "$T/out" ] || [ -s "$T/err" ] && fail "gig -q log printed: $(cat "$T/out" "$T/err")"
finish
