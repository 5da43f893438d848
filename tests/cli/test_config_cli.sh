# test_config_cli.sh: `gig config get|set|unset|list`: validation (a clear error naming
# the key and what it allows), storage in the ledger, and that each key changes what
# reads it (the runway report, gig reserve, the default account, the base currency).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 needed"; exit 77; }
check() { [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"; }

expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" config list
expect_in "$T/out" "tax_rate_bp       2500"
expect_in "$T/out" "reserve_multiple  auto"
check "get default" "20240601" "$("$GIG" config get simulation_seed)"
check "json list" "10" "$("$GIG" config list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["settings"]))')"
check "json get" "['windfall_factor', '5', False]" "$("$GIG" config get windfall_factor --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([d["key"], d["value"], d["set"]])')"

# validation: every refusal names the key and what it allows, and changes nothing
for kv in "tax_rate_bp 10001" "tax_rate_bp -1" "tax_rate_bp 25%" "tax_rate_bp x" \
	"reserve_multiple 0.5" "reserve_multiple 25" "reserve_multiple 1.234" "reserve_multiple many" \
	"windfall_factor 0.99" "windfall_factor 101" "simulation_seed -1" \
	"tax.profile ../etc" "tax.rate 100.5" "tax.last_year_tax x" \
	"simulation_seed 18446744073709551616" "base_currency EURO" "base_currency 123"; do
	# shellcheck disable=SC2086
	set -- $kv
	expect_rc 3 "$GIG" config set -- "$1" "$2"
	expect_in "$T/err" "$1: '$2' is not allowed; allowed: "
done
check "unchanged" "2500" "$("$GIG" config get tax_rate_bp)"
expect_rc 3 "$GIG" config set colour blue
expect_in "$T/err" "unknown setting 'colour'; the settings are tax_rate_bp, reserve_multiple"
expect_rc 3 "$GIG" config get colour
expect_rc 3 "$GIG" config unset colour
expect_rc 3 "$GIG" config unset base_currency
expect_rc 3 "$GIG" config set default_account Nope
expect_in "$T/err" "default_account: unknown account 'Nope'"
expect_rc 2 "$GIG" config
expect_rc 2 "$GIG" config set tax_rate_bp
expect_rc 2 "$GIG" config get
expect_rc 2 "$GIG" config frob
expect_rc 2 "$GIG" config list extra
expect_rc 0 "$GIG" config --help
expect_in "$T/out" "gig config set tax_rate_bp 3000"
expect_in "$T/out" "windfall_factor: "
python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' "$T/out" ||
	fail "config --help wider than 80"

# values are normalised and stored in the ledger's settings table
expect_rc 0 "$GIG" config set reserve_multiple 6.50
check "normalised" "6.5" "$("$GIG" config get reserve_multiple)"
expect_rc 0 "$GIG" config set reserve_multiple AUTO
check "auto" "auto" "$("$GIG" config get reserve_multiple)"
expect_rc 0 "$GIG" config set windfall_factor 2.25
check "stored" "2.25" "$(sqlite3 "$GIG_DB" "SELECT value FROM settings WHERE key = 'windfall_factor'" 2>/dev/null || "$GIG" config get windfall_factor)"
expect_rc 0 "$GIG" config unset windfall_factor
check "unset" "5" "$("$GIG" config get windfall_factor)"

# base_currency: any code while there is no account, then only one an account uses
expect_rc 0 "$GIG" config set base_currency usd
check "base" "USD" "$("$GIG" config get base_currency)"
expect_rc 0 "$GIG" account add Checking
check "account in USD" "USD" "$("$GIG" balance --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["accounts"][0]["currency"])')"
expect_rc 0 "$GIG" account add Euro --currency EUR --kind savings
expect_rc 3 "$GIG" config set base_currency JPY
expect_in "$T/err" "no account is in JPY"
expect_rc 0 "$GIG" config set base_currency EUR
expect_rc 0 "$GIG" spend 10 "Paid in euros" -a Euro
check "report currency" "EUR" "$("$GIG" report --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["currency"])')"

# default_account: where a command that names no account records, kept across a rename
expect_rc 0 "$GIG" config set base_currency USD
expect_rc 0 "$GIG" spend 1 "to the default"
check "first checking" "Checking" "$("$GIG" txn list --payee 'to the default' --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["transactions"][0]["account"])')"
expect_rc 0 "$GIG" config set default_account euro
check "get by name" "Euro" "$("$GIG" config get default_account)"
expect_rc 0 "$GIG" spend 2 "to the setting"
check "default account" "Euro" "$("$GIG" txn list --payee 'to the setting' --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["transactions"][0]["account"])')"
expect_rc 0 "$GIG" config unset default_account
expect_rc 0 "$GIG" spend 3 "default again"
check "unset default" "Checking" "$("$GIG" txn list --payee 'default again' --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["transactions"][0]["account"])')"

# the runway report reads tax_rate_bp, reserve_multiple, windfall_factor, simulation_seed
rm -f "$GIG_DB" "$GIG_DB-wal" "$GIG_DB-shm"
. "$(dirname "$0")/sample_ledger.sh"
a() { "$GIG" runway --json | python3 -c "import json,sys; d=json.load(sys.stdin); a=d['assumptions']; print($1)"; }
check "defaults" "2500 5.0 20240601 False" "$(a "a['tax_rate_bp'], a['windfall_factor'], a['seed'], a['reserve_rule'].endswith('setting')" | tr -d '(),')"
expect_rc 0 "$GIG" config set tax_rate_bp 3000
expect_rc 0 "$GIG" config set reserve_multiple 10
expect_rc 0 "$GIG" config set windfall_factor 1.5
expect_rc 0 "$GIG" config set simulation_seed 7
check "settings read" "3000 10.0 1.5 7 True" "$(a "a['tax_rate_bp'], a['reserve_multiple'], a['windfall_factor'], a['seed'], a['reserve_rule'].endswith('the reserve_multiple setting')" | tr -d '(),')"
# the reserve target is M x mean essential spending (or the CFaR, when larger)
check "target" "True" "$(a "abs(d['reserve_target_minor'] - max(10 * a['mean_essential_minor'], a['cfar90_minor'])) <= 10")"
check "more windfalls at 1.5x" "True" "$(a "a['windfalls'] > 1")"
check "--seed still wins" "9" "$("$GIG" runway --json --seed 9 | python3 -c 'import json,sys; print(json.load(sys.stdin)["assumptions"]["seed"])')"
expect_rc 0 "$GIG" reserve
expect_in "$T/out" "M = 10.00, set by you"
# a value put into the file by other means is refused where it is read
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$GIG_DB" "UPDATE settings SET value = 'lots' WHERE key = 'windfall_factor'"
	expect_rc 3 "$GIG" runway
	expect_in "$T/err" "setting windfall_factor is 'lots'"
	sqlite3 "$GIG_DB" "UPDATE settings SET value = 'x' WHERE key = 'simulation_seed'"
	expect_rc 3 "$GIG" reserve
	expect_in "$T/err" "setting simulation_seed is 'x'"
fi
finish
