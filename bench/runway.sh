#!/bin/sh
# bench/runway.sh: times `gig runway --json` end to end on a generated ledger of
# 1,000,000 transactions over 20 years (target: under 300 ms), and, side by side,
# hledger's `balance -M` on `gig export --format hledger` of a 100,000-row ledger made
# by the same generator (at 1M rows hledger needs minutes and GBs of memory).
#
#   sh bench/runway.sh [path/to/gig]      (default: a Release gig built in bench/out/build)
#
# Ledgers are kept in bench/out/ (gitignored) and reused; delete it to regenerate.
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
if [ $# -ge 1 ]; then
	GIG=$1
else
	cmake -S . -B "$OUT/build" -DCMAKE_BUILD_TYPE=Release -DGIG_TESTS=OFF >/dev/null
	cmake --build "$OUT/build" -j2 --target gig >/dev/null
	GIG="$OUT/build/gig"
fi
RUNS=7
mkdir -p "$OUT"
export GIG_TODAY=2026-11-24 NO_COLOR=1

make_ledger() { # make_ledger FILE ROWS
	if [ ! -s "$1" ]; then
		rm -f "$1" "$1-wal" "$1-shm"
		GIG_DB="$1" "$GIG" -q init
		sqlite3 "$1" -cmd ".parameter set @n $2" <bench/gen_ledger.sql >/dev/null
		sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	fi
}

now_ms() { date +%s%3N; }

# median of RUNS timings of a command, in ms
time_median() {
	i=0
	: >"$OUT/times"
	while [ $i -lt $RUNS ]; do
		t0=$(now_ms)
		"$@" >/dev/null
		t1=$(now_ms)
		echo $((t1 - t0)) >>"$OUT/times"
		i=$((i + 1))
	done
	sort -n "$OUT/times" | sed -n "$(((RUNS + 1) / 2))p"
}

echo "generating ledgers (first run only)..."
make_ledger "$OUT/ledger-1m.db" 1000000
make_ledger "$OUT/ledger-100k.db" 100000
rows=$(sqlite3 "$OUT/ledger-1m.db" "SELECT count(*) || ' rows, ' || min(posted_on) || ' .. ' || max(posted_on) FROM transactions")

runway_1m=$(GIG_DB="$OUT/ledger-1m.db" time_median "$GIG" runway --json)
runway_100k=$(GIG_DB="$OUT/ledger-100k.db" time_median "$GIG" runway --json)
GIG_DB="$OUT/ledger-1m.db" /usr/bin/time -f "%M" -o "$OUT/rss" "$GIG" runway --json >/dev/null
rss_1m=$(cat "$OUT/rss")
# the SQLite floor the issue compares with: GROUP BY month over every stored row
floor_1m=$(time_median sqlite3 "$OUT/ledger-1m.db" \
	"SELECT substr(posted_on, 1, 7), sum(amount_minor) FROM transactions GROUP BY 1")

t0=$(now_ms)
GIG_DB="$OUT/ledger-100k.db" "$GIG" export --format hledger >"$OUT/ledger-100k.journal"
t1=$(now_ms)
export_100k=$((t1 - t0))
hledger_100k=n/a
if command -v hledger >/dev/null; then
	t0=$(now_ms)
	/usr/bin/time -f "%M" -o "$OUT/rss" hledger -f "$OUT/ledger-100k.journal" balance -M >/dev/null
	t1=$(now_ms)
	hledger_100k=$((t1 - t0))
	hledger_rss=$(cat "$OUT/rss")
fi

cat <<REPORT

gig runway bench ($(uname -m), $(nproc) cores; gig = $GIG; median of $RUNS runs)
  ledger 1M: $rows
  gig runway --json, 1,000,000 rows     ${runway_1m} ms   (peak RSS ${rss_1m} KiB; target < 300 ms)
  gig runway --json,   100,000 rows     ${runway_100k} ms
  sqlite3 GROUP BY month, 1M rows       ${floor_1m} ms   (scan floor, for scale)
  hledger balance -M, 100,000 rows      ${hledger_100k} ms   (one run, peak RSS ${hledger_rss:-?} KiB;
                                        journal from gig export: ${export_100k} ms)
  hledger runs on the 100k slice only: at 1M rows it needs minutes and GBs.
REPORT
