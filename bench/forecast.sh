#!/bin/sh
# forecast.sh: builds the forecasting benchmark in Release mode in its own build
# directory (build-bench/, or $BUILD_DIR) and runs it.  Arguments go to the benchmark
# (the number of timed runs, default 31).  Exit status 1 means the 100 ms target was
# missed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGIG_BENCH=ON -DGIG_TESTS=OFF \
	>/dev/null
cmake --build "$build" --target forecast_bench -j2 >/dev/null
exec "$build/bench/forecast_bench" "$@"
