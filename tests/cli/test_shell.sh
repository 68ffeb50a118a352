# SPDX-License-Identifier: ISC
# test_shell.sh - cronkeep shell: commands on a staged copy, diff, write
# with its conflict check, quit; driven through a pipe (no prompts) and
# through a pseudo-terminal (readline: completion, history).
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

D=$T_TMP
cd "$D" || exit 1
F=tab	# relative: labels are "tab"
mkdir "$D/tmp"
export TMPDIR=$D/tmp
export XDG_STATE_HOME=$D/state

same() {
	if cmp -s "$1" "$2"; then ok; else
		fail "$3: $1 differs from $2"
		diff "$2" "$1" >&2
	fi
}

base() {
	printf '%s\n' '# my jobs' 'MAILTO=""' '# cronkeep: backup' \
	    '0 3 * * * /usr/bin/backup' '# cronkeep: off' \
	    '#30 4 * * * /usr/bin/off' > "$F"
	cp "$F" "$D/orig"
}

# shell COMMANDS...: one line each on standard input.
shell() {
	printf '%s\n' "$@" > "$D/in"
	run_in "$D/in" -f "$F" shell
}

# ---- reading commands see the crontab ----
base
shell list 'find --id backup' 'show'
expect_rc 0 "list, find, show"
expect_out_has '^tab:4 +0 3 \* \* \* +backup +yes +/usr/bin/backup$' \
    "list names the real file, not the copy"
expect_out_lacks 'cronkeep-shell' "the copy's name is never shown"
expect_out_has '^# my jobs$' "show prints the crontab"
expect_err_empty "nothing on stderr"
[ "$(grep -c 'backup' "$OUT")" -eq 4 ] && ok || \
    fail "list, find and show each name backup (list, find, show x2)"

# ---- writes go to the copy; the file stays until write ----
base
shell "set --id x '0 5 * * *' -- /bin/x" 'enable --id off' 'list' 'diff'
expect_rc 1 "unwritten changes at the end of the input: exit 1"
expect_err_has '^cronkeep: 2 unwritten changes discarded$' \
    "says what it discards"
same "$F" "$D/orig" "the file is unchanged without write"
expect_out_has '^created$' "set ran"
expect_out_has '^enabled$' "enable ran"
expect_out_has '^tab:8 +0 5 \* \* \* +x +yes +/bin/x$' "list sees the staged job"
expect_out_has '^tab:6 +30 4 \* \* \* +off +yes' "list sees the staged enable"
cat > "$D/want" <<'EOF'
--- tab
+++ tab (staged)
@@ -3,4 +3,6 @@
 # cronkeep: backup
 0 3 * * * /usr/bin/backup
 # cronkeep: off
-#30 4 * * * /usr/bin/off
+30 4 * * * /usr/bin/off
+# cronkeep: x
+0 5 * * * /bin/x
EOF
sed -n '/^--- tab$/,$p' "$OUT" > "$D/got"
same "$D/got" "$D/want" "diff: the pending changes, unified"

# ---- write installs exactly the staged text ----
base
shell "set --id x '0 5 * * *' -- /bin/x" write diff 'remove --id x' write
expect_rc 0 "write, then nothing pending"
expect_out_has '^written: 1 change to tab$' "write says so"
[ "$(grep -c '^written: 1 change to tab$' "$OUT")" -eq 2 ] && ok || \
    fail "two writes of one change each"
same "$F" "$D/orig" "set then remove, both written: the original again"
base
shell "set --id x '0 5 * * *' -- /bin/x" write
{ cat "$D/orig"; printf '%s\n' '# cronkeep: x' '0 5 * * * /bin/x'; } \
    > "$D/want"
same "$F" "$D/want" "the file holds the staged text"
expect_rc 0 "written: exit 0"
shell write
expect_out 'nothing to write' "write without changes"
expect_rc 0 "nothing to write: exit 0"

# ---- the options of one command do not leak into the next ----
base
shell 'list --json' list 'find --id off -v' 'find --id backup'
expect_rc 0 "--json, then plain"
expect_out_has '^\{"jobs":\[' "the first list is JSON"
expect_out_has '^SOURCE +SCHEDULE' "the second is a table"
[ "$(grep -c '^SOURCE' "$OUT")" -eq 3 ] && ok || \
    fail "getopt starts over for each command"
