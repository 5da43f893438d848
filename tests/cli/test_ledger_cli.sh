# End to end: init, accounts, gigs, expenses, balances, invoices, export,
# exit codes and error messages of the gig binary.
. "$(dirname "$0")/lib.sh"

expect_rc 0 "$GIG" --version
expect_in "$T/out" "gigledger schema"
expect_rc 0 "$GIG" --help
expect_in "$T/out" "Exit status: 0 ok"
expect_rc 2 "$GIG"
expect_rc 2 "$GIG" acount
expect_in "$T/err" "did you mean 'account'"
for c in init accounts log invoices paid cancel spend earn balance export db forecast \
	"account add" "account list" "categories add" "categories set" "recurring add" \
	"recurring list" "import list" "import undo" "import record"; do
	# shellcheck disable=SC2086
	expect_rc 0 "$GIG" $c --help
	expect_in "$T/out" "gig $c"
done
for c in account categories recurring help; do
	expect_rc 0 "$GIG" $c --help
	expect_in "$T/out" "Usage:"
done
expect_rc 0 "$GIG" help log
expect_in "$T/out" "gig log"

# no ledger yet
expect_rc 3 "$GIG" balance
expect_in "$T/err" "gig init"

expect_rc 0 "$GIG" init --currency eur
[ "$(stat -c %a "$GIG_DB")" = 600 ] || fail "ledger mode is $(stat -c %a "$GIG_DB"), not 600"
expect_rc 1 "$GIG" init
expect_in "$T/err" "refusing to overwrite"
expect_rc 3 "$GIG" --db "$T/other.db" init --currency euros
[ -e "$T/other.db" ] && fail "a failed init left a file behind"

expect_rc 0 "$GIG" account add Checking --opening 2,500.00 --on 2026-01-01
expect_rc 0 "$GIG" account add Savings --kind savings --opening 1000
expect_rc 0 "$GIG" account add "Tax pot" --kind tax-reserve
expect_rc 3 "$GIG" account add checking
expect_in "$T/err" "already exists"
expect_rc 3 "$GIG" account add Amex --kind chequing
expect_in "$T/err" "known: checking, savings, card, cash, tax-reserve"
expect_rc 2 "$GIG" account add
expect_rc 3 "$GIG" account add X --opening 12.345
expect_in "$T/err" "more than 2 decimals"

# gigs: one open, one overdue, one paid at once
expect_rc 0 "$GIG" log 1200 "Blue Room Studios" --stream mixing --date 2026-11-20 --due 2026-12-20
expect_in "$T/err" "Logged gig #1: 1,200.00 EUR from Blue Room Studios (mixing)"  # what was recorded, not a bare id
expect_rc 0 "$GIG" log 300 "Riverside School" -s teaching --date 2026-09-01 --terms 14
expect_rc 0 "$GIG" log 80 "Open mic" -s live --paid --date yesterday
expect_rc 3 "$GIG" log 100 "X" --stream jazz
expect_in "$T/err" "unknown income stream 'jazz'"
expect_rc 3 "$GIG" log 1,20 "X"
expect_rc 3 "$GIG" log 10 "X" --date 2026-02-30
expect_in "$T/err" "does not exist"
expect_rc 2 "$GIG" log 10 "X" --due 2026-12-01 --terms 5
expect_rc 3 "$GIG" log 10 "X" --paid --account Nowhere
expect_in "$T/err" "unknown account 'Nowhere'"
expect_rc 0 "$GIG" invoices --all --json
[ "$(grep -c '"id"' "$T/out")" = 3 ] || fail "a failed 'log --paid' left a gig behind"

expect_rc 0 "$GIG" invoices
expect_in "$T/out" "OVERDUE 70d"
expect_in "$T/out" "Blue Room Studios"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/out" || fail "gig invoices is wider than 80 columns"
expect_rc 0 "$GIG" invoices --json
expect_in "$T/out" '"overdue_days" : 70'

expect_rc 0 "$GIG" paid 2 100 --on 2026-11-10
expect_in "$T/err" "partly paid (200.00 EUR open)"
expect_rc 3 "$GIG" paid 2 250
expect_in "$T/err" "more than the 200.00 EUR still open"
expect_rc 3 "$GIG" paid 99
expect_rc 2 "$GIG" paid abc
expect_rc 0 "$GIG" cancel 1
expect_rc 0 "$GIG" invoices --json
grep -q '"id" : 1,' "$T/out" && fail "cancelled gig still listed as open"

expect_rc 0 "$GIG" spend 12.99 Splice -c Samples --date 2026-11-02
expect_rc 0 "$GIG" spend 50 "Pending thing" --pending
expect_rc 0 "$GIG" earn 20 "Bank interest" -c Interest -a Savings
expect_rc 3 "$GIG" spend 10 X -c "No such"
expect_rc 2 "$GIG" spend -10 X
expect_rc 0 "$GIG" spend 1,249.00 Thomann -c gear -a checking -m "monitors"
# "--" lets a payee start with a dash; it may also come before the command
expect_rc 0 "$GIG" spend --date 2026-11-03 -- 1 "-=Studio=-"
expect_rc 0 "$GIG" earn -- 1 "--refund"
expect_rc 0 "$GIG" -- balance
expect_rc 2 "$GIG" invoices extra
expect_rc 2 "$GIG" categories bogus
expect_rc 2 "$GIG" log 10 X --terms -5

# categories set changes only the flags it names
expect_rc 0 "$GIG" categories set Rent --deductible
expect_rc 0 "$GIG" categories --json
python3 -c 'import json,sys; c={x["name"]:x for x in json.load(open(sys.argv[1]))["categories"]}; sys.exit(0 if c["Rent"]["essential"] and c["Rent"]["deductible"] else 1)' "$T/out" ||
	fail "categories set --deductible cleared the essential flag"
expect_rc 2 "$GIG" categories set Rent
expect_rc 0 "$GIG" categories set Rent --no-deductible

# 2500 + 80 (paid gig) + 100 (partial) - 12.99 - 1249 - 1 + 1 = 1418.01; pending -50 excluded
expect_rc 0 "$GIG" balance --json
expect_in "$T/out" '"balance_minor" : 141801'
expect_in "$T/out" '"balance" : "1418.01"'
expect_in "$T/out" '"pending_count" : 1'
expect_in "$T/out" '"balance_minor" : 102000'
expect_rc 0 "$GIG" balance
expect_in "$T/out" "1,418.01"

# exports
expect_rc 0 "$GIG" export --format csv
[ "$(wc -l <"$T/out")" = 9 ] || fail "csv export should have a header and 8 rows"
expect_rc 0 "$GIG" export -o "$T/book.json"
expect_in "$T/book.json" '"transactions"'
expect_rc 2 "$GIG" export --format xml

finish
