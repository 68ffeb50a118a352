#!/bin/sh
# SPDX-License-Identifier: ISC
# Hostile input through the command line: a 10 MB line, a million lines,
# binary garbage, on files and on standard input, and garbage schedules.
# cronkeep must not crash (no signal, no EX_SOFTWARE), must give back
# every byte (show), must keep its JSON valid whatever the bytes, and
# must stay within bounded time and memory (peak RSS measured by the
# parent, at most a few times the input).
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "needs python3"

# Sanitizers and valgrind make everything slower and bigger.
scale=1
if ldd "$CRONKEEP" 2>/dev/null | grep -q 'lib[a-z]*san'; then scale=4; fi
if [ -n "${CK_VALGRIND:-}" ]; then scale=4; fi

# measure SECONDS MB ARGS...: run cronkeep (stdin from $IN when set) with
# output in $OUT/$ERR; fail when it takes longer than SECONDS or peaks
# above MB megabytes (both times $scale).  Sets RC.
measure() {
	_s=$(($1 * scale))
	_mb=$(($2 * scale))
	shift 2
	python3 - "$OUT" "$ERR" "${IN:-/dev/null}" "$CRONKEEP" "$@" \
	    > "$T_TMP/measure" <<'PY'
import resource, subprocess, sys, time
out, err, inp = sys.argv[1:4]
t = time.time()
with open(out, "wb") as o, open(err, "wb") as e, open(inp, "rb") as i:
    rc = subprocess.call(sys.argv[4:], stdin=i, stdout=o, stderr=e)
dt = time.time() - t
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(rc, "%.2f" % dt, kb // 1024)
PY
	read -r RC _t _m < "$T_TMP/measure"
	printf '%.60s: %s s, %s MB peak\n' "$*" "$_t" "$_m" >&2
	if python3 -c "import sys; sys.exit(0 if $_t < $_s else 1)"; then ok
	else fail "$*: took $_t s (limit $_s)"; fi
	if [ "$_m" -lt "$_mb" ]; then ok; else
		fail "$*: peak $_m MB (limit $_mb)"; fi
	# A signal shows as a negative code; 70 is EX_SOFTWARE.
	if [ "$RC" -ge 0 ] && [ "$RC" -ne 70 ]; then ok; else
		fail "$*: crashed (status $RC)"; fi
}

# valid_json DESCRIPTION: stdout is one JSON document.
valid_json() {
	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$OUT" \
	    2>"$T_TMP/pyerr"; then ok; else
		fail "$1: stdout is not JSON: $(head -c 200 "$T_TMP/pyerr")"; fi
}

# ---- a 10 MB line ----
python3 -c '
import sys
sys.stdout.write("0 * * * * " + "x" * (10 << 20) + "\n")' > "$T_TMP/long"
measure 20 160 -f "$T_TMP/long" show
expect_rc 0 "show a 10 MB line"
expect_out_file "$T_TMP/long" "show gives the 10 MB line back"
measure 20 200 -f "$T_TMP/long" --json list
expect_rc 0 "list a 10 MB command"
valid_json "list --json of a 10 MB command"
measure 30 200 -f "$T_TMP/long" check
if [ "$RC" -le 1 ]; then ok; else fail "check a 10 MB line: exit $RC"; fi
expect_err_has "long" "check names the long line"

# ---- a million lines ----
python3 -c '
import sys
kinds = ["0 * * * * /bin/job\n", "# a comment\n", "\n", "MAILTO=root\n",
    "bad line\n", "# cronkeep: id\n", "*/5 1-5 * jan-mar mon-fri run\r\n"]
sys.stdout.write("".join(kinds[i % 7] for i in range(1000000)))' > "$T_TMP/many"
measure 30 400 -f "$T_TMP/many" show
expect_rc 0 "show a million lines"
expect_out_file "$T_TMP/many" "show gives the million lines back"
measure 60 800 -f "$T_TMP/many" check
expect_rc 1 "check finds the bad lines among a million"
expect_err_has ":5:1: error" "the first bad line, line 5 column 1"
IN=$T_TMP/many measure 30 400 -f - show
expect_rc 0 "a million lines from standard input"
expect_out_file "$T_TMP/many" "standard input comes back byte for byte"

# ---- binary garbage ----
python3 -c '
import random, sys
r = random.Random(7)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(1 << 20)))' \
    > "$T_TMP/garbage"
measure 20 200 -f "$T_TMP/garbage" show
expect_rc 0 "show binary garbage"
expect_out_file "$T_TMP/garbage" "garbage comes back byte for byte"
for cmd in "list" "check" "check --format json" "find --command x"; do
	# shellcheck disable=SC2086
	measure 30 400 -f "$T_TMP/garbage" --json $cmd
	if [ "$RC" -le 1 ]; then ok; else fail "$cmd on garbage: exit $RC"; fi
	valid_json "$cmd --json on garbage"
done
measure 30 400 -f "$T_TMP/garbage" --system-format --dialect cronie check
if [ "$RC" -le 1 ]; then ok; else fail "system check on garbage: exit $RC"; fi
IN=$T_TMP/garbage measure 20 200 -f - --json list
valid_json "list --json of garbage on standard input"

# Bytes that look like UTF-8 but are not (overlong forms, surrogates, past
# U+10FFFF) must not reach JSON as they are: parsers reject them.
printf '0 * * * * a\340\222\257b\355\240\200c\360\202\202\254d\364\220\200\200e \303\251\n' \
    > "$T_TMP/utf8"
run -f "$T_TMP/utf8" --json list
expect_rc 0 "list near-UTF-8"
valid_json "list --json of near-UTF-8"
expect_json 'd["jobs"][0]["command"].startswith("a\ufffd")' \
    "an overlong form becomes U+FFFD"
expect_json 'd["jobs"][0]["command"].endswith("e \u00e9")' \
    "real UTF-8 passes through"

# ---- garbage schedules as arguments ----
long_expr=$(python3 -c 'print("1," * 5000 + "2 * * * *")')
measure 10 100 check --expr "$long_expr"
if [ "$RC" -le 1 ] || [ "$RC" -eq 65 ]; then ok; else
	fail "a 10 kB expression: exit $RC"; fi
for e in "$(printf '0 0 *0 * 3\n/20')" "$(printf '\001\377 * * * *')" \
    "* * * * * * *" "@" "" "$long_expr"; do
	for cmd in "check --expr" "explain" "next"; do
		# shellcheck disable=SC2086
		run --json $cmd "$e"
		if [ "$RC" -ne 0 ] && [ "$RC" -lt 128 ] && [ "$RC" -ne 70 ]; then
			ok; else fail "$cmd on a bad schedule: exit $RC"; fi
	done
done
run check --expr "$(printf '0 0 *0 * 3\n/20')"
expect_err_has "newline" "a newline in a schedule is refused"

finish
