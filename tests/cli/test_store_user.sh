#!/bin/sh
# SPDX-License-Identifier: ISC
# Users' crontabs through crontab(1): the real one from Debian's cron
# package for a throwaway user, and stubs (CRONKEEP_CRONTAB) that fail,
# print garbage, die by a signal or hang.  A failure is always an error,
# never an empty crontab.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/user.sh"

command -v crontab >/dev/null 2>&1 || skip "needs crontab(1) (Debian: cron)"
need_user
unset CRONKEEP_CRONTAB

# ---- the real crontab(1) ----
run -u "$CK_USER" list
expect_rc 0 "no crontab yet"
expect_no_out "no crontab: no jobs"
expect_err_empty "no crontab is not an error"
run -u "$CK_USER" --json list
expect_json 'd["jobs"] == []' "no crontab: empty JSON"

cat > "$T_TMP/tab" <<'TAB'
MAILTO=""
# cronkeep: backup
30 2 * * * /usr/local/bin/backup --full
#*/5 * * * * not a job, only a comment
@hourly echo hi # greeting
TAB
crontab -u "$CK_USER" "$T_TMP/tab"
run -u "$CK_USER" show
expect_rc 0 "show through crontab -l"
expect_out_file "$T_TMP/tab" "crontab -l text is byte-identical (header removed)"
run -u "$CK_USER" --json list
expect_rc 0 "list through crontab -l"
expect_json 'len(d["jobs"]) == 2' "two jobs"
expect_json 'd["jobs"][0] == {"source": "crontab:'"$CK_USER"'", "line": 3, "schedule": "30 2 * * *", "user": "'"$CK_USER"'", "id": "backup", "enabled": True, "command": "/usr/local/bin/backup --full", "shell_command": "/usr/local/bin/backup --full", "stdin": None, "comment": None}' "the marked job"
expect_json 'd["jobs"][1]["line"] == 5 and d["jobs"][1]["comment"] == "greeting"' "python-crontab comment"
run -u "$CK_USER" find --id backup
expect_rc 0 "find by id through crontab(1)"
expect_out_has "^crontab:$CK_USER:3 +30 2 \\* \\* \\* +backup +yes +/usr/local/bin/backup --full\$" "the table row"
run -u "$CK_USER" find --user "$CK_USER" --json
expect_json 'len(d["jobs"]) == 2' "--user matches the owner of a user crontab"

# --all on this host: the spool file is read directly (root may, no
# crontab(1) per user), but as crontab -l shows it: without crontab(1)'s
# three header lines, under the user's label, so that the line numbers
# are those -u USER and --line take.
run --all --json find --user "$CK_USER"
expect_rc 0 "--all finds the user's spool file"
expect_json '[(j["source"], j["line"], j["user"]) for j in d["jobs"]] == [("crontab:'"$CK_USER"'", 3, "'"$CK_USER"'"), ("crontab:'"$CK_USER"'", 5, "'"$CK_USER"'")]' \
    "--all: the lines of crontab -l"
run --all list
expect_out_has "^crontab:$CK_USER:3 " "--all list: the user's label and line"
# Every line --all prints can be given back to --line.
run -u "$CK_USER" -n disable --line 3
expect_rc 0 "--line of the --all listing"
expect_out_has '^-30 2 \* \* \* /usr/local/bin/backup --full$' \
    "--line 3 is the job --all listed at line 3"

# The user reads their own crontab (no -u) as themselves.
as_user list --json
expect_rc 0 "own crontab as the user"
expect_json 'len(d["jobs"]) == 2 and d["jobs"][0]["source"] == "crontab:'"$CK_USER"'"' "own crontab"
# ... and may not read root's: crontab(1)'s refusal is an error.
as_user -u root list
expect_rc 69 "-u root as a user is refused"
expect_err_has "must be privileged" "crontab's own message"
expect_no_out "no table on failure"

run -u ck-no-such-user list
expect_rc 67 "unknown user: EX_NOUSER, as in every command"
expect_err_has "no such user 'ck-no-such-user'" "says so"
expect_no_out "unknown user: no output"

# ---- stubs ----
stub() {
	printf '#!/bin/sh\n%s\n' "$2" > "$T_TMP/$1"
	chmod 755 "$T_TMP/$1"
}
stub_case() {	# NAME BODY RC STDERR-REGEX DESCRIPTION
	stub "$1" "$2"
	CRONKEEP_CRONTAB=$T_TMP/$1
	export CRONKEEP_CRONTAB
	run -u alice list
	expect_rc "$3" "$5 (list)"
	expect_err_has "$4" "$5: message"
	expect_no_out "$5: never an empty table"
	run -u alice --json show
	expect_rc "$3" "$5 (show)"
	expect_json "d['error']['exit'] == $3 and d['error']['message']" \
	    "$5: the JSON error object, nothing else"
	unset CRONKEEP_CRONTAB
}
stub_case fail 'echo "crontab: cannot open spool: Read-only file system" >&2; exit 1' \
	69 "cannot open spool: Read-only file system" "non-zero exit with a message"
stub_case other 'echo "no crontab for bob" >&2; exit 1' \
	69 "no crontab for bob" "'no crontab' for another user"
stub_case garbage 'printf "\001\002\377garbage"; exit 3' \
	69 "exit 3" "garbage and failure"
stub_case signal 'echo "0 * * * * half"; kill -9 $$' \
	69 "killed by signal 9" "killed by a signal"
stub_case segv 'echo "0 * * * * half"; kill -SEGV $$' \
	69 "killed by signal 11" "crashed"

stub hang 'sleep 30'
CRONKEEP_CRONTAB=$T_TMP/hang CRONKEEP_CRONTAB_TIMEOUT_MS=400
export CRONKEEP_CRONTAB CRONKEEP_CRONTAB_TIMEOUT_MS
start=$(date +%s)
run -u alice list
end=$(date +%s)
expect_rc 69 "a hanging crontab(1)"
expect_err_has "did not finish within 400 ms and was killed" "timeout message"
expect_no_out "hang: no table"
if [ $((end - start)) -lt 5 ]; then ok; else fail "the timeout took $((end - start)) s"; fi
unset CRONKEEP_CRONTAB CRONKEEP_CRONTAB_TIMEOUT_MS

CRONKEEP_CRONTAB=$T_TMP/not-there run -u alice list
expect_rc 69 "missing crontab program"
expect_err_has "not found" "missing program message"

# The stub sees LC_ALL=C and no shell: an argument with spaces and quotes
# arrives as one word.
stub argv 'printf "%s|" "$@" > '"$T_TMP"'/argv; echo "LC_ALL=$LC_ALL" > '"$T_TMP"'/env; echo "no crontab for $2" >&2; exit 1'
CRONKEEP_CRONTAB=$T_TMP/argv LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 run -u "a b'c;\$(x)" list
expect_rc 0 "a 'no crontab' answer for an odd name"
if [ "$(cat "$T_TMP/argv")" = "-u|a b'c;\$(x)|-l|" ]; then ok; else
	fail "argv was $(cat "$T_TMP/argv")"; fi
if [ "$(cat "$T_TMP/env")" = "LC_ALL=C" ]; then ok; else
	fail "child env: $(cat "$T_TMP/env")"; fi

finish
