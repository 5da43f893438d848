# A ledger locked by another writer: gig waits briefly, then exits 4 with advice.
. "$(dirname "$0")/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: the sqlite3 CLI is needed to hold a lock (apt-get install sqlite3)"
	exit 77
fi
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
(printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; sleep 6) | sqlite3 "$GIG_DB" >/dev/null &
sleep 1
expect_rc 4 "$GIG" spend 1 Coffee
expect_in "$T/err" "locked by another gig process"
expect_in "$T/err" "try again"
wait
expect_rc 0 "$GIG" spend 1 Coffee
finish
