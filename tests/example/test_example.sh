# test_example.sh: examples/runway_min.c, built by every build against the library
# (test example_runway_min), prints 1,000.00 opening - 650.00 rent = 350.00; and the
# README's "Using the library" section shows that file whole (the block between the
# markers is byte for byte the file), so the manual cannot drift from what is built.
set -u
EXE=${1:?usage: test_example.sh EXAMPLE SOURCE_DIR}
SRC=${2:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
"$EXE" "$T/l.db" >"$T/out" 2>&1 || fail "example failed: $(cat "$T/out")"
[ "$(cat "$T/out")" = "Checking: 350.00 EUR" ] || fail "example printed '$(cat "$T/out")'"
[ "$(stat -c %a "$T/l.db")" = 600 ] || fail "the ledger is not 0600"
sed -n '/^<!-- example: examples\/runway_min.c -->$/,/^<!-- end of example -->$/p' \
	"$SRC/README.md" | sed '1,2d;$d' | sed '$d' >"$T/readme.c"
cmp -s "$T/readme.c" "$SRC/examples/runway_min.c" ||
	fail "README.md's example differs from examples/runway_min.c: $(diff "$T/readme.c" "$SRC/examples/runway_min.c" | head -5)"
[ "$failures" -eq 0 ] || exit 1
echo "all checks passed"