expect_out_has '^tab:4 .*backup' "find --id after find --id -v"

# ---- errors: code, line and column; the session goes on ----
base
shell 'list "abc' 'frob' 'list x' 'enable --id nope' 'set --id y "99 * * * *" -- /bin/y' 'list'
expect_rc 0 "the last command decides the exit code"
expect_err_has "^cronkeep: \\(stdin\\):1:6: a \" without its closing \"\$" \
    "an open quote: line and column"
expect_err_has "^cronkeep: unknown command 'frob' \\(try 'help'\\)\$" \
    "an unknown command"
expect_err_has "^cronkeep: unexpected argument 'x'; try 'cronkeep list --help'\$" \
    "a usage error: one line and a hint"
expect_err_has "^cronkeep: no job with id 'nope'\$" "enable: no such id"
expect_err_has '^cronkeep: schedule:1: minute 99 out of range 0-59$' \
    "set: the schedule's error"
expect_out_has '^tab:4 ' "the session went on"
shell 'list \' 
expect_rc 2 "a usage error last: exit 2"
expect_err_has '^cronkeep: \(stdin\):1:6: a backslash at the end of the line$' \
    "a trailing backslash: line and column"
shell 'enable --id nope'
expect_rc 66 "enable of an unknown id last: exit 66"
shell 'list -u nobody'
expect_rc 2 "another crontab in the shell: a usage error"
expect_err_has '^cronkeep: this shell works on tab; -u, -s, --cron-d and -a select other crontabs$' \
    "says which crontab the shell works on"
shell 'shell'
expect_rc 2 "no shell in the shell"
expect_err_has '^cronkeep: this is the shell already$' "says so"

# ---- words: quotes and backslashes, no expansion ----
base
shell "set --id \"q\"'u'o \"0 6 * * *\" -- echo \"\$HOME\" 'it'\\''s' a\\ b \"q\\\"q\"" \
    'list --json'
expect_out_has '^created$' "set with quoted words"
grep '^{' "$OUT" > "$D/json"
cp "$D/json" "$OUT"
expect_json 'd["jobs"][2]["id"] == "quo"' "a quoted id"
expect_json 'd["jobs"][2]["command"] == "echo $HOME it'"'"'s a b q\"q"' \
    "no expansion, quotes removed"
expect_json 'd["jobs"][2]["schedule"] == "0 6 * * *"' "the schedule one word"

# ---- help ----
shell help 'help set'
expect_rc 0 "help"
for c in $("$CRONKEEP" --help | sed -n '/^commands:/,/^$/p' |
    awk 'NR > 1 && NF { print $1 }'); do
	[ "$c" = shell ] && continue
	grep -q "^  $c " "$OUT" && ok || fail "help lists $c"
done
expect_out_has '^  write ' "help lists write"
expect_out_has '^usage: cronkeep \[where\] set --id ID' "help set: set's usage"

# ---- a conflict: the file changes before write ----
base
mkfifo "$D/fifo"
"$CRONKEEP" -f "$F" shell < "$D/fifo" > "$OUT" 2> "$ERR" &
pid=$!
exec 3> "$D/fifo"
printf '%s\n' "set --id x '0 5 * * *' -- /bin/x" >&3
i=0
while ! grep -q '^created$' "$OUT" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
echo '# someone else' >> "$F"
cp "$F" "$D/theirs"
printf '%s\n' write diff >&3
exec 3>&-
RC=0
wait $pid || RC=$?
expect_rc 1 "a conflict, then unwritten changes at the end"
expect_err_has '^cronkeep: tab changed since the shell read it; nothing was written\.' \
    "the conflict is named"
expect_err_has "The changes stay staged: 'diff' shows them, 'reload' drops" \
    "and what to do"
same "$F" "$D/theirs" "the other writer's change is kept"
expect_out_has '^\+0 5 \* \* \* /bin/x$' "diff after the conflict: still staged"
# reload drops the staged change and sees the new text.
shell "set --id x '0 5 * * *' -- /bin/x" reload diff 'show'
expect_rc 0 "reload: nothing pending"
expect_out_lacks '^\+' "no diff after reload"
expect_out_has '^# someone else$' "reload read the file again"

