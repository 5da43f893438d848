#!/bin/sh
# scripts/test.sh: the one test command (README quick start #2, and .ci/run).
# Installs what is missing, builds the normal and the ASan+UBSan
# configurations from scratch, runs every test through ctest in both, then
# runs the unit tests once more under valgrind.  Exits non-zero on any failure.
#
#   GIG_TEST_LONG=1 scripts/test.sh   also runs the long soak/fuzz tests
#                                     (tests/test_soak.c, in both the normal and
#                                     the ASan ctest pass; without it ctest lists
#                                     test_soak as skipped; it reads the variable
#                                     when it runs, so no reconfigure is needed)
#                                     and, in a clang build with -DGIG_FUZZ=ON
#                                     (build/test-fuzz), each libFuzzer target of
#                                     tests/fuzz for $GIG_FUZZ_SECONDS (600) each
#                                     and the Debian packages (tests/long/test_deb.sh:
#                                     dpkg-buildpackage, lintian, install, remove)
#   GIG_SKIP_VALGRIND=1               skips the valgrind pass
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

if [ "${GIG_TEST_LONG:-0}" = 1 ]; then
	scripts/deps.sh chromium clang-format man-db clang debhelper dpkg-dev fakeroot lintian
else
	scripts/deps.sh chromium clang-format man-db
fi

echo "== clang-format (every tracked C file follows .clang-format)"
unformatted=$(git ls-files '*.c' '*.h' 2>/dev/null | while read -r f; do
	clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$unformatted" ]; then
	echo "not clang-formatted (run clang-format -i on them):"
	echo "$unformatted"
	exit 1
fi

jobs=$(nproc 2>/dev/null || echo 2)
# The optimised build the demo and the benchmarks use: -O2 finds warnings (maybe-
# uninitialized) that the Debug builds below do not, and -Werror makes them fatal.
echo "== build (release, -O2, warnings as errors)"
rm -rf "$root/build/test-release"
cmake -S . -B "$root/build/test-release" -DCMAKE_BUILD_TYPE=Release -DGIG_TESTS=OFF \
	-DGIG_WERROR=ON >/dev/null
cmake --build "$root/build/test-release" -j "$jobs" >/dev/null
[ "${GIG_TEST_LONG:-0}" = 1 ] && echo "== GIG_TEST_LONG=1: test_soak runs in full in both builds"
for cfg in normal asan; do
	dir="$root/build/test-$cfg"
	rm -rf "$dir"
	san=OFF
	[ "$cfg" = asan ] && san=ON
	echo "== configure + build ($cfg)"
	cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DGIG_SANITIZE=$san -DGIG_WERROR=ON >/dev/null
	cmake --build "$dir" -j "$jobs" >/dev/null
	echo "== ctest ($cfg)"
	ctest --test-dir "$dir" --output-on-failure -j "$jobs"
done

if [ "${GIG_SKIP_VALGRIND:-0}" != 1 ]; then
	echo "== valgrind (unit tests, normal build)"
	dir="$root/build/test-normal"
	for t in "$dir"/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		# the soak tests and the forecast evaluation run under ASan instead (valgrind
		# would take hours; both skip themselves without GIG_TEST_LONG=1)
		[ "$name" = test_soak ] && continue
		[ "$name" = test_forecast_eval ] && continue
		(cd tests && GIG_TEST_DATA="$root/tests/data" GIG_TEST_BIN="$dir/gig" GIG_VALGRIND=1 \
			NO_COLOR=1 TZ=UTC valgrind -q --error-exitcode=1 --leak-check=full \
			--errors-for-leak-kinds=definite --show-leak-kinds=definite \
			--suppressions="$root/tests/valgrind.supp" "$t" >/dev/null 2>"$dir/$name.valgrind.log") ||
			{ echo "valgrind: $name failed"; cat "$dir/$name.valgrind.log"; exit 1; }
		echo "valgrind: $name clean"
	done
fi
if [ "${GIG_TEST_LONG:-0}" = 1 ]; then
	# one target at a time: each is CPU-bound for $GIG_FUZZ_SECONDS
	dir="$root/build/test-fuzz"
	echo "== libFuzzer targets (${GIG_FUZZ_SECONDS:-600} s each)"
	CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGIG_FUZZ=ON \
		-DGIG_WERROR=ON >/dev/null
	cmake --build "$dir" -j "$jobs" >/dev/null
	frc=0
	ctest --test-dir "$dir" --output-on-failure -V -R '^fuzz_.*_long$' >"$dir/fuzz.log" 2>&1 ||
		frc=$?
	grep -E 'fuzzing|DONE|stat::|no finding|found|copy it|Passed|Failed' "$dir/fuzz.log" || true
	[ "$frc" -eq 0 ] || { echo "a fuzz target found something: $dir/fuzz.log"; exit 1; }
fi
if [ "${GIG_TEST_LONG:-0}" = 1 ]; then
	echo "== Debian packages"
	sh tests/long/test_deb.sh
fi
echo "== all tests passed"
