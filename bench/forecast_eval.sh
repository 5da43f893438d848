#!/bin/sh
# forecast_eval.sh: builds the forecast evaluation harness in Release mode (build-bench/,
# or $BUILD_DIR) and runs it niced.  Arguments go to the harness, e.g.
#   sh bench/forecast_eval.sh --seed 1 --producers 900 --paths 2000
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGIG_BENCH=ON -DGIG_TESTS=OFF \
	>/dev/null
nice cmake --build "$build" --target forecast_eval -j2 >/dev/null
exec nice "$build/bench/forecast_eval" "$@"
