#!/bin/sh
# test_corpus2.sh: zero-configuration import of the unseen corpus (issue 10).
# Each file of tests/data/bank-csv-2/dev is imported into a fresh ledger with
# one account in the oracle's currency and no option but --account.  The
# import must match ORACLE.tsv (posted count, sum in minor units, pending
# count, first and last posted date) and a re-import must add nothing.
# Files listed in dev/XFAIL ("file reason") are expected to fail; the test
# fails on an unexpected failure and on an unexpected pass.
# GIG_TEST_HOLDOUT=1 measures the holdout set instead (score only, no XFAIL).
# Usage: sh test_corpus2.sh /path/to/gig   (run by ctest from tests/)
command -v python3 >/dev/null 2>&1 || { echo "python3 needed for JSON checks"; exit 77; }
. "$(dirname "$0")/lib.sh"
DATA=$(cd "$(dirname "$0")/../data/bank-csv-2" 2>/dev/null && pwd)
set_name=dev
[ "${GIG_TEST_HOLDOUT:-0}" = 1 ] && set_name=holdout
if [ -z "$DATA" ] || [ ! -f "$DATA/ORACLE.tsv" ]; then
	echo "corpus2: tests/data/bank-csv-2 is not there"
	exit 77
fi
# The oracle and lists live in git; the corpus files themselves may be kept
# outside it (ATTRIBUTION.md): they are read from $GIG_CORPUS2_FILES, else
# from tests/data/bank-csv-2, else from ../shared/bank-csv-2 beside the
# checkout.  Skip when none of the set's files is found, fail when some are.
FILES=${GIG_CORPUS2_FILES:-}
if [ -z "$FILES" ]; then
	FILES=$DATA
	first=$(awk -F'\t' -v s="$set_name" '$1 == s { print $2; exit }' "$DATA/ORACLE.tsv")
	alt="$DATA/../../../../shared/bank-csv-2"
	[ -f "$DATA/$set_name/$first" ] || [ ! -d "$alt" ] || FILES=$(cd "$alt" && pwd)
fi
present=0
missing=0
while IFS='	' read -r s f _rest; do
	[ "$s" = "$set_name" ] || continue
	if [ -f "$FILES/$s/$f" ]; then present=$((present + 1)); else missing=$((missing + 1)); fi
done <"$DATA/ORACLE.tsv"
if [ "$present" -eq 0 ]; then
	echo "corpus2 $set_name: corpus files not present, skipped"
	exit 77
fi
[ "$missing" -eq 0 ] || fail "$missing file(s) of ORACLE.tsv missing from $set_name/"

# verdict ORACLE_LINE IMPORT_JSON EXPORT_JSON REIMPORT_JSON: prints "ok" or
# the class of the first failure.
verdict() {
	python3 - "$@" <<'PY'
import json, sys
cols = sys.argv[1].split("\t")
_, _, cur, posted, sum_minor, pending, first, last, _stated = cols
imp = json.load(open(sys.argv[2]))
exp = json.load(open(sys.argv[3]))
re_ = json.load(open(sys.argv[4]))
def out(msg):
    print(msg)
    sys.exit(0)
if imp.get("inserted") != int(posted) + int(pending) and imp.get("inserted") != int(posted):
    out("wrong count: %s inserted, %s posted + %s pending expected"
        % (imp.get("inserted"), posted, pending))
rows = [t for t in exp["transactions"] if not t.get("pending")]
pend = [t for t in exp["transactions"] if t.get("pending")]
if len(rows) != int(posted):
    out("wrong count: %d posted, %s expected" % (len(rows), posted))
total = sum(t["amount_minor"] for t in rows)
if total != int(sum_minor):
    out("wrong sum: %d, %s expected" % (total, sum_minor))
if len(pend) != int(pending):
    out("wrong pending: %d, %s expected" % (len(pend), pending))
dates = sorted(t["date"] for t in rows)
if first and dates and (dates[0] != first or dates[-1] != last):
    out("wrong dates: %s..%s, %s..%s expected" % (dates[0], dates[-1], first, last))
if re_.get("inserted") != 0:
    out("duplicates on re-import: %s added" % re_.get("inserted"))
out("ok")
PY
}

# printable: the first line of stdin without the corpus path, non-ASCII and
# control characters escaped, cut to 160 characters
printable() {
	python3 -c 'import sys; s=sys.stdin.read().strip().splitlines(); s=(s[0] if s else "").replace(sys.argv[1] + "/", ""); print(s.encode("ascii","backslashreplace").decode()[:160])' "$FILES/$set_name"
}

n=0
right=0
: >"$T/results"
# (fields are cut, not read: empty oracle fields must not collapse)
while IFS= read -r line; do
	s=$(printf '%s' "$line" | cut -f1)
	f=$(printf '%s' "$line" | cut -f2)
	cur=$(printf '%s' "$line" | cut -f3)
	[ "$s" = "$set_name" ] || continue
	n=$((n + 1))
	export GIG_DB="$T/l$n.db"
	if ! "$GIG" init --currency "$cur" >"$T/out" 2>"$T/err"; then
		v="setup: init: $(printable <"$T/err")"
	elif ! "$GIG" account add A --currency "$cur" >"$T/out" 2>"$T/err"; then
		v="setup: account in $cur: $(printable <"$T/err")"
	elif ! "$GIG" import "$FILES/$s/$f" --account A --json >"$T/imp.json" 2>"$T/err"; then
		v="refused: $(printable <"$T/err")"
	elif ! "$GIG" export --format json >"$T/exp.json" 2>"$T/err"; then
		v="export failed: $(printable <"$T/err")"
	elif ! "$GIG" import "$FILES/$s/$f" --account A --json >"$T/re.json" 2>"$T/err"; then
		v="duplicates on re-import: refused: $(printable <"$T/err")"
	else
		v=$(verdict "$line" "$T/imp.json" "$T/exp.json" "$T/re.json")
	fi
	[ "$v" = ok ] && right=$((right + 1))
	printf '%s\t%s\n' "$f" "$v" >>"$T/results"
done <"$DATA/ORACLE.tsv"

echo "corpus2 $set_name: $right/$n files right"
if [ "$set_name" = holdout ]; then
	# the holdout stays out of the development loop: classes only, no files
	echo "failure classes:"
	cut -f2 "$T/results" | grep -v '^ok$' | sed 's/:.*//' | sort | uniq -c
	exit 0
fi
while IFS='	' read -r f v; do
	[ "$v" = ok ] || echo "  $f: $v"
done <"$T/results"

# XFAIL bookkeeping (dev only)
xfail="$DATA/dev/XFAIL"
while IFS='	' read -r f v; do
	listed=no
	[ -f "$xfail" ] && awk -v f="$f" '$1 == f { hit = 1 } END { exit !hit }' "$xfail" && listed=yes
	if [ "$v" = ok ] && [ $listed = yes ]; then
		fail "$f passes but is listed in dev/XFAIL: remove it from the list"
	elif [ "$v" != ok ] && [ $listed = no ]; then
		fail "$f: unexpected failure: $v"
	fi
done <"$T/results"
if [ -f "$xfail" ]; then
	while read -r f _reason; do
		awk -F'\t' -v f="$f" '$1 == f { hit = 1 } END { exit !hit }' "$T/results" ||
			fail "dev/XFAIL lists $f, which is not in the dev set"
	done <"$xfail"
fi
finish
