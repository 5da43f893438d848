#!/bin/sh
# import.sh: times `gig import` against the SQLite floor, side by side.
#
# Usage: bench/import.sh [ROWS...]        (default: 100000 1000000)
#
# Builds a Release gig in bench/out/build, generates a deterministic export
# per size (bench/gen_export.py), then for each size times, with
# /usr/bin/time -v: the floor (sqlite3 CLI .import of the same file into one
# plain table inside one transaction), `gig import` into a fresh ledger, and
# a re-import of the same file (all duplicates).  Prints rows/s, the ratio
# to the floor and peak RSS.  Targets (issue 3): fresh <= 2x floor,
# re-import <= 2x fresh, RSS independent of the file size.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
SIZES=${*:-100000 1000000}

cmake -S "$ROOT" -B "$OUT/build" -DCMAKE_BUILD_TYPE=Release -DGIG_TESTS=OFF >/dev/null
cmake --build "$OUT/build" -j2 --target gig >/dev/null
GIG="$OUT/build/gig"

# measure LABEL CMD... -> sets SECS and RSS_KB
measure() {
	label=$1
	shift
	/usr/bin/time -v -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/$label.err" || {
		echo "$label failed:"
		cat "$OUT/$label.err"
		exit 1
	}
	SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
		"$OUT/time.txt")
	RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/time.txt")
}

row() { # row LABEL ROWS SECS RSS FLOOR_SECS
	awk -v l="$1" -v n="$2" -v s="$3" -v r="$4" -v f="$5" 'BEGIN {
		printf "%-22s %9.3f s %12.0f rows/s %6.2fx floor %8.1f MiB\n",
		       l, s, (s > 0 ? n / s : 0), (f > 0 ? s / f : 0), r / 1024 }'
}

for n in $SIZES; do
	csv="$OUT/export-$n.csv"
	[ -f "$csv" ] || python3 "$ROOT/bench/gen_export.py" "$n" "$csv"
	echo "== $n rows ($(du -h "$csv" | cut -f1))"

	rm -f "$OUT/floor.db"
	cat >"$OUT/floor.sql" <<SQL
CREATE TABLE t(date TEXT, description TEXT, amount TEXT, balance TEXT);
BEGIN;
.import --csv --skip 1 $csv t
COMMIT;
SQL
	measure floor sh -c "sqlite3 '$OUT/floor.db' < '$OUT/floor.sql'"
	floor=$SECS
	row "sqlite3 .import floor" "$n" "$SECS" "$RSS_KB" "$floor"

	rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
	export GIG_DB="$OUT/bench.db" GIG_TODAY=2025-01-01
	"$GIG" init --currency USD >/dev/null 2>&1
	"$GIG" account add Bench >/dev/null 2>&1
	measure fresh "$GIG" import "$csv" --account Bench --json
	fresh=$SECS
	row "gig import (fresh)" "$n" "$SECS" "$RSS_KB" "$floor"
	measure again "$GIG" import "$csv" --account Bench --json
	row "gig import (re-import)" "$n" "$SECS" "$RSS_KB" "$floor"
	awk -v a="$SECS" -v f="$fresh" 'BEGIN { printf "re-import / fresh: %.2fx\n", a / f }'
done