# ---- a system crontab keeps its format ----
mkdir -p "$D/root/etc/cron.d"
printf '%s\n' 'SHELL=/bin/sh' '# cronkeep: rot' \
    '0 1 * * * root /usr/sbin/logrotate' > "$D/root/etc/cron.d/jobs"
chmod 644 "$D/root/etc/cron.d/jobs"
printf '%s\n' "set --id n --user nobody '0 2 * * *' -- /bin/n" list write \
    > "$D/in"
run_in "$D/in" --root "$D/root" --cron-d jobs shell
expect_rc 0 "a cron.d file"
expect_out_has "^$D/root/etc/cron.d/jobs:5 +0 2 \\* \\* \\* +nobody +n +yes +/bin/n\$" \
    "the user column, the real path"
grep -qx '0 2 \* \* \* nobody /bin/n' "$D/root/etc/cron.d/jobs" && ok || \
    fail "written in system format"

# ---- a user's crontab, through the real crontab(1) ----
if [ "$(id -u)" -eq 0 ] && command -v useradd >/dev/null 2>&1 &&
    command -v runuser >/dev/null 2>&1 && command -v crontab >/dev/null 2>&1
then
	. "$HERE/user.sh"
	need_user
	printf '%s\n' '# cronkeep: u1' '0 1 * * * /bin/u1' |
	    crontab -u "$CK_USER" -
	shell_user() {
		printf '%s\n' "$@" > "$D/in"
		run_in "$D/in" -u "$CK_USER" shell
	}
	shell_user list "set --id u2 '0 2 * * *' -- /bin/u2" write
	expect_rc 0 "a user's crontab: list, set, write"
	expect_out_has "^crontab:$CK_USER:2 +0 1 \\* \\* \\* +u1 +yes +/bin/u1\$" \
	    "list names the user's crontab"
	crontab -u "$CK_USER" -l > "$D/got"
	printf '%s\n' '# cronkeep: u1' '0 1 * * * /bin/u1' '# cronkeep: u2' \
	    '0 2 * * * /bin/u2' > "$D/want"
	same "$D/got" "$D/want" "written through crontab(1)"
	# A conflict: crontab(1) changes it between set and write.
	rm -f "$D/fifo"
	mkfifo "$D/fifo"
	"$CRONKEEP" -u "$CK_USER" shell < "$D/fifo" > "$OUT" 2> "$ERR" &
	pid=$!
	exec 3> "$D/fifo"
	printf '%s\n' "remove --id u1" >&3
	i=0
	while ! grep -q '^removed 1$' "$OUT" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	# Another cronkeep writer is not blocked by the session.
	RC=0
	timeout 10 "$CRONKEEP" -u "$CK_USER" set --id theirs '0 9 * * *' \
	    -- /bin/theirs > "$D/other" 2>&1 || RC=$?
	expect_rc 0 "another writer during the session: not blocked"
	crontab -u "$CK_USER" -l > "$D/want"
	printf '%s\n' write >&3
	exec 3>&-
	RC=0
	wait $pid || RC=$?
	expect_rc 75 "a conflict on the last line: EX_TEMPFAIL"
	expect_err_has "^cronkeep: crontab:$CK_USER changed since the shell read it" \
	    "the conflict is named"
	crontab -u "$CK_USER" -l > "$D/got"
	same "$D/got" "$D/want" "the other writer's crontab is kept"
	grep -q '^0 9 \* \* \* /bin/theirs$' "$D/got" && ok || \
	    fail "the other writer's job is there"
fi

# ---- refused: '-f -', operands ----
run -f - shell
expect_rc 2 "-f - is refused"
expect_err_has "'-f -' cannot be the crontab" "says why"
run -f "$F" shell extra
expect_rc 2 "no operands"

# ---- the private copy is gone afterwards; no history without a tty ----
[ -z "$(ls -A "$D/tmp")" ] && ok || fail "TMPDIR is clean: $(ls -A "$D/tmp")"
[ ! -e "$D/state/cronkeep/history" ] && ok || \
    fail "no history file without a terminal"

