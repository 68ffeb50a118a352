#!/bin/sh
# SPDX-License-Identifier: ISC
# run executes a job exactly as cron would: only the crontab's variables
# plus cron's own, '%' to standard input, $SHELL -c in $HOME; --dry-run
# shows all of it; the exit code says whether the job succeeded.
. "$(dirname "$0")/lib.sh"

me=$(id -un)
home=$(getent passwd "$me" | cut -d: -f6)
tab=$T_TMP/tab
cat > "$tab" <<'EOF'
FOO = bar baz
# cronkeep: env
* * * * * exec /usr/bin/env
SHELL=/bin/bash
# cronkeep: bash
* * * * * echo "$0"; echo out; echo err >&2; exit 3
# cronkeep: stdin
0 0 * * * cat; printf '\%s|' a b; echo%line one%line two\%x
# cronkeep: slow
* * * * * echo started; sleep 30
# cronkeep: sig
* * * * * kill -TERM $$
#* * * * * echo disabled
# cronkeep: big
* * * * * head -c 5000 /dev/zero | tr '\\0' y
EOF

# The environment: ONLY the crontab's assignments and cron's defaults.
CK_LEAK=secret run -f "$tab" run --id env
expect_rc 0 "env job succeeds"
expect_err_has '^exit status 0$' "status line on stderr"
grep -v '^PWD=' "$OUT" | sort > "$T_TMP/env"
printf 'FOO=bar baz\nHOME=%s\nLOGNAME=%s\nPATH=/usr/bin:/bin\nSHELL=/bin/sh\n' \
    "$home" "$me" | sort > "$T_TMP/want"
if cmp -s "$T_TMP/env" "$T_TMP/want"; then ok; else
	fail "environment differs: $(diff "$T_TMP/want" "$T_TMP/env")"; fi
expect_out_has "^PWD=$home\$" "runs in HOME"

# SHELL from the crontab, output and exit status.
run -f "$tab" run --id bash
expect_rc 1 "failed job exits 1"
expect_out "$(printf '/bin/bash\nout\nerr')" "bash, stdout and stderr in order"
expect_err_has '^exit status 3$' "exit status 3 reported"

run -f "$tab" run --id bash --json
expect_rc 1 "failed job exits 1 with --json"
expect_json 'd["exit"] == 3 and d["signal"] is None and d["output"] == "/bin/bash\nout\nerr\n"' "json exit and output"
expect_json 'd["id"] == "bash" and d["line"] == 6 and d["user"] == "'"$me"'" and not d["timed_out"]' "json identity"
expect_json 'isinstance(d["duration"], (int, float)) and 0 <= d["duration"] < 60 and "duration_ms" not in d' "json duration in seconds"

# '%' feeds standard input; '\%' is a literal '%'.
run -f "$tab" run --id stdin
expect_rc 0 "stdin job"
expect_out "$(printf 'line one\nline two%%x\na|b|')" "stdin text and escaped percent"

# --dry-run shows everything and runs nothing.
run -f "$tab" run --id stdin --dry-run --json
expect_rc 0 "dry run"
expect_json 'd["argv"] == ["/bin/bash", "-c", "cat; printf '"'"'%s|'"'"' a b; echo"]' "dry-run argv"
expect_json 'd["stdin"] == "line one\nline two%x\n" and d["cwd"] == "'"$home"'"' "dry-run stdin and cwd"
expect_json 'sorted(d["env"]) == sorted(["FOO=bar baz", "SHELL=/bin/bash", "HOME='"$home"'", "PATH=/usr/bin:/bin", "LOGNAME='"$me"'"])' "dry-run env"
run -f "$tab" -n run --line 8
expect_rc 0 "dry run by line"
expect_out_has '^argv:$' "text dry run"
expect_out_has '^  -c$' "text dry run argv"
expect_out_has '^stdin: line one\\nline two%x\\n$' "text dry run stdin"
expect_out_has "^output mailed to: $me\$" "no MAILTO: mail to the user"
printf 'MAILTO=""\n# cronkeep: m\n* * * * * true\nMAILTO=ops@example.com\n# cronkeep: m2\n* * * * * true\n' > "$T_TMP/mail"
run -f "$T_TMP/mail" -n run --id m --json
expect_json 'd["mailto"] is None' "MAILTO empty: no mail"
run -f "$T_TMP/mail" -n run --id m2 --json
expect_json 'd["mailto"] == "ops@example.com"' "MAILTO set"

# Timeout and signals.
run -f "$tab" run --id slow --timeout 300ms --json
expect_rc 1 "timed out job exits 1"
expect_json 'd["timed_out"] and d["signal"] == 15 and d["exit"] is None and d["output"] == "started\n"' "timeout kills the group"
run -f "$tab" run --id sig
expect_rc 1 "signalled job exits 1"
expect_err_has '^killed by signal 15 ' "signal reported"

# Output limit.
run -f "$tab" run --id big --max-output 100 --json
expect_rc 0 "big output"
expect_json 'd["output"] == "y" * 100 and d["output_truncated"]' "output cut at the limit"

# Errors.
run -f "$tab" run --id nope
expect_rc 66 "unknown id"
expect_err_has "no job with id 'nope'" "names the id"
run -f "$tab" run --line 1
expect_rc 66 "no job on an assignment line"
run -f "$tab" run
expect_rc 2 "needs --id or --line"
run -f "$tab" run --id env --line 3
expect_rc 2 "not both"
run -f "$tab" run --id env --timeout soon
expect_rc 2 "bad timeout"
run run --help
expect_rc 0 "help"
expect_out_has '^usage: cronkeep' "help text"

# A system crontab's job runs as its user (as root), with that HOME.
if [ "$(id -u)" -eq 0 ] && getent passwd nobody >/dev/null; then
	printf '# cronkeep: who\n* * * * * nobody id -un; pwd\n' > "$T_TMP/sys"
	nhome=$(getent passwd nobody | cut -d: -f6)
	run -f "$T_TMP/sys" --system-format run --id who --json
	if [ -d "$nhome" ]; then
		expect_rc 0 "system job as nobody"
		expect_json 'd["user"] == "nobody" and d["output"] == "nobody\n'"$nhome"'\n"' "ran as nobody in its home"
	else
		# cron itself refuses a HOME it cannot enter.
		expect_rc 69 "nobody's home is missing"
		expect_err_has "cannot" "says why"
	fi
	printf '# cronkeep: who\n* * * * * no-such-user-ck true\n' > "$T_TMP/sys2"
	run -f "$T_TMP/sys2" --system-format run --id who
	expect_rc 67 "unknown user"
fi

finish
