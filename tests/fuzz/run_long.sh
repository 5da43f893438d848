#!/bin/sh
# run_long.sh FUZZER TARGET WORKDIR MAXLEN SEEDDIR...: the long fuzz test of one
# target (ctest fuzz_TARGET_long, GIG_FUZZ=ON builds).  Skipped (77) unless
# GIG_TEST_LONG=1.  Fuzzes for $GIG_FUZZ_SECONDS (default 600) from the seeds
# and what earlier runs found (WORKDIR/corpus), then prints libFuzzer's final
# figures (exec/s, edges as "cov:").  A finding fails the test and is left in
# WORKDIR/artifacts: copy it to tests/fuzz/crashes/TARGET/ and fix the code.
set -u
[ "${GIG_TEST_LONG:-0}" = 1 ] || { echo "GIG_TEST_LONG is not 1: skipped"; exit 77; }
bin=$1 target=$2 work=$3 maxlen=$4
shift 4
secs=${GIG_FUZZ_SECONDS:-600}
mkdir -p "$work/corpus" "$work/artifacts"
echo "fuzzing $target for $secs s (corpus $work/corpus)"
"$bin" -max_total_time="$secs" -max_len="$maxlen" -timeout=10 -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
	-artifact_prefix="$work/artifacts/" "$work/corpus" "$@" >"$work/log" 2>&1
rc=$?
grep -E '^#[0-9]+.*(INITED|DONE)' "$work/log" | tail -n 2
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
	"$work/log"
if [ "$rc" -ne 0 ]; then
	tail -n 60 "$work/log"
	echo "fuzz_$target found something (exit $rc): $(ls "$work/artifacts")"
	echo "copy it to tests/fuzz/crashes/$target/, fix the code, replay with ctest"
	exit 1
fi
echo "fuzz_$target: no finding in $secs s"
