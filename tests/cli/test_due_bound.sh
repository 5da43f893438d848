# A due date computed past 9999-12-31 (invoice date + terms) is refused with a message
# naming the invoice date and the terms, exit 3, and nothing is added; the last day
# that fits is accepted.
. "$(dirname "$0")/lib.sh"
expect_rc 0 "$GIG" init
expect_rc 3 "$GIG" log 100 "Late Client" --date 9999-12-20
expect_in "$T/err" "invoiced 9999-12-20 + 30 days of terms"
expect_in "$T/err" "after 9999-12-31"
grep -q CHECK "$T/err" && fail "raw SQLite constraint text: $(cat "$T/err")"
expect_rc 3 "$GIG" log 100 "Late Client" --date 9999-12-20 --terms 12
expect_in "$T/err" "invoiced 9999-12-20 + 12 days of terms"
expect_rc 0 "$GIG" invoices --json
grep -q '"id"' "$T/out" && fail "a refused gig was stored: $(cat "$T/out")"
expect_rc 0 "$GIG" log 100 "Late Client" --date 9999-12-20 --terms 11
expect_rc 0 "$GIG" invoices --json
expect_in "$T/out" '"due_on" : "9999-12-31"'
finish
