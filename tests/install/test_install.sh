# Installs the build into a temporary prefix given at install time (not at
# configure time), then checks what a packager and a consumer see: the .pc
# file points into the prefix, a program builds with pkg-config and with
# find_package(gigledger) and runs, and the installed gig runs without
# LD_LIBRARY_PATH, also after the whole prefix is moved.
# usage: sh test_install.sh BUILD_DIR SOURCE_DIR
set -u
B=${1:?build dir}
S=${2:?source dir}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}
unset LD_LIBRARY_PATH

P="$T/prefix"
cmake --install "$B" --prefix "$P" >"$T/install.log" 2>&1 || {
	cat "$T/install.log" >&2
	echo "FAIL: cmake --install" >&2
	exit 1
}
pc=$(find "$P" -name gigledger.pc | head -n 1)
[ -n "$pc" ] || fail "no gigledger.pc installed"
grep -qx "prefix=$P" "$pc" || fail "gigledger.pc does not name the prefix $P: $(head -n 1 "$pc")"
[ -f "$P/include/gigledger/gigledger.h" ] || fail "headers not installed"
[ -d "$P/share/gigledger/profiles" ] || fail "profiles not installed"
# The manual and the completions, where man and each shell look.
for f in share/man/man1/gig.1 share/bash-completion/completions/gig share/zsh/site-functions/_gig \
	share/fish/vendor_completions.d/gig.fish; do
	[ -s "$P/$f" ] || fail "$f not installed"
done
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$P/share/man/man1/gig.1" 2>&1 | grep -q 'gig runway' ||
		fail "man -l on the installed page does not show gig runway"
fi
find "$P" -name gigledgerConfig.cmake | grep -q . || fail "no gigledgerConfig.cmake"
find "$P" -name gigledgerConfigVersion.cmake | grep -q . || fail "no version file"

# The installed gig: runs as installed, and from a moved prefix.
"$P/bin/gig" --version >"$T/v" 2>&1 || fail "installed gig does not run: $(cat "$T/v")"
grep -q '^gig ' "$T/v" || fail "gig --version printed: $(cat "$T/v")"
mv "$P" "$T/moved"
"$T/moved/bin/gig" --version >"$T/v" 2>&1 || fail "gig from a moved prefix does not run: $(cat "$T/v")"
mv "$T/moved" "$P"

# Profiles shipped in the prefix are found by the installed gig, also after
# the prefix moved (the compiled-in data directory is then wrong).
mkdir -p "$T/home"
printf '[profile]\nname=zz-install-test\ndate_format=%%m/%%d/%%Y\n' >"$P/share/gigledger/profiles/zz-install-test.ini"
printf 'Date,Amount,Payee\n03/11/2026,-12.50,Cafe\n' >"$T/odd.csv"
mv "$P" "$T/moved"
moved_gig() {
	HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_DATA_HOME="$T/home/.local/share" \
		XDG_DATA_DIRS=/nonexistent GIG_DB="$T/p.db" GIG_TODAY=2026-11-24 "$T/moved/bin/gig" "$@"
}
moved_gig init >/dev/null 2>&1 || fail "moved gig init failed"
moved_gig account add Checking >/dev/null 2>&1 || fail "moved gig account add failed"
moved_gig import "$T/odd.csv" --profile zz-install-test --dry-run --json \
	>"$T/out" 2>&1 || fail "moved gig does not find its profile: $(cat "$T/out")"
grep -q '2026-03-11' "$T/out" || fail "profile date format not applied: $(head -c 400 "$T/out")"
mv "$T/moved" "$P"

# A consumer through pkg-config.
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(pkg-config --variable=libdir gigledger)
if cc -std=c11 -Wall -Wextra -Werror "$S/examples/runway_min.c" -o "$T/pc_min" \
	$(pkg-config --cflags --libs gigledger) -Wl,-rpath,"$libdir" 2>"$T/cc.err"; then
	"$T/pc_min" "$T/a.db" >"$T/out" 2>&1 || fail "pkg-config consumer failed: $(cat "$T/out")"
	# 1,000.00 opening - 650.00 rent, worked out by hand
	grep -qx 'Checking: 350.00 EUR' "$T/out" || fail "pkg-config consumer printed: $(cat "$T/out")"
	[ "$(stat -c %a "$T/a.db")" = 600 ] || fail "ledger made by the library is not 0600"
else
	fail "pkg-config consumer does not build: $(cat "$T/cc.err")"
fi

# A consumer through find_package(gigledger).
if cmake -S "$S/tests/install/consumer" -B "$T/cb" -DCMAKE_PREFIX_PATH="$P" \
	-DEXAMPLE_SOURCE="$S/examples/runway_min.c" -DCMAKE_BUILD_RPATH="$libdir" \
	>"$T/cm.log" 2>&1 && cmake --build "$T/cb" >>"$T/cm.log" 2>&1; then
	"$T/cb/runway_min" "$T/b.db" >"$T/out" 2>&1 || fail "CMake consumer failed: $(cat "$T/out")"
	grep -qx 'Checking: 350.00 EUR' "$T/out" || fail "CMake consumer printed: $(cat "$T/out")"
else
	fail "CMake consumer does not build: $(tail -n 20 "$T/cm.log")"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed" >&2
	exit 1
fi
echo "all checks passed"
