#!/bin/sh
# Writing back (cli_source_write through `set`): a kill -9 between write
# and rename, a change made while cronkeep writes, two writers at once,
# symbolic links, names cron ignores, new system files, --dry-run and
# --backup, and a user's crontab through the real crontab(1).
# CRONKEEP_FAULT_PAUSE_MS makes cronkeep print "paused: TMP" and wait
# just before it commits a write.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/user.sh"

R=$T_TMP/root
mkdir -p "$R/etc/cron.d"
F=$R/etc/cron.d/jobs
printf 'MAILTO=""\n# cronkeep: a\n0 1 * * *\troot\t/bin/a\n' > "$F"
chmod 640 "$F"
[ "$(id -u)" -ne 0 ] || chown 1:4 "$F"
cp "$F" "$T_TMP/orig"
stat -c '%a %u %g' "$F" > "$T_TMP/orig.stat"

# wait_paused ERRFILE: until cronkeep says it paused (at most 10 s).
wait_paused() {
	_i=0
	while ! grep -q 'paused: ' "$1" 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -lt 200 ] || return 1
		sleep 0.05
	done
}

# ---- kill -9 between the complete temporary file and the rename ----
CRONKEEP_FAULT_PAUSE_MS=20000 "$CRONKEEP" --root "$R" --cron-d jobs \
    set --id b --user root '0 2 * * *' -- /bin/b >"$T_TMP/o1" 2>"$T_TMP/e1" &
pid=$!
if wait_paused "$T_TMP/e1"; then ok; else fail "the writer never paused"; fi
tmp=$(sed -n 's/.*paused: //p' "$T_TMP/e1")
case $tmp in
"$R/etc/cron.d/.jobs."??????) ok ;;
*) fail "temporary file name: $tmp" ;;
esac
grep -q '/bin/b' "$tmp" && ok || fail "the temporary file is not complete"
kill -9 "$pid"
wait "$pid" 2>/dev/null
if cmp -s "$F" "$T_TMP/orig"; then ok; else fail "kill -9 changed the crontab"; fi
if [ "$(stat -c '%a %u %g' "$F")" = "$(cat "$T_TMP/orig.stat")" ]; then ok; else
	fail "kill -9 changed mode or owner"; fi
[ -f "$tmp" ] && ok || fail "the leftover is gone?"
# The leftover is a hidden name cron never reads: not listed, not warned.
run --root "$R" -s list
expect_rc 0 "list after the crash"
expect_out_lacks "/bin/b" "the half-done job is not listed"
expect_err_lacks "\\.jobs\\." "no warning about the hidden leftover"
run --root "$R" -s --json list
expect_json 'any(s["source"] == "'"$tmp"'" and not s["error"] for s in d["skipped"])' "the leftover is reported in JSON"
# The lock died with the process: the next write goes through.
run --root "$R" --cron-d jobs set --id b --user root '0 2 * * *' -- /bin/b
expect_rc 0 "write after the crash"
expect_out created "set after the crash"
if [ "$(stat -c '%a %u %g' "$F")" = "$(cat "$T_TMP/orig.stat")" ]; then ok; else
	fail "the rewrite changed mode or owner: $(stat -c '%a %u %g' "$F")"; fi
rm -f "$tmp"

# ---- someone edits the file while cronkeep writes: conflict ----
cp "$F" "$T_TMP/before"
CRONKEEP_FAULT_PAUSE_MS=1500 "$CRONKEEP" --root "$R" --cron-d jobs \
    set --id c --user root '0 3 * * *' -- /bin/c >"$T_TMP/o2" 2>"$T_TMP/e2" &
pid=$!
wait_paused "$T_TMP/e2" || fail "the writer never paused"
printf '# edited by hand\n' >> "$F"
cp "$F" "$T_TMP/theirs"
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 75 ] && ok || fail "a conflicting write exits $rc, not 75 (EX_TEMPFAIL)"
grep -q "changed since it was read; nothing was written" "$T_TMP/e2" && ok ||
	fail "conflict message: $(cat "$T_TMP/e2")"
cmp -s "$F" "$T_TMP/theirs" && ok || fail "the other edit was lost"
ls -a "$R/etc/cron.d" | grep -q '^\.jobs\.' && fail "temporary file left after a conflict" || ok

# ---- two writers at once: the second waits for the first ----
CRONKEEP_FAULT_PAUSE_MS=1000 "$CRONKEEP" --root "$R" --cron-d jobs \
    set --id d --user root '0 4 * * *' -- /bin/d >"$T_TMP/o3" 2>"$T_TMP/e3" &
p1=$!
wait_paused "$T_TMP/e3" || fail "the first writer never paused"
"$CRONKEEP" --root "$R" --cron-d jobs set --id e --user root '0 5 * * *' -- /bin/e \
    >"$T_TMP/o4" 2>"$T_TMP/e4" &
p2=$!
r1=0; wait "$p1" || r1=$?
r2=0; wait "$p2" || r2=$?
[ "$r1" -eq 0 ] && [ "$r2" -eq 0 ] && ok || fail "concurrent writers: $r1 $r2: $(cat "$T_TMP/e3" "$T_TMP/e4")"
grep -q '/bin/d' "$F" && grep -q '/bin/e' "$F" && ok ||
	fail "a concurrent update was lost: $(cat "$F")"

