#!/bin/sh
# test_import_infer.sh: `gig import --dry-run` explains each column's role
# (text and --json), and `--save-profile NAME` writes a profile (0600, in the
# user's profile directory) that re-imports the file identically (issue 10).
# Usage: sh test_import_infer.sh /path/to/gig   (run by ctest from tests/)
. "$(dirname "$0")/lib.sh"
DATA=${GIG_TEST_DATA:-$(pwd)/data}
command -v python3 >/dev/null 2>&1 || { echo "python3 needed for JSON checks"; exit 77; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
check() { # check NAME EXPECTED ACTUAL
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

RB="$DATA/infer/headerless-running-balance.csv"
RU="$DATA/infer/ru-bank-cyrillic-header.csv"
"$GIG" init --currency EUR >/dev/null 2>&1 || { echo "gig init failed"; exit 1; }
"$GIG" account add Bank >/dev/null 2>&1
"$GIG" account add Rub --currency RUB >/dev/null 2>&1

# text: one line per column, the role, its score, why, the runner-up
expect_rc 0 "$GIG" import "$RU" --account Rub --dry-run
expect_in "$T/out" "column 3 'Сумма': amount 100 (values signed, 2 dp; balance chain holds; name says amount)"
expect_in "$T/out" "column 5 'Остаток': balance 100 (values unsigned, 2 dp; balance chain holds; name says balance); runner-up amount"
expect_in "$T/out" "column 1 'Дата проводки': date 100 (every value a date; name says date)"
# a header of made-up names: the values alone
expect_rc 0 "$GIG" import "$DATA/infer/no-known-names.csv" --account Bank --dry-run
expect_in "$T/out" "column 4 'Frob': amount 100 (values signed, 2 dp; balance chain holds)"
expect_in "$T/out" "column 5 'Quux': balance 100 (values unsigned, 2 dp; balance chain holds)"

# the header names come from data/column-names.ini (compiled in); with
# GIG_COLUMN_NAMES=FILE the importer reads FILE instead: a name added there
# ("Frob" as the amount) is a hint the explanation shows
cp "$DATA/../../data/column-names.ini" "$T/names.ini"
printf '\n[more amount]\nFrob=1\n' >>"$T/names.ini"
expect_rc 0 env GIG_COLUMN_NAMES="$T/names.ini" "$GIG" import "$DATA/infer/no-known-names.csv" --account Bank --dry-run
expect_in "$T/out" "column 4 'Frob': amount 100 (values signed, 2 dp; balance chain holds; name says amount)"

# the account number a preamble states: text and guesses.account_number
"$GIG" account add Nok --currency NOK >/dev/null 2>&1
expect_rc 0 "$GIG" import "$DATA/infer/headerless-preamble-in-out.csv" --account Nok --dry-run
expect_in "$T/out" "account number in the file: NO9386011117947"
expect_rc 0 "$GIG" import "$DATA/infer/headerless-preamble-in-out.csv" --account Nok --dry-run --json
check "json account number" NO9386011117947 "$(json 'd["guesses"]["account_number"]' <"$T/out")"

# JSON: guesses.column_roles
expect_rc 0 "$GIG" import "$RB" --account Bank --dry-run --json
check "json roles" "date payee amount balance" \
	"$(json '" ".join(c["role"] for c in d["guesses"]["column_roles"])' <"$T/out")"
check "json balance score" 100 "$(json 'd["guesses"]["column_roles"][3]["score"]' <"$T/out")"
check "json why" "values signed, 2 dp; balance chain holds" "$(json 'd["guesses"]["column_roles"][2]["why"]' <"$T/out")"

# --save-profile: the file, its mode, and an identical re-import through it
expect_rc 0 "$GIG" import "$RB" --account Bank --dry-run --json --rows --save-profile my-bank
cp "$T/out" "$T/guessed.json"
P="$T/config/gigledger/profiles/my-bank.ini"
[ -f "$P" ] || fail "no profile written at $P"
check "profile mode" 600 "$(stat -c %a "$P")"
expect_in "$P" "name=my-bank"
expect_in "$P" "amount=3"
expect_in "$P" "balance=4"
expect_in "$T/err" "Saved profile my-bank"
expect_rc 0 "$GIG" import "$RB" --account Bank --dry-run --json --rows --profile my-bank
rows() { json '[(r["line"], r["date"], r["amount_minor"], r["payee"]) for r in d["rows"]]' <"$1"; }
check "same rows through the profile" "$(rows "$T/guessed.json")" "$(rows "$T/out")"
check "profile used" my-bank "$(json 'd["guesses"]["profile"]' <"$T/out")"
# imported through the profile, the guessed import finds every row already there
expect_rc 0 "$GIG" import "$RB" --account Bank --profile my-bank --json
check "inserted via profile" 5 "$(json 'd["inserted"]' <"$T/out")"
expect_rc 0 "$GIG" import "$RB" --account Bank --json
check "re-import without profile adds nothing" 0 "$(json 'd["inserted"]' <"$T/out")"
check "re-import duplicates" 5 "$(json 'd["duplicates"]' <"$T/out")"

# a name that is not a plain file name is refused before anything happens
expect_rc 2 "$GIG" import "$RB" --account Bank --dry-run --save-profile ../evil
expect_in "$T/err" "--save-profile needs a NAME"
[ -e "$T/config/gigledger/evil.ini" ] && fail "wrote outside the profile directory"

# help: the option and an example
expect_rc 0 "$GIG" import --help
expect_in "$T/out" "--save-profile"
expect_in "$T/out" "gig import odd.csv --dry-run --save-profile mybank"
finish
