#!/bin/sh
# import.sh: times `gig import` against the SQLite floor, side by side.
#
# Usage: bench/import.sh [ROWS...]        (default: 100000 1000000)
#        BENCH_RUNS=N (default 3): runs per size; the figures are medians
#
# Builds a Release gig in bench/out/build, generates a deterministic export
# per size (bench/gen_export.py), then for each size times, with
# /usr/bin/time -v: the floor (sqlite3 CLI .import of the same file into one
# plain table inside one transaction), `gig import` into a fresh ledger, and
# a re-import of the same file (all duplicates), and the same file into the
# Checking account of the README's setup: a ledger with Checking, Savings and
# a Tax reserve, the last two holding an earlier batch of ROWS/10 rows each
# over the same years (so every imported row is looked up for a transfer
# against them).  Prints rows/s, the ratio to the floor and peak RSS.
# Targets: fresh <= 2x floor, re-import <= 2x fresh, RSS independent of the
# file size (issue 3); three accounts <= 2.5x floor (issue 9).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
SIZES=${*:-100000 1000000}
RUNS=${BENCH_RUNS:-3}

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

median() { # median of the arguments
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

for n in $SIZES; do
	csv="$OUT/export-$n.csv"
	[ -f "$csv" ] || python3 "$ROOT/bench/gen_export.py" "$n" "$csv"
	m=$((n / 10))
	for seed in 2 3; do
		[ -f "$OUT/earlier-$m-$seed.csv" ] ||
			python3 "$ROOT/bench/gen_export.py" "$m" "$OUT/earlier-$m-$seed.csv" "$seed"
	done
	echo "== $n rows ($(du -h "$csv" | cut -f1)), $RUNS runs each, medians"
	cat >"$OUT/floor.sql" <<SQL
CREATE TABLE t(date TEXT, description TEXT, amount TEXT, balance TEXT);
BEGIN;
.import --csv --skip 1 $csv t
COMMIT;
SQL
	F="" FR="" A="" M="" FRSS="" ARSS="" RRSS="" MRSS=""
	export GIG_DB="$OUT/bench.db" GIG_TODAY=2025-01-01
	i=0
	while [ $i -lt "$RUNS" ]; do
		# floor and gig back to back, so that both see the same machine
		rm -f "$OUT/floor.db"
		measure floor sh -c "sqlite3 '$OUT/floor.db' < '$OUT/floor.sql'"
		F="$F $SECS" FRSS="$FRSS $RSS_KB"
		rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
		"$GIG" init --currency USD >/dev/null 2>&1
		"$GIG" account add Bench >/dev/null 2>&1
		measure fresh "$GIG" import "$csv" --account Bench --json
		FR="$FR $SECS" ARSS="$ARSS $RSS_KB"
		measure again "$GIG" import "$csv" --account Bench --json
		A="$A $SECS" RRSS="$RRSS $RSS_KB"
		re=$SECS
		rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
		{
			"$GIG" init --currency USD &&
				"$GIG" account add Checking &&
				"$GIG" account add Savings --kind savings &&
				"$GIG" account add "Tax reserve" --kind tax-reserve &&
				"$GIG" import "$OUT/earlier-$m-2.csv" --account Savings &&
				"$GIG" import "$OUT/earlier-$m-3.csv" --account "Tax reserve"
		} >/dev/null 2>"$OUT/setup.err" || {
			echo "three-account setup failed:"
			cat "$OUT/setup.err"
			exit 1
		}
		measure accounts "$GIG" import "$csv" --account Checking --json
		M="$M $SECS" MRSS="$MRSS $RSS_KB"
		awk -v f="$(echo $F | awk '{print $NF}')" -v g="$(echo $FR | awk '{print $NF}')" \
			-v a="$re" -v m="$SECS" -v i=$((i + 1)) 'BEGIN {
			printf "  run %d: floor %.3f s, fresh %.3f s (%.2fx), re-import %.3f s," \
			       " 3 accounts %.3f s (%.2fx)\n", i, f, g, g / f, a, m, m / f }'
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	floor=$(median $F)
	# shellcheck disable=SC2086
	fresh=$(median $FR)
	# shellcheck disable=SC2086
	again=$(median $A)
	# shellcheck disable=SC2086
	row "sqlite3 .import floor" "$n" "$floor" "$(median $FRSS)" "$floor"
	# shellcheck disable=SC2086
	row "gig import (fresh)" "$n" "$fresh" "$(median $ARSS)" "$floor"
	# shellcheck disable=SC2086
	row "gig import (re-import)" "$n" "$again" "$(median $RRSS)" "$floor"
	# shellcheck disable=SC2086
	row "gig import (3 accounts)" "$n" "$(median $M)" "$(median $MRSS)" "$floor"
	awk -v a="$again" -v f="$fresh" 'BEGIN { printf "re-import / fresh: %.2fx\n", a / f }'
done