# ---- refusals ----
ln -s jobs "$R/etc/cron.d/link"
run --root "$R" --cron-d link set --id x --user root '0 6 * * *' -- /bin/x
expect_rc 77 "a symbolic link is refused (EX_NOPERM)"
expect_err_has "refusing to replace $R/etc/cron.d/link: it is a symbolic link" "symlink message"
[ -L "$R/etc/cron.d/link" ] && ok || fail "the link was replaced"
run --root "$R" --cron-d backup.sh set --id x --user root '0 6 * * *' -- /bin/x
expect_rc 77 "a name cron ignores is refused"
expect_err_has "refusing to write $R/etc/cron.d/backup.sh: debian cron would ignore it \\(names with a '.'" "ignored-name message"
[ -e "$R/etc/cron.d/backup.sh" ] && fail "backup.sh was created" || ok
run --root "$R" --dialect cronie --cron-d 'x~' set --id x --user root '0 6 * * *' -- /bin/x
expect_rc 77 "cronie: a name ending in ~ is refused"

# ---- a new system file: 0644 root:root ----
if [ "$(id -u)" -eq 0 ]; then
	(umask 077 && "$CRONKEEP" --root "$R" --cron-d fresh set --id f --user root \
	    '0 7 * * *' -- /bin/f >"$OUT" 2>"$ERR") && ok || fail "create fresh"
	[ "$(stat -c '%a %u %g' "$R/etc/cron.d/fresh")" = "644 0 0" ] && ok ||
		fail "new system file: $(stat -c '%a %u %g' "$R/etc/cron.d/fresh")"
	grep -q '^0 7 \* \* \* root /bin/f$' "$R/etc/cron.d/fresh" 2>/dev/null &&
		ok || fail "set wrote: $(cat "$R/etc/cron.d/fresh")"
fi

# ---- --dry-run and --backup ----
cp "$F" "$T_TMP/before"
run --root "$R" --cron-d jobs --dry-run set --id a --user root '0 9 * * *' -- /bin/a
expect_rc 0 "--dry-run"
expect_out_has "^--- $F\$" "diff header"
expect_out_has '^-0 1 \* \* \*	root	/bin/a$' "diff: old line"
expect_out_has '^\+0 9 \* \* \*' "diff: new line"
cmp -s "$F" "$T_TMP/before" && ok || fail "--dry-run changed the file"
run --root "$R" --cron-d jobs --backup "$T_TMP/bak" set --id a --user root '0 9 * * *' -- /bin/a
expect_rc 0 "--backup"
cmp -s "$T_TMP/bak" "$T_TMP/before" && ok || fail "the backup is not the old file"
[ "$(stat -c %a "$T_TMP/bak")" = 600 ] && ok || fail "the backup is not private"

# ---- standard input: the result goes to standard output ----
printf '0 0 * * * old\n' > "$T_TMP/in"
run_in "$T_TMP/in" -f - set --id n '5 5 * * *' -- new
expect_rc 0 "-f - set"
expect_out_has '^0 0 \* \* \* old$' "stdin: old line kept"
expect_out_has '^5 5 \* \* \* new$' "stdin: new job printed"

# ---- a user's crontab through the real crontab(1) ----
if command -v crontab >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
	need_user
	unset CRONKEEP_CRONTAB
	run -u "$CK_USER" set --id hello '0 8 * * *' -- echo hello
	expect_rc 0 "set through crontab(1)"
	crontab -u "$CK_USER" -l > "$T_TMP/listed"
	printf '# cronkeep: hello\n0 8 * * * echo hello\n' > "$T_TMP/want"
	cmp -s "$T_TMP/listed" "$T_TMP/want" && ok || fail "crontab -l: $(cat "$T_TMP/listed")"
	# A change through crontab(1) while cronkeep writes: conflict.
	CRONKEEP_FAULT_PAUSE_MS=1500 "$CRONKEEP" -u "$CK_USER" \
	    set --id two '0 9 * * *' -- echo two >"$T_TMP/o5" 2>"$T_TMP/e5" &
	pid=$!
	wait_paused "$T_TMP/e5" || fail "the user writer never paused"
	printf '1 1 * * * theirs\n' | crontab -u "$CK_USER" -
	rc=0; wait "$pid" || rc=$?
	[ "$rc" -eq 75 ] && ok || fail "user conflict exits $rc: $(cat "$T_TMP/e5")"
	[ "$(crontab -u "$CK_USER" -l)" = "1 1 * * * theirs" ] && ok ||
		fail "the other user edit was lost"
	# crontab(1) refusing the install: its message, and nothing changes.
	printf '#!/bin/sh\nfor a; do last=$a; done\n[ "$last" = -l ] && exec crontab "$@"\necho "errors in crontab file, cannot install." >&2\nexit 1\n' > "$T_TMP/refuse"
	chmod 755 "$T_TMP/refuse"
	CRONKEEP_CRONTAB=$T_TMP/refuse run -u "$CK_USER" set --id x '0 1 * * *' -- x
	expect_rc 69 "refused install"
	expect_err_has "errors in crontab file, cannot install" "crontab's message"
	[ "$(crontab -u "$CK_USER" -l)" = "1 1 * * * theirs" ] && ok ||
		fail "a refused install changed the crontab"
	ls "${TMPDIR:-/tmp}" | grep -q "^cronkeep\\.$" && fail "temp file left" || ok
fi

# No fixed size cap on -f (it once refused files over 16 MiB, exit 65).
{ printf '0 5 * * * /bin/after-padding\n'
  yes '# padding padding padding padding padding padding padding padding' | head -c 17000000
  printf '\n'; } > "$T_TMP/huge"
run -f "$T_TMP/huge" list --json
expect_rc 0 "a 17 MB -f file is read"
expect_json 'd["jobs"][0]["command"] == "/bin/after-padding"' "its job listed"
rm -f "$T_TMP/huge"

finish
