# The manual page and the shell completions are generated from the command
# table and each command's --help: every command and subcommand is in the
# page, the page renders without warnings, the bash completion completes
# commands, options and the ledger's own account/category names (escaped).
. "$(dirname "$0")/lib.sh"

expect_rc 0 "$GIG" help --man
cp "$T/out" "$T/gig.1"
# Every command of `gig --help`, as a section of its own.
"$GIG" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && $1 != "Commands:" {print $1}' >"$T/cmds"
[ "$(wc -l <"$T/cmds")" -ge 20 ] || fail "too few commands in gig --help: $(cat "$T/cmds")"
while read -r c; do
	[ "$c" = help ] && continue
	grep -qx ".SS gig $c" "$T/gig.1" || fail "no section for '$c' in the manual"
done <"$T/cmds"
for s in "account add" "account list" "import undo" "rules apply" "recurring rm"; do
	grep -qx ".SS gig $s" "$T/gig.1" || fail "no section for '$s' in the manual"
done
# A command's examples are in it (minus signs escaped for roff).
expect_in "$T/gig.1" 'gig spend 12.99 Splice \-c Samples'
# No line of help text may start a roff request by accident.
if grep -n "^['.]" "$T/gig.1" | grep -Ev "^[0-9]+:\.(TH|SH|SS|TP|I|B|nf|fi|sp)( |$)" >"$T/bad"; then
	fail "stray roff requests: $(head -n 3 "$T/bad")"
fi
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man --warnings -E UTF-8 -l "$T/gig.1" >"$T/page" 2>"$T/warn" ||
		fail "man -l failed: $(cat "$T/warn")"
	[ -s "$T/warn" ] && fail "man -l warnings: $(head -n 5 "$T/warn")"
	grep -q 'gig spend 12.99 Splice -c Samples' "$T/page" || fail "rendered page lacks spend's example"
else
	echo "note: man is not installed; the page is not rendered"
fi

# bash completion
expect_rc 0 "$GIG" init
expect_rc 0 "$GIG" account add Checking
expect_rc 0 "$GIG" account add "Tax reserve" --kind tax-reserve
expect_rc 0 "$GIG" account add "$(printf 'Evil\033[31mRed')"
expect_rc 0 "$GIG" help --completion bash
cp "$T/out" "$T/gig.bash"
bash -n "$T/gig.bash" || fail "bash completion does not parse"
bindir=$(dirname "$GIG")
complete_words() {
	# complete_words WORD... : the completions bash offers for the last word
	PATH="$bindir:$PATH" bash -c '
		. "$0"
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_gig
		printf "%s\n" "${COMPREPLY[@]}"' "$T/gig.bash" "$@"
}
[ "$(complete_words gig imp)" = import ] || fail "gig imp<TAB>: $(complete_words gig imp)"
[ "$(complete_words gig spend 1 x --acc)" = --account ] ||
	fail "gig spend --acc<TAB>: $(complete_words gig spend 1 x --acc)"
[ "$(complete_words gig spend 1 x -a T)" = 'Tax\ reserve' ] ||
	fail "gig spend -a T<TAB>: $(complete_words gig spend 1 x -a T)"
[ "$(complete_words gig import u)" = undo ] || fail "gig import u<TAB>: $(complete_words gig import u)"
complete_words gig spend 1 x -c "" >"$T/cats"
grep -qx Rent "$T/cats" || fail "category names not completed: $(head -c 300 "$T/cats")"
complete_words gig spend 1 x -a E >"$T/evil"
grep -q "$(printf '\033')" "$T/evil" && fail "an account name reached the shell raw"
grep -q . "$T/evil" && fail "a name with control characters was offered: $(cat -v "$T/evil")"
expect_rc 0 "$GIG" account add 'Cash $HOME'
[ "$(complete_words gig spend 1 x -a Cas)" = 'Cash\ \$HOME' ] ||
	fail "a name with \$ completed as: $(complete_words gig spend 1 x -a Cas)"

expect_rc 0 "$GIG" help --completion zsh
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$T/out" || fail "zsh completion does not parse"
fi
expect_rc 0 "$GIG" help --completion fish
grep -q '^complete -c gig -n __fish_use_subcommand -a runway' "$T/out" ||
	fail "fish completion lacks the runway command"
if command -v fish >/dev/null 2>&1; then
	fish -n "$T/out" || fail "fish completion does not parse"
fi
expect_rc 2 "$GIG" help --completion ksh
expect_in "$T/err" "bash, zsh or fish"
expect_rc 2 "$GIG" help --names people
finish
