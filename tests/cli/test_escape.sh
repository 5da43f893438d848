# Hostile text (ESC, BEL, a CSI sequence, a C1 CSI) in bank rows and typed names never
# reaches the terminal or an export raw: every text output and the hledger/CSV exports
# carry no ESC/BEL byte and no C1 control, and show the escaped form (\x1b, \x07, \u009b).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 needed"; exit 77; }
ESC=$(printf '\033') BEL=$(printf '\007') C1=$(printf '\302\233')
BAD="${ESC}[2J${ESC}]0;pwned${BEL}"
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add "Chk${BAD}"
expect_rc 0 "$GIG" categories add "Cat${BAD}${C1}" --kind expense
expect_rc 0 "$GIG" spend 12.50 "Payee${BAD}" -c "Cat${BAD}${C1}" -m "memo${BAD}"
expect_rc 0 "$GIG" log 100 "Client${BAD}" --date 2026-11-01
printf 'Date,Description,Amount\n2026-11-02,Bank%sref,-3.00\n2026-11-03,Other%s,-4.00\n' \
	"$BAD" "$C1" >"$T/bank.csv"
expect_rc 0 "$GIG" import "$T/bank.csv" --account "Chk${BAD}"
cp "$T/out" "$T/out.import"

# raw FILE WHAT: FILE holds no ESC, BEL or C1 control, and does hold the escaped form.
raw() {
	python3 - "$1" "$2" <<'PY' || fail "$2: raw control characters: $(od -c "$1" | head -5)"
import sys
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8", "replace")
bad = [c for c in text if ord(c) < 0x20 and c not in "\n\t" or 0x7f <= ord(c) <= 0x9f]
sys.exit(1 if bad else 0)
PY
	[ $# -lt 3 ] || expect_in "$1" "$3"
}
FULL='\x1b[2J\x1b]0;pwned\x07' # the whole escaped form
CUT='\x1b[2J'                  # where a column cuts names short
raw "$T/out.import" "import"
expect_rc 0 "$GIG" import "$T/bank.csv" --account "Chk${BAD}" --dry-run --rows
raw "$T/out" "import --dry-run --rows" "Bank$FULL"
expect_in "$T/out" 'Other\u009b'

id=$("$GIG" import list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["batches"][0]["id"])')
txn=$(sqlite3 "$GIG_DB" "SELECT min(id) FROM transactions WHERE batch_id IS NOT NULL")
for cmd in "invoices" "balance" "categories" "runway" "categorize" "import list" \
	"import record $txn" "export" "export --format csv" "recurring"; do
	expect_rc 0 "$GIG" $cmd </dev/null
	cat "$T/err" >>"$T/out"
	case $cmd in
	invoices) raw "$T/out" "$cmd" "Client$CUT" ;;
	balance) raw "$T/out" "$cmd" "Chk$CUT" ;;
	categories) raw "$T/out" "$cmd" "Cat$FULL\u009b" ;;
	categorize) raw "$T/out" "$cmd" "Bank$FULL" ;;
	"import record"*) raw "$T/out" "$cmd" "Bank$FULL" ;;
	# in a journal description ';' would start a comment: it is written as ','
	export) raw "$T/out" "$cmd" 'Payee\x1b[2J\x1b]0,pwned\x07' ;;
	export*) raw "$T/out" "$cmd" "Payee$FULL" ;;
	*) raw "$T/out" "$cmd" ;;
	esac
done
expect_rc 0 "$GIG" export -o "$T/x.journal"
raw "$T/x.journal" "export -o journal" "memo$FULL"
expect_rc 0 "$GIG" export -o "$T/x.csv"
raw "$T/x.csv" "export -o csv" "Cat$FULL"
expect_in "$T/x.csv" '\u009b'
expect_rc 0 "$GIG" export -o "$T/x.json"
expect_in "$T/x.json" '\u001b[2J'
# Error messages quote what was typed: escaped too.
expect_rc 3 "$GIG" spend 1 X --account "Nope${BAD}"
raw "$T/err" "error message" "Nope$FULL"
expect_rc 2 "$GIG" categories "sub${BAD}"
raw "$T/err" "usage message" "sub$FULL"
finish
