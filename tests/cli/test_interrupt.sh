# SIGINT or SIGTERM during a large import: exit 130, "interrupted; nothing was changed",
# the ledger holds exactly what it held before, no hot journal is left, and
# integrity_check is ok.  The same for SIGTERM during `log --from` of a big gig file.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 needed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "skip: sqlite3 needed"; exit 77; }
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
expect_rc 0 "$GIG" spend 12.50 Coffee
python3 - "$T/big.csv" <<'PY'
import datetime, sys
d0 = datetime.date(2000, 1, 1)
with open(sys.argv[1], "w") as f:
    f.write("Date,Description,Amount\n")
    for i in range(400000):
        f.write("%s,Payee %d ref %d,%d.%02d\n" % (d0 + datetime.timedelta(days=i // 40),
                                                i % 977, i, i % 500 - 250, i % 100))
PY
python3 - "$T/gigs.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("amount,client,stream,performed_on\n")
    for i in range(60000):
        f.write("%d.00,Client %d,mixing,2025-%02d-%02d\n" % (i % 900 + 1, i % 300,
                                                           i % 12 + 1, i % 28 + 1))
PY
state() { sqlite3 "$GIG_DB" "SELECT (SELECT count(*) FROM transactions),
	(SELECT count(*) FROM import_batches), (SELECT total(amount_minor) FROM transactions),
	(SELECT count(*) FROM gigs), (SELECT count(*) FROM clients)"; }
before=$(state)
[ -n "$before" ] || fail "cannot read the ledger's state"

# interrupted SIG DELAY CMD...: starts CMD, sends SIG after DELAY seconds, checks the rest.
interrupted() {
	sig=$1 delay=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err" &
	pid=$!
	sleep "$delay"
	kill -"$sig" "$pid" 2>/dev/null || fail "$*: interrupted INT 1 "$GIG" log --from "$T/gigs.csv"
interrupted TERM 1 "$GIG" log --from "$T/gigs.csv"
finished before SIG$sig; make the input bigger"
	wait "$pid"
	rc=$?
	[ "$rc" = 130 ] || fail "$* after SIG$sig exited $rc, expected 130; stderr: $(cat "$T/err")"
	expect_in "$T/err" "interrupted; nothing was changed"
	[ -e "$GIG_DB-journal" ] && fail "$* after SIG$sig left a hot journal"
	[ "$(sqlite3 "$GIG_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after SIG$sig"
	[ "$(state)" = "$before" ] || fail "$* after SIG$sig changed the ledger: $before -> $(state)"
}
interrupted INT 1 "$GIG" import "$T/big.csv" --account Checking
interrupted TERM 1 "$GIG" import "$T/big.csv" --account Checking
interrupted INT 1 "$GIG" log --from "$T/gigs.csv"
interrupted TERM 1 "$GIG" log --from "$T/gigs.csv"
finish
