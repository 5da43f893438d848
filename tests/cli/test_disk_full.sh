# A full disk (issue 9.10): reads still work (the ledger is opened read-only
# when SQLite cannot create its -shm file), writes fail cleanly with exit 5 and
# change nothing.  Needs root for a small tmpfs; skipped otherwise.
. "$(dirname "$0")/lib.sh"
M="$T/full"
mkdir "$M"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=3M tmpfs "$M" 2>/dev/null; then
	echo "SKIP: needs root to mount a small tmpfs"
	exit 77
fi
trap 'umount "$M" 2>/dev/null; rm -rf "$T"' EXIT
export GIG_DB="$M/ledger.db"
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
expect_rc 0 "$GIG" spend 3 Coffee
# fill the disk to the last byte
dd if=/dev/zero of="$M/fill" bs=1k count=100000 >/dev/null 2>&1
[ "$(df --output=avail "$M" | tail -1 | tr -d ' ')" = 0 ] || fail "the disk is not full"
expect_rc 0 "$GIG" balance
expect_in "$T/out" "-3.00"
expect_in "$T/err" "the disk is full, so the ledger was opened read-only"
expect_rc 5 "$GIG" spend 1 Tea
expect_in "$T/err" "nothing was written; free some space"
rm -f "$M/fill"
expect_rc 0 "$GIG" check
expect_rc 0 "$GIG" balance --json
expect_in "$T/out" '"transaction_count" : 1'
finish
