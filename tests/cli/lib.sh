# SPDX-License-Identifier: ISC
# lib.sh - helpers for the end-to-end tests: run the built cronkeep and
# compare its stdout, stderr and exit code.  Each script sources this file,
# calls the checks, and ends with `finish`.  A failed check prints what was
# expected and what came, and makes the script exit 1.
#
# Environment (set by meson): CRONKEEP, CK_TEST_DATA, CK_VECTORS, CK_BUILD.

set -u
# Piped tables are whole unless COLUMNS says otherwise (src/cli/width.c):
# a COLUMNS exported by the shell that runs the tests changes nothing.
unset COLUMNS
: "${CRONKEEP:?CRONKEEP must name the built binary}"
T_FAILS=0
T_COUNT=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/cktest.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT
OUT=$T_TMP/out
ERR=$T_TMP/err
RC=0

# run ARGS...: run cronkeep, keep stdout in $OUT, stderr in $ERR, code in $RC.
run() {
	RC=0
	"$CRONKEEP" "$@" >"$OUT" 2>"$ERR" || RC=$?
}

# run_in FILE ARGS...: the same with FILE as standard input.
run_in() {
	_in=$1
	shift
	RC=0
	"$CRONKEEP" "$@" <"$_in" >"$OUT" 2>"$ERR" || RC=$?
}

fail() {
	T_FAILS=$((T_FAILS + 1))
	printf 'FAIL: %s\n' "$*" >&2
	printf -- '--- stdout:\n' >&2; head -c 3000 "$OUT" >&2 2>/dev/null
	printf -- '--- stderr:\n' >&2; head -c 3000 "$ERR" >&2 2>/dev/null
	printf -- '---\n' >&2
}

ok() {
	T_COUNT=$((T_COUNT + 1))
}

# expect_rc N DESCRIPTION
expect_rc() {
	if [ "$RC" -eq "$1" ]; then ok; else fail "$2: exit $RC, expected $1"; fi
}

# expect_out_file FILE DESCRIPTION: stdout equals FILE byte for byte.
expect_out_file() {
	if cmp -s "$OUT" "$1"; then ok; else fail "$2: stdout differs from $1"; fi
}

# expect_out STRING DESCRIPTION: stdout equals STRING plus a newline.
expect_out() {
	printf '%s\n' "$1" > "$T_TMP/expected"
	if cmp -s "$OUT" "$T_TMP/expected"; then ok; else
		fail "$2: stdout is not '$1'"; fi
}

# expect_out_has REGEX DESCRIPTION (grep -E on stdout)
expect_out_has() {
	if grep -Eq -- "$1" "$OUT"; then ok; else fail "$2: stdout lacks /$1/"; fi
}
expect_out_lacks() {
	if grep -Eq -- "$1" "$OUT"; then fail "$2: stdout has /$1/"; else ok; fi
}
expect_err_has() {
	if grep -Eq -- "$1" "$ERR"; then ok; else fail "$2: stderr lacks /$1/"; fi
}
expect_err_lacks() {
	if grep -Eq -- "$1" "$ERR"; then fail "$2: stderr has /$1/"; else ok; fi
}
expect_err_empty() {
	if [ -s "$ERR" ]; then fail "$1: stderr not empty"; else ok; fi
}

# expect_json PYEXPR DESCRIPTION: a python expression over `d` (stdout
# parsed as JSON) must be true.
expect_json() {
	if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$OUT" "$1" 2>"$T_TMP/pyerr"; then ok; else
		cat "$T_TMP/pyerr" >&2
		fail "$2: JSON check failed: $1"
	fi
}

# timed ARGS...: run cronkeep as run() does and set SECS (wall clock) and
# CPU (user + system seconds of cronkeep itself: what a loaded machine
# does not inflate).
timed() {
	RC=0
	_t=$(python3 -c '
import resource, subprocess, sys, time
t0 = time.monotonic()
with open(sys.argv[1], "wb") as o, open(sys.argv[2], "wb") as e:
    rc = subprocess.call(sys.argv[3:], stdout=o, stderr=e)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%d %.2f %.2f" % (rc, time.monotonic() - t0, r.ru_utime + r.ru_stime))
' "$OUT" "$ERR" "$CRONKEEP" "$@")
	set -- $_t
	RC=$1 SECS=$2 CPU=$3
}

# sanitized: true under ASan/UBSan or valgrind (slower: keep sizes small).
sanitized() {
	[ "${CK_VALGRIND:-}" = 1 ] ||
	    { [ -n "${CK_SANITIZE:-}" ] && [ "${CK_SANITIZE:-}" != none ]; }
}

# skip REASON: the whole script is skipped (meson counts exit 77 as skipped).
skip() {
	printf 'SKIP: %s\n' "$*" >&2
	exit 77
}

# A test of suite 'slow' (tests/cli/meson.build: CK_SLOW=1) is skipped
# when CK_SKIP_SLOW is set: .ci/run's dist check, which runs the suite a
# third time after the plain and ASan runs have run these.
if [ "${CK_SLOW:-}" = 1 ] && [ -n "${CK_SKIP_SLOW:-}" ]; then
	skip "a slow test, and CK_SKIP_SLOW is set"
fi

finish() {
	printf '%d checks, %d failed\n' "$((T_COUNT + T_FAILS))" "$T_FAILS"
	[ "$T_FAILS" -eq 0 ]
}

# expect_out_empty DESCRIPTION
expect_out_empty() {
	if [ -s "$OUT" ]; then fail "$1: stdout not empty"; else ok; fi
}
