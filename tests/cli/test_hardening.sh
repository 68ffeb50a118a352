#!/bin/sh
# SPDX-License-Identifier: ISC
# Issue 27: what a red-team pass found, one case each.  run gives a job only
# descriptors 0-2 and cron's umask, refuses what cron would ignore, and runs
# a -f file's job as the file's owner.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/user.sh"

need_user
U=$CK_USER
mkdir "$T_TMP/home"
chown "$U" "$T_TMP/home"
usermod -d "$T_TMP/home" "$U"
tab=$T_TMP/tab
cat > "$tab" <<'TAB'
# cronkeep: fds
* * * * * ls /proc/self/fd
# cronkeep: umask
* * * * * umask
# cronkeep: who
* * * * * id -un
TAB
chmod 644 "$tab"

# Item 2: the caller's descriptors stay with the caller.
RC=0
"$CRONKEEP" -f "$tab" run --id fds 7</etc/shadow 9>"$T_TMP/nine" \
    >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "fds job runs"
# ls itself opens one directory descriptor (3).
expect_out "$(printf '0\n1\n2\n3')" "only 0, 1 and 2 reach the job"
crontab -u "$U" "$tab"
RC=0
"$CRONKEEP" -u "$U" run --id fds 7</etc/shadow >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "another user's job runs"
expect_out "$(printf '0\n1\n2\n3')" "root's fd 7 does not reach $U's job"
RC=0
(umask 077; "$CRONKEEP" -f "$tab" run --id umask >"$OUT" 2>"$ERR") || RC=$?
expect_out 0022 "the job gets cron's umask, not the caller's 077"

# Item 3: a -f file's job runs as the file's owner.
cp "$tab" "$T_TMP/utab"
chown "$U" "$T_TMP/utab"
run -f "$T_TMP/utab" run --id who
expect_rc 0 "root runs $U's file"
expect_out "$U" "as its owner $U, not as root"
run -f "$T_TMP/utab" run --id who --dry-run --json
expect_json 'd["user"] == "'"$U"'"' "dry run names the owner"
cp "$tab" "$T_TMP/rtab"
chmod 644 "$T_TMP/rtab"
RC=0
runuser -u "$U" -- "$CK_USER_EXE" -f "$T_TMP/rtab" run --id who \
    >"$OUT" 2>"$ERR" || RC=$?
expect_rc 77 "a user cannot run root's file"
expect_err_has "only root can run it" "and is told why"

# A cron.d file cron ignores is not run (exit 78), and a write warns.
R=$T_TMP/root
mkdir -p "$R/etc/cron.d"
printf '# cronkeep: x\n* * * * * root id -un\n' > "$R/etc/cron.d/evil"
chown "$U" "$R/etc/cron.d/evil"
chmod 664 "$R/etc/cron.d/evil"
run --root "$R" --cron-d evil run --id x
expect_rc 78 "a user-owned cron.d file is refused"
expect_err_has "cron ignores this file \(not owned by root\)" "the reason"
expect_no_out "nothing ran"
chown root "$R/etc/cron.d/evil"
run --root "$R" --cron-d evil run --id x
expect_rc 78 "a group-writable cron.d file is refused"
expect_err_has "writable by group or others" "the reason"
chmod 644 "$R/etc/cron.d/evil"
run --root "$R" --cron-d evil run --id x
expect_rc 0 "a proper cron.d file runs"
expect_out root "as its user column"
printf '* * * * * root id\n' > "$R/etc/cron.d/bad.name"
run --root "$R" --cron-d bad.name run --line 1
expect_rc 78 "a cron.d name cron skips is refused"
chown "$U" "$R/etc/cron.d/evil"
run --root "$R" --cron-d evil set --id y --user root '@daily' -- true
expect_rc 0 "the write itself goes on"
expect_err_has "warning: .*evil: debian cron ignores this file \(not owned by root\)" "with a warning"
# A system-format -f file anywhere is held to the same rules.
printf '# cronkeep: x\n* * * * * root id -un\n' > "$T_TMP/sys"
chown "$U" "$T_TMP/sys"
run --system-format -f "$T_TMP/sys" run --id x
expect_rc 78 "a user-owned system-format file is refused"

