# Damage and copies (issue 9.9, 9.10): gig check, the check on open, refusing
# writes into a damaged ledger, backup, snapshots before import/undo, restore;
# and the ledger paths that are not ledgers (empty file, directory, dangling
# symlink, a negative schema version).
. "$(dirname "$0")/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: sqlite3 and python3 are needed to damage a ledger"
	exit 77
fi
rows() { sqlite3 "$GIG_DB" "SELECT count(*) FROM transactions"; }
# flip PAGE: XOR the first byte of that 16 KiB page (its b-tree page type)
flip() {
	python3 -c "
import sys
f = open(sys.argv[1], 'r+b'); o = 16384 * (int(sys.argv[2]) - 1)
f.seek(o); b = f.read(1); f.seek(o); f.write(bytes([b[0] ^ 0x5a])); f.close()" "$GIG_DB" "$1"
}

expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
expect_rc 0 "$GIG" spend 12.99 Splice
expect_rc 0 "$GIG" check
expect_in "$T/out" "ok: no damage found"
expect_rc 0 "$GIG" check --json
expect_in "$T/out" '"ok" : true'

# the ledger's own invariant: a rollup that disagrees with the rows
sqlite3 "$GIG_DB" "UPDATE monthly_totals SET n = n + 1"
expect_rc 5 "$GIG" check
expect_in "$T/out" "monthly totals           DAMAGED"
expect_in "$T/out" "stored 0 in, -1299 out, 2 rows; the transactions give 0 in, -1299 out, 1 rows"
[ -f "$GIG_DB.damaged" ] || fail "no marker after a failed check"
expect_rc 5 "$GIG" check --json
expect_in "$T/out" '"name" : "rollup"'
# writes are refused, nothing is written; reads work but exit 5
expect_rc 5 "$GIG" spend 1 Coffee
expect_in "$T/err" "damaged, so nothing is written"
[ "$(rows)" = 1 ] || fail "a write went into a damaged ledger: $(rows) rows"
expect_rc 5 "$GIG" balance
expect_in "$T/out" "-12.99"
expect_in "$T/err" "is damaged"
# repaired by hand: a clean full check lifts the refusal
sqlite3 "$GIG_DB" "UPDATE monthly_totals SET n = n - 1"
expect_rc 0 "$GIG" check
[ -f "$GIG_DB.damaged" ] && fail "marker left after a clean check"
expect_rc 0 "$GIG" spend 1 Coffee

# a gig status that its payments contradict, a date that is not one
expect_rc 0 "$GIG" log 500 "Blue Room Studios"
sqlite3 "$GIG_DB" "UPDATE gigs SET status = 'paid'"
expect_rc 5 "$GIG" check
expect_in "$T/out" "is stored as paid, but its payments make it invoiced"
sqlite3 "$GIG_DB" "UPDATE gigs SET status = 'invoiced'; UPDATE transactions SET posted_on = '2026-02-30' WHERE id = 1"
expect_rc 5 "$GIG" check
expect_in "$T/out" "transaction 1: its date is not a calendar date: '2026-02-30'"
sqlite3 "$GIG_DB" "UPDATE transactions SET posted_on = '2026-11-24' WHERE id = 1"
expect_rc 0 "$GIG" check

# backup: a copy, 0600, refused over an existing file
umask 022
expect_rc 0 "$GIG" backup "$T/copy.db"
[ "$(stat -c %a "$T/copy.db")" = 600 ] || fail "backup mode $(stat -c %a "$T/copy.db")"
[ "$(sqlite3 "$T/copy.db" "SELECT count(*) FROM transactions")" = 2 ] || fail "backup rows"
expect_rc 1 "$GIG" backup "$T/copy.db"
expect_in "$T/err" "already exists"
expect_rc 0 "$GIG" backup --force "$T/copy.db"

# a flipped byte: found by the check on open, reads exit 5, writes refused
cp "$GIG_DB" "$T/clean.db"
flip 5
expect_rc 5 "$GIG" balance
expect_in "$T/err" "Page 5"
expect_rc 5 "$GIG" spend 1 Coffee
expect_rc 5 "$GIG" check
# restore from the backup puts the sound ledger back
expect_rc 0 "$GIG" restore --yes "$T/copy.db"
expect_rc 0 "$GIG" check
[ "$(rows)" = 2 ] || fail "restored rows $(rows)"
# a copy that is itself damaged is refused, and nothing changes
cp "$T/copy.db" "$T/bad.db"
GIG_DB="$T/bad.db" flip 5
expect_rc 5 "$GIG" restore --yes "$T/bad.db"
expect_in "$T/err" "nothing was restored"
expect_rc 0 "$GIG" check

