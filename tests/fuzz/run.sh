#!/bin/sh
# SPDX-License-Identifier: ISC
# run.sh BUILD_DIR SECONDS - run every libFuzzer target built in BUILD_DIR
# (meson setup with CC=clang -Dfuzz=enabled) for SECONDS each, two at a
# time (FUZZ_JOBS=N to change), starting from the stored corpus
# (tests/fuzz/corpus/<target>, plus tests/data for the document targets).
# Prints one line per target; exits 1 when any target crashed, leaked,
# hung (an input over 10 s) or broke a property, with the input saved as
# BUILD_DIR/fuzz-artifacts/<target>-crash-*: add it to
# tests/fuzz/corpus/<target>/ so that every build replays it.
set -u
if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR SECONDS" >&2
	exit 2
fi
build=$1
secs=$2
jobs=${FUZZ_JOBS:-2}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
work=$build/fuzz-work
arts=$build/fuzz-artifacts
targets="tab expr lint next edit tz phrase cronlog"
mkdir -p "$work" "$arts" || exit 1

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export TZ=UTC

# fuzz TARGET: run it; leave its one-line verdict in $work/TARGET.result.
fuzz() {
	t=$1
	bin=$build/tests/fuzz/fuzz_$t
	res=$work/$t.result
	if [ ! -x "$bin" ]; then
		echo "fuzz_$t: FAILED: $bin not built (meson setup -Dfuzz=enabled)" > "$res"
		return
	fi
	corpus=$work/$t
	mkdir -p "$corpus"
	cp "$here/corpus/$t/"* "$corpus/" 2>/dev/null
	case $t in
	tab|lint)
		for f in "$data"/*/*.crontab; do
			[ -f "$f" ] && cp "$f" "$corpus/"
		done ;;
	esac
	log=$work/$t.log
	rc=0
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -dict="$here/cron.dict" -print_final_stats=1 \
	    -artifact_prefix="$arts/$t-" "$corpus" >"$log" 2>&1 || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
	size=$(ls "$corpus" | wc -l)
	if [ "$rc" -eq 0 ] && grep -q '^Done ' "$log"; then
		echo "fuzz_$t: ok: ${runs:-?} runs in ${took:-?} s, corpus $size inputs" > "$res"
	else
		art=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -1)
		why=$(grep -m1 -E 'property failed|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' "$log")
		echo "fuzz_$t: FAILED (exit $rc): ${why:-see $log}; input: ${art:-none}" > "$res"
	fi
}

set -- $targets
while [ $# -gt 0 ]; do
	n=0
	while [ $# -gt 0 ] && [ $n -lt "$jobs" ]; do
		rm -f "$work/$1.result"
		fuzz "$1" &
		n=$((n + 1))
		shift
	done
	wait
done

status=0
for t in $targets; do
	if [ -f "$work/$t.result" ]; then
		cat "$work/$t.result"
	else
		echo "fuzz_$t: FAILED: no result"
	fi
	if ! grep -q ': ok: ' "$work/$t.result" 2>/dev/null; then
		status=1
		[ -f "$work/$t.log" ] && tail -40 "$work/$t.log" >&2
	fi
done
exit $status
