#!/bin/sh
# scripts/demo.sh: README quick start #1.  Installs what is missing, builds
# gig, creates a fresh ledger from sample-data/ (two years of the producer
# Lena Vogt: three bank exports and her invoice list) and prints what a user
# sees first: balances, open invoices and the runway report.
#
# The sample history ends on 2026-11-20, so "today" is pinned to 2026-11-24
# (GIG_TODAY) to read the report as she would have.  Safe to run again: the
# demo ledger is rebuilt from scratch each time.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/deps.sh
build="$root/build/demo"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGIG_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
gig="$build/gig"

export GIG_DB="$build/demo-ledger.db" GIG_TODAY="${GIG_TODAY:-2026-11-24}"
export XDG_CONFIG_HOME="$build/config"
rm -f "$GIG_DB" "$GIG_DB-wal" "$GIG_DB-shm"

# Echoes a command the way a user would type it (arguments with spaces quoted), then runs it.
show() {
	line="\$ gig"
	for a in "$@"; do
		case $a in
		*" "*) line="$line '$a'" ;;
		*) line="$line $a" ;;
		esac
	done
	echo "$line"
}
run() {
	show "$@"
	"$gig" "$@"
}
# An import prints one line per invoice it settles; the demo shows how many.
run_import() {
	show import "$@"
	"$gig" import "$@" >"$build/import.out" 2>&1 || { cat "$build/import.out"; exit 1; }
	grep -v '^paid:' "$build/import.out" || true
	n=$(grep -c '^paid:' "$build/import.out" || true)
	[ "$n" -gt 0 ] && echo "($n payments matched to open invoices and marked paid)"
	return 0
}

run init --currency EUR
run account add Checking --opening 4200.00 --on 2024-10-31
run account add Savings --kind savings --opening 8500.00 --on 2024-10-31
run account add "Tax Reserve" --kind tax-reserve --opening 1350.00 --on 2024-10-31
# the categorisation rules Lena set up once (sample-data/rules.csv)
while IFS=, read -r pattern category; do
	[ "$pattern" = pattern ] && continue
	"$gig" -q rules add "$pattern" "$category"
done <sample-data/rules.csv
echo "(added $(($(wc -l <sample-data/rules.csv) - 1)) categorisation rules from sample-data/rules.csv)"
run recurring add Rent 985 --next 2026-12-01 -c Rent
run recurring add "Studio rent share" 280 --next 2026-12-03 -c "Studio Rent"
run recurring add "Health insurance" 246.80 --next 2026-12-01 -c "Health Insurance"
run recurring add "Tax prepayment" 560 --every quarterly --next 2026-12-10 -c Taxes
run log --from sample-data/gigs.csv
run_import sample-data/bank-checking.csv --account Checking
run_import sample-data/savings.csv --account Savings
run_import sample-data/tax-reserve.csv --account "Tax Reserve"
echo
run balance
echo
run invoices
echo
run runway
