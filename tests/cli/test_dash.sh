# test_dash.sh: '-' means standard input or output wherever gig takes a file: log
# --from -, import -, rates import -, statements import -, forecast -, export -o -,
# runway -o -, backup -; no file named '-' is ever written.
. "$(dirname "$0")/lib.sh"
D="$GIG_TEST_DATA"
cd "$T" || exit 1
"$GIG" -q init --currency EUR || fail init
"$GIG" -q account add Checking || fail account
printf 'client,stream,amount\nNora Feld,mixing,250\n' | "$GIG" log --from - >"$T/out" 2>"$T/err" ||
	fail "log --from -: $(cat "$T/err")"
expect_rc 0 "$GIG" invoices --all
expect_in "$T/out" "Nora Feld"
printf 'Date,Description,Amount\n2026-11-02,THOMANN,-12.00\n' >"$T/bank.csv"
"$GIG" import - --account Checking <"$T/bank.csv" >"$T/out" 2>&1 || fail "import -: $(cat "$T/out")"
expect_in "$T/out" "1 new"
"$GIG" rates import - <"$D/rates/pairs.csv" >"$T/out" 2>&1 || fail "rates import -: $(cat "$T/out")"
expect_in "$T/out" "2 rates added"
"$GIG" statements import - <"$D/statements/distrokid.tsv" >"$T/out" 2>&1 ||
	fail "statements import -: $(cat "$T/out")"
expect_in "$T/out" "-: distrokid statement, 7 lines (7 new)"
printf '100\n120\n90\n110\n' | "$GIG" forecast - >"$T/out" 2>&1 || fail "forecast -"
expect_in "$T/out" "series: 4 months"
"$GIG" export -o - >"$T/out" || fail "export -o -"
expect_in "$T/out" "THOMANN"
"$GIG" runway -o - --format json >"$T/out" || fail "runway -o -"
expect_in "$T/out" '"schema_version": 1'
# backup -: the bytes on stdout are a ledger that opens and holds the same accounts
"$GIG" backup - >"$T/copy.db" || fail "backup -"
GIG_DB="$T/copy.db" "$GIG" accounts >"$T/out" 2>&1 || fail "the backup from stdout does not open"
expect_in "$T/out" "-12.00"
[ -e "$T/-" ] && fail "a file named '-' was written"
finish
