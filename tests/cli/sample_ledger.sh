# tests/cli/sample_ledger.sh: builds the demo's ledger from sample-data/ (sourced after
# lib.sh, so $GIG and $GIG_DB are set): three accounts, the rules, the gigs and the three
# bank exports, as scripts/demo.sh does.
SAMPLE="$(cd "$(dirname "$0")/../../sample-data" && pwd)"
"$GIG" -q init --currency EUR || fail "init"
"$GIG" -q account add Checking --opening 4200.00 --on 2024-10-31
"$GIG" -q account add Savings --kind savings --opening 8500.00 --on 2024-10-31
"$GIG" -q account add "Tax Reserve" --kind tax-reserve --opening 1350.00 --on 2024-10-31
while IFS=, read -r pattern category; do
	[ "$pattern" = pattern ] && continue
	"$GIG" -q rules add "$pattern" "$category"
done <"$SAMPLE/rules.csv"
"$GIG" -q log --from "$SAMPLE/gigs.csv" || fail "log --from"
"$GIG" -q import "$SAMPLE/bank-checking.csv" --account Checking >/dev/null || fail "import"
"$GIG" -q import "$SAMPLE/savings.csv" --account Savings >/dev/null || fail "import"
"$GIG" -q import "$SAMPLE/tax-reserve.csv" --account "Tax Reserve" >/dev/null || fail "import"