# Item 10: a FIFO at a crontab path is refused at once (exit 66), never a hang.
mkfifo "$R/etc/cron.d/fifo" "$T_TMP/fifo"
for args in "--root $R --cron-d fifo list" "check $T_TMP/fifo" \
    "-f $T_TMP/fifo list" "-f $T_TMP/fifo set --id a @daily -- true" \
    "diff $T_TMP/fifo $tab" "install $T_TMP/fifo"; do
	RC=0
	# shellcheck disable=SC2086
	timeout 10 "$CRONKEEP" $args >"$OUT" 2>"$ERR" || RC=$?
	expect_rc 66 "FIFO: $args"
	expect_err_has "fifo is a FIFO, not a crontab file" "FIFO named: $args"
done
run -s --root "$R" list
expect_err_has "fifo: skipped; debian cron ignores this file: not a regular file" "-s skips the FIFO"
rm "$R/etc/cron.d/fifo"

# Item 8: a spool file written under --root is the user's, group crontab,
# 0600 (cron ignores any other), and -a reports one that is not.
I=$T_TMP/image
mkdir -p "$I/etc" "$I/var/spool/cron/crontabs"
printf 'root:x:0:0::/root:/bin/sh\nalice:x:4242:4242::/home/alice:/bin/sh\n' > "$I/etc/passwd"
printf 'root:x:0:\ncrontab:x:4343:\nalice:x:4242:\n' > "$I/etc/group"
run --root "$I" -u alice set --id a @daily -- true
expect_rc 0 "--root -u alice set"
if [ "$(stat -c '%u %g %a' "$I/var/spool/cron/crontabs/alice")" = "4242 4343 600" ]; then
	ok; else fail "spool file is $(stat -c '%u %g %a' "$I/var/spool/cron/crontabs/alice")"; fi
printf '@daily true\n' > "$I/var/spool/cron/crontabs/bob"
chmod 644 "$I/var/spool/cron/crontabs/bob"
printf 'bob:x:4444:4444::/home/bob:/bin/sh\n' >> "$I/etc/passwd"
run --root "$I" -a list
expect_err_has "crontabs/bob: skipped; debian cron ignores this file: wrong owner" "-a list reports root:root 0644"
run --root "$I" -a check
expect_err_has "crontabs/bob: skipped; debian cron ignores this file: wrong owner" "-a check reports it too"
run --root "$I" -u bob set --id b @daily -- true
expect_rc 0 "a write repairs it"
if [ "$(stat -c '%u %g %a' "$I/var/spool/cron/crontabs/bob")" = "4444 4343 600" ]; then
	ok; else fail "bob's file is $(stat -c '%u %g %a' "$I/var/spool/cron/crontabs/bob")"; fi
chown 4444 "$I/var/spool/cron/crontabs/bob"
chmod 640 "$I/var/spool/cron/crontabs/bob"
run --root "$I" -a list
expect_err_has "crontabs/bob: skipped; debian cron ignores this file: bad mode" "a bad mode is reported"
run --root "$I" -u bob check
expect_rc 1 "check of a spool file with a bad mode fails"
expect_err_has "mode 0640, not 0600: cron ignores it \[CK067\]" "with the spool-file rule"

# Item 10: a write that breaks a hard link says so; the other link keeps
# the old text.
HL=$T_TMP/linked
printf '0 * * * * true\n' > "$HL"
ln "$HL" "$HL.other"
run -f "$HL" set --id hl '0 1 * * *' -- /bin/true
expect_rc 0 "a write to a hard-linked file"
expect_err_has "has 2 hard links; the write replaces this name only" \
    "a broken hard link is warned about"
if [ "$(cat "$HL.other")" = "0 * * * * true" ]; then ok; else
	fail "the other link changed"; fi
run -f "$HL" set --id hl '0 2 * * *' -- /bin/true
expect_err_lacks "hard link" "no warning once the file has one link"

finish
