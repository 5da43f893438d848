# Identical rows split across two exports (issue 10, class 9): export A ends with the
# first of two identical coffees, export B starts with the second.  The running
# balance tells them apart: B's coffee ends at 993.00 = A's coffee's 996.50 + its
# -3.50, so it directly follows A's and is a second coffee.  Worked by hand:
#   A: SALARY +1000.00 (1000.00), COFFEE -3.50 (996.50)
#   B: COFFEE -3.50 (993.00), RENT -500.00 (493.00)
#   ledger: 1000.00 - 3.50 - 3.50 - 500.00 = 493.00, the balance B states.
# Re-importing either export adds nothing; so does an export C covering both days.
. "$(dirname "$0")/lib.sh"
json_int() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
cat >"$T/a.csv" <<'CSV'
Date,Description,Amount,Balance
2026-11-01,SALARY,1000.00,1000.00
2026-11-02,COFFEE,-3.50,996.50
CSV
cat >"$T/b.csv" <<'CSV'
Date,Description,Amount,Balance
2026-11-02,COFFEE,-3.50,993.00
2026-11-03,RENT,-500.00,493.00
CSV
cat >"$T/c.csv" <<'CSV'
Date,Description,Amount,Balance
2026-11-01,SALARY,1000.00,1000.00
2026-11-02,COFFEE,-3.50,996.50
2026-11-02,COFFEE,-3.50,993.00
2026-11-03,RENT,-500.00,493.00
CSV
imp() { # imp FILE INSERTED DUPLICATES
	expect_rc 0 "$GIG" import "$T/$1" --account Checking --json
	[ "$(json_int "$T/out" inserted)" = "$2" ] ||
		fail "$1: inserted $(json_int "$T/out" inserted), expected $2"
	[ "$(json_int "$T/out" duplicates)" = "$3" ] ||
		fail "$1: duplicates $(json_int "$T/out" duplicates), expected $3"
}
imp a.csv 2 0
imp b.csv 2 0
expect_rc 0 "$GIG" balance --json
expect_in "$T/out" '"balance_minor" : 49300'
imp a.csv 0 2
imp b.csv 0 2
imp c.csv 0 4
expect_rc 0 "$GIG" balance --json
expect_in "$T/out" '"balance_minor" : 49300'

# The same two exports newest first (the bank lists the latest row on top).
export GIG_DB="$T/newest.db"
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
printf 'Date,Description,Amount,Balance\n2026-11-02,COFFEE,-3.50,996.50\n2026-11-01,SALARY,1000.00,1000.00\n' >"$T/an.csv"
printf 'Date,Description,Amount,Balance\n2026-11-03,RENT,-500.00,493.00\n2026-11-02,COFFEE,-3.50,993.00\n' >"$T/bn.csv"
imp an.csv 2 0
imp bn.csv 2 0
imp an.csv 0 2
imp bn.csv 0 2
expect_rc 0 "$GIG" balance --json
expect_in "$T/out" '"balance_minor" : 49300'

# Without a balance column the occurrence rule stays: B's coffee is taken for A's.
export GIG_DB="$T/nobal.db"
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
printf 'Date,Description,Amount\n2026-11-01,SALARY,1000.00\n2026-11-02,COFFEE,-3.50\n' >"$T/a0.csv"
printf 'Date,Description,Amount\n2026-11-02,COFFEE,-3.50\n2026-11-03,RENT,-500.00\n' >"$T/b0.csv"
imp a0.csv 2 0
imp b0.csv 1 1
expect_rc 0 "$GIG" check
finish