# ---- a terminal: readline, completion, history ----
if ! command -v python3 >/dev/null 2>&1; then
	finish
	exit
fi
base
# Built with readline, the shell must edit with it on a terminal.
rl=${CK_READLINE:?meson sets it: 1 when cronkeep was built with readline}
cat > "$D/drive_tty.py" <<'EOF'
# Like expect(1): send keys, then wait for a pattern in the output that
# follows what the previous step matched; keys go only to a waiting prompt.
import os, pty, re, select, sys, time
ck, tab, log, rl = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
env = dict(os.environ, TERM="dumb", INPUTRC="/dev/null")
pid, fd = pty.fork()
if pid == 0:
    os.execve(ck, [ck, "-f", tab, "shell"], env)
out = b""
pos = 0

def until(pat, timeout=10):
    global out, pos
    end = time.time() + timeout
    while True:
        m = re.search(pat.encode(), out[pos:])
        if m:
            pos += m.end()
            return True
        if time.time() > end:
            return False
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                d = os.read(fd, 4096)
            except OSError:
                return False
            if not d:
                return False
            out += d

def step(send, pat):
    os.write(fd, send.encode())
    if not until(pat):
        print("MISSING after %r: %r" % (send, pat))

step("", r"tab> ")
if rl:
    step("li\t", r"list ")
    step("\n", r"/usr/bin/off")
    step("", r"tab> ")
    step("enable --id \t\t", r"backup +off")
    step("\x15", r"tab> ")
    step("check --fa\t", r"--fail-on ")
    step("\x15", r"tab> ")
    step("list --dialect \t\t", r"busybox +cronie +debian +openbsd")
    step("\x15", r"tab> ")
else:
    step("list\n", r"/usr/bin/off")
    step("", r"tab> ")
step("set --id x '0 5 * * *' -- /bin/x\n", r"created")
step("", r"tab\*> ")
step("diff\n", r"\+0 5 \* \* \* /bin/x")
step("", r"tab\*> ")
step("quit\n", r"discard 1 unwritten change\? \[y/N\] ")
step("n\n", r"tab\*> ")
step("write\n", r"written: 1 change to tab")
step("", r"tab> ")
os.write(fd, b"quit\n")
until(r"never", 2)
_, status = os.waitpid(pid, 0)
out += b"\nSTATUS %d\n" % os.waitstatus_to_exitcode(status)
open(log, "wb").write(out)
EOF
python3 "$D/drive_tty.py" "$CRONKEEP" "$F" "$OUT" "$rl" > "$ERR" 2>&1
expect_err_empty "the terminal session saw everything it waited for"
expect_out_has '^STATUS 0' "the session ends with 0"
expect_out_has "cronkeep shell on tab: 'help' lists the commands" \
    "a greeting"
tr -d '\r' < "$OUT" > "$D/pty.out"
cp "$D/pty.out" "$OUT"
expect_out_has '^tab:4 +0 3 \* \* \* +backup' "list ran on the terminal"
{ cat "$D/orig"; printf '%s\n' '# cronkeep: x' '0 5 * * * /bin/x'; } \
    > "$D/want"
same "$F" "$D/want" "written from the terminal"
if [ $rl -eq 1 ]; then
	expect_out_has '^tab> list $' "li<TAB> completed to list"
	expect_out_has 'backup +off' "--id <TAB><TAB>: the job ids"
	expect_out_has 'busybox +cronie +debian +openbsd +portable' \
	    "--dialect <TAB><TAB>: the dialects"
	H=$D/state/cronkeep/history
	[ -f "$H" ] && ok || fail "history written to \$XDG_STATE_HOME"
	[ "$(stat -c %a "$D/state/cronkeep")" = 700 ] && ok || \
	    fail "the history directory is private"
	grep -qx "set --id x '0 5 \\* \\* \\*' -- /bin/x" "$H" && ok || \
	    fail "the history has the set line"
	grep -qx 'write' "$H" && ok || fail "the history has write"
	grep -q 'enable --id' "$H" && fail "a line dropped with ^U is no history" || ok
fi
finish
