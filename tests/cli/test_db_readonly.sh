# A ledger the user may not write: exit 5, and nothing changes.
. "$(dirname "$0")/lib.sh"
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
mkdir "$T/ro" && cp "$GIG_DB" "$T/ro/l.db"
if [ "$(id -u)" = 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1; then
		echo "SKIP: running as root without setpriv; cannot test a read-only ledger"
		exit 77
	fi
	chmod 755 "$T" "$T/ro" && chmod 644 "$T/ro/l.db"
	# nobody may not reach the build tree (a checkout under a 0700 home folder): run a
	# copy of gig and of the library beside it from $T, which is 0755.
	mkdir "$T/bin" && cp "$GIG" "$T/bin/gig" || fail "copying gig"
	lib=$(ldd "$GIG" | awk '/libgigledger/ { print $3 }')
	[ -z "$lib" ] || cp "$lib" "$T/bin/" || fail "copying $lib"
	chmod -R a+rX "$T/bin"
	GIG="$T/bin/gig"
	as_user() {
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
			env LD_LIBRARY_PATH="$T/bin${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@"
	}
else
	chmod 555 "$T/ro" && chmod 444 "$T/ro/l.db"
	as_user() { "$@"; }
fi
sum_before=$(sha256sum "$T/ro/l.db" | cut -d' ' -f1)
expect_rc 5 as_user env GIG_DB="$T/ro/l.db" "$GIG" spend 1 Coffee
expect_in "$T/err" "cannot be written"
[ "$(sha256sum "$T/ro/l.db" | cut -d' ' -f1)" = "$sum_before" ] || fail "the read-only ledger changed"
finish
