# Long test (GIG_TEST_LONG=1): builds the Debian packages from a copy of the
# tracked tree with dpkg-buildpackage, requires lintian to report no error or
# warning, installs them on this machine (root only), runs the installed gig
# and builds examples/runway_min.c against libgigledger-dev with pkg-config,
# then removes the packages again.
# usage: sh tests/long/test_deb.sh   (from the source tree)
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
installed=0
cleanup() {
	if [ "$installed" = 1 ]; then
		dpkg -r gigledger libgigledger-dev libgigledger0 >/dev/null 2>&1 || true
	fi
	rm -rf "$T"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

mkdir "$T/gigledger"
(cd "$src" && git ls-files -z | tar --null -T - -cf -) | tar -C "$T/gigledger" -xf -
(cd "$T/gigledger" && dpkg-buildpackage -us -uc -b >"$T/build.log" 2>&1) ||
	{ tail -n 40 "$T/build.log" >&2; fail "dpkg-buildpackage failed"; }
for p in gigledger libgigledger0 libgigledger-dev; do
	ls "$T/${p}_"*.deb >/dev/null 2>&1 || fail "no $p package"
done
echo "built: $(cd "$T" && ls ./*.deb | tr '\n' ' ')"

lintian "$T"/gigledger_*.changes >"$T/lintian.log" 2>&1 || true
grep -E '^[EW]: ' "$T/lintian.log" && fail "lintian reports errors or warnings"
echo "lintian: no errors or warnings ($(grep -c '^[IPX]: ' "$T/lintian.log" || true) info tags)"

# What the packages hold.
dpkg-deb -c "$T"/gigledger_*.deb | grep -q './usr/share/man/man1/gig.1' || fail "no man page in gigledger"
dpkg-deb -c "$T"/libgigledger-dev_*.deb | grep -q 'gigledger.pc' || fail "no .pc in -dev"
dpkg-deb -c "$T"/libgigledger-dev_*.deb | grep -q 'gigledgerConfig.cmake' || fail "no CMake config in -dev"

if [ "$(id -u)" -ne 0 ]; then
	echo "note: not root; the packages are built and checked but not installed"
	exit 0
fi
dpkg -i "$T"/gigledger_*.deb "$T"/libgigledger0_*.deb "$T"/libgigledger-dev_*.deb >"$T/dpkg.log" 2>&1 ||
	{ cat "$T/dpkg.log" >&2; fail "dpkg -i failed"; }
installed=1
/usr/bin/gig --version | grep -q '^gig ' || fail "installed gig --version"
cc -std=c11 -Wall -Wextra -Werror "$src/examples/runway_min.c" -o "$T/min" \
	$(pkg-config --cflags --libs gigledger) || fail "consumer does not build against the package"
"$T/min" "$T/l.db" | grep -qx 'Checking: 350.00 EUR' || fail "consumer output"
man -w gig >/dev/null 2>&1 || fail "man does not find gig(1)"
echo "installed: gig --version, consumer and man gig work; packages removed again"