# snapshots: one before each import and undo, the newest kept, restorable
printf 'Date,Description,Amount\n2026-11-01,Client A,100.00\n2026-11-02,Shop,-5.00\n' >"$T/a.csv"
expect_rc 0 "$GIG" import "$T/a.csv" --account Checking
[ "$(rows)" = 4 ] || fail "import rows $(rows)"
expect_rc 0 "$GIG" restore --list
expect_in "$T/out" "-import.db"
expect_rc 0 "$GIG" restore 1 --yes
[ "$(rows)" = 2 ] || fail "restoring the pre-import snapshot left $(rows) rows"
# the restore snapshotted the state it replaced: going back to it redoes the import
expect_rc 0 "$GIG" restore --list --json
expect_in "$T/out" "before-restore.db"
expect_rc 0 "$GIG" restore 1 --yes
[ "$(rows)" = 4 ] || fail "restoring the before-restore snapshot left $(rows) rows"
for i in 1 2 3 4 5 6; do
	printf 'Date,Description,Amount\n2026-10-0%s,Shop %s,-1.00\n' "$i" "$i" >"$T/b$i.csv"
	GIG_SNAPSHOTS_KEEP=3 "$GIG" import "$T/b$i.csv" --account Checking >/dev/null 2>&1 ||
		fail "import b$i"
done
n=$(ls "$GIG_DB.snapshots" | grep -c '\.db$')
[ "$n" = 3 ] || fail "GIG_SNAPSHOTS_KEEP=3 kept $n snapshots"
[ "$(stat -c %a "$GIG_DB.snapshots")" = 700 ] || fail "snapshot folder mode"
for f in "$GIG_DB.snapshots"/*.db; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "snapshot $f mode $(stat -c %a "$f")"
done

# a row claimed by a batch that never held it; a membership of a deleted row
expect_rc 0 "$GIG" check
last=$(sqlite3 "$GIG_DB" "SELECT max(id) FROM import_batches")
first_row=$(sqlite3 "$GIG_DB" "SELECT min(id) FROM transactions WHERE batch_id IS NOT NULL")
sqlite3 "$GIG_DB" "UPDATE transactions SET batch_id = $last WHERE id = $first_row"
expect_rc 5 "$GIG" check
expect_in "$T/out" "transaction $first_row says it came from import batch $last, outside"
sqlite3 "$GIG_DB" "UPDATE transactions SET batch_id = 1 WHERE id = $first_row;
	INSERT INTO import_members(batch_id, txn_id) VALUES ($last, 99999)"
expect_rc 5 "$GIG" check
expect_in "$T/out" "import batch $last lists transaction 99999"
sqlite3 "$GIG_DB" "DELETE FROM import_members WHERE txn_id = 99999"
expect_rc 0 "$GIG" check

# a snapshot taken within the same second as another sorts after it, whatever
# its label (restore 1 once picked "import" over a newer "before-restore")
d="$GIG_DB.snapshots"
rm -f "$d"/*.db
stamp=$(date -u +%Y%m%dT%H%M%SZ)
: >"$d/$stamp-001-undo.db"
expect_rc 0 "$GIG" backup "$T/now.db"
GIG_SNAPSHOTS_KEEP=9 "$GIG" import "$T/a.csv" --account Checking >/dev/null 2>&1
newest=$(ls "$d" | sort -r | head -1)
case "$newest" in
*-import.db) ;;
*) fail "the newest snapshot is $newest, not the import's" ;;
esac

# foreign keys and the amount bound
sqlite3 "$GIG_DB" "PRAGMA foreign_keys = OFF; UPDATE transactions SET account_id = 99 WHERE id = 1"
expect_rc 5 "$GIG" check
expect_in "$T/out" "transactions row 1 refers to a row of accounts that does not exist"
sqlite3 "$GIG_DB" "UPDATE transactions SET account_id = 1 WHERE id = 1;
	UPDATE transactions SET amount_minor = 1000000000000000 WHERE id = 1"
expect_rc 5 "$GIG" check
expect_in "$T/out" "transaction 1: its amount 1000000000000000 is beyond the bound"

# paths that are not ledgers (9.10)
: >"$T/empty.db"
expect_rc 5 "$GIG" --db "$T/empty.db" balance
expect_in "$T/err" "is an empty file, not a ledger"
[ -s "$T/empty.db" ] && fail "the empty file was turned into a ledger"
mkdir "$T/dir.db"
expect_rc 5 "$GIG" --db "$T/dir.db" balance
expect_in "$T/err" "is a directory, not a ledger file"
ln -s "$T/nowhere.db" "$T/link.db"
expect_rc 3 "$GIG" --db "$T/link.db" balance
expect_in "$T/err" "symbolic link to $T/nowhere.db, which does not exist"
expect_rc 1 "$GIG" --db "$T/link.db" init
expect_in "$T/err" "is a symbolic link"
[ -e "$T/nowhere.db" ] && fail "init created a ledger through a dangling symlink"
cp "$T/clean.db" "$T/neg.db"
sqlite3 "$T/neg.db" "PRAGMA user_version = -1"
expect_rc 5 "$GIG" --db "$T/neg.db" balance
expect_in "$T/err" "schema version is -1"
grep -q "not an error" "$T/err" && fail "'not an error' in: $(cat "$T/err")"
finish
