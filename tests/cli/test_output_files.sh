# Every -o output file is 0600 whatever the umask, and a symlink at the target is
# replaced, not followed (the file it pointed to is left as it was).
. "$(dirname "$0")/lib.sh"
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
expect_rc 0 "$GIG" spend 12.50 Coffee
umask 000
for out in runway.html runway.json runway.csv runway.txt export.journal export.csv export.json; do
	case $out in
	runway.*) cmd=runway ;;
	*) cmd=export ;;
	esac
	expect_rc 0 "$GIG" $cmd -o "$T/$out"
	mode=$(stat -c %a "$T/$out")
	[ "$mode" = 600 ] || fail "$cmd -o $out is mode $mode, expected 600"
	[ -s "$T/$out" ] || fail "$cmd -o $out is empty"
	# A symlink at the target: replaced by a regular file; the victim is untouched.
	echo "precious" >"$T/victim" && chmod 644 "$T/victim"
	rm -f "$T/$out" && ln -s "$T/victim" "$T/$out"
	expect_rc 0 "$GIG" $cmd -o "$T/$out"
	[ -L "$T/$out" ] && fail "$cmd -o $out followed or kept the symlink"
	[ "$(cat "$T/victim")" = precious ] || fail "$cmd -o $out wrote through the symlink"
	[ "$(stat -c %a "$T/victim")" = 644 ] || fail "$cmd -o $out changed the victim's mode"
	mode=$(stat -c %a "$T/$out")
	[ "$mode" = 600 ] || fail "$cmd -o $out over a symlink is mode $mode, expected 600"
done
# No temporary file is left behind, and a failed write names the file.
ls "$T" | grep -q 'tmp-' && fail "a temporary file was left: $(ls "$T")"
expect_rc 1 "$GIG" runway -o "$T/nodir/r.html"
expect_in "$T/err" "$T/nodir/r.html"
finish
