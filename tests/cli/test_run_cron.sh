#!/bin/sh
# SPDX-License-Identifier: ISC
# The real check of "run exactly as cron would": install a job for a
# throwaway user with the real crontab(1), let the real cron daemon
# (Debian's cron, in the foreground, for at most ~75 s) run it once with a
# SHELL that records its argv, standard input, environment and directory,
# then run the same job with cronkeep and compare the records.
#
# Skipped unless root with cron(8) and crontab(1) installed and no cron
# daemon running (a second one cannot start: it holds the pid file).
# While it runs, cron also runs whatever /etc/crontab and /etc/cron.d
# have due in that minute, as the host's own cron would.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/user.sh"

CRON=/usr/sbin/cron
[ -x "$CRON" ] || skip "needs Debian's cron(8)"
command -v crontab >/dev/null 2>&1 || skip "needs crontab(1)"
[ "$(id -u)" -eq 0 ] || skip "needs root to run cron(8)"
if command -v pgrep >/dev/null 2>&1 && pgrep -x cron >/dev/null 2>&1; then
	skip "a cron daemon is already running"
fi
need_user
unset CRONKEEP_CRONTAB

home=$T_TMP/home
rec=$T_TMP/rec
mkdir -p "$home" "$rec"
chown "$CK_USER" "$home"
chmod 777 "$rec"
usermod -d "$home" "$CK_USER" || skip "usermod failed"

# The shell stand-in: one record per run, named after who ran it ($TAG
# comes from the crontab, so both runs see the same value).
cat > "$T_TMP/dump.sh" <<EOF
#!/bin/sh
d=$rec/\$(cat $rec/who 2>/dev/null || echo cron)
mkdir -p "\$d"
for a in "\$0" "\$@"; do printf '[%s]\n' "\$a"; done > "\$d/argv"
cat > "\$d/stdin"
/usr/bin/env | grep -v '^PWD=' | sort > "\$d/env"
pwd > "\$d/pwd"
echo done > "\$d/done"
EOF
chmod 755 "$T_TMP/dump.sh"

cat > "$T_TMP/tab" <<EOF
SHELL=$T_TMP/dump.sh
FOO = bar baz  
MAILTO=""
USER=not-forced-on-debian
# cronkeep: probe
* * * * * a\\\\b \\%c d 'q\\'%line1%line2\\%x\\\\y\\z%
EOF
crontab -u "$CK_USER" "$T_TMP/tab" || fail "crontab(1) refused the probe"

# cron(8) in the foreground until the job has run once.
"$CRON" -f >"$T_TMP/cron.out" 2>&1 &
cron_pid=$!
i=0
while [ ! -f "$rec/cron/done" ] && [ $i -lt 75 ]; do
	if ! kill -0 "$cron_pid" 2>/dev/null; then
		cat "$T_TMP/cron.out" >&2
		skip "cron(8) did not stay up (another daemon?)"
	fi
	sleep 1
	i=$((i + 1))
done
kill "$cron_pid" 2>/dev/null
wait "$cron_pid" 2>/dev/null
crontab -u "$CK_USER" -r
[ -f "$rec/cron/done" ] || { fail "cron(8) did not run the job within 75 s"; finish; exit 1; }

# The same job through cronkeep (as root: it becomes the user).
echo cronkeep > "$rec/who"
crontab -u "$CK_USER" "$T_TMP/tab"
run -u "$CK_USER" run --id probe
expect_rc 0 "cronkeep ran the probe"
[ -f "$rec/cronkeep/done" ] || fail "the probe did not record cronkeep's run"

for f in argv stdin pwd; do
	if cmp -s "$rec/cron/$f" "$rec/cronkeep/$f"; then ok; else
		fail "$f differs from cron's: $(diff "$rec/cron/$f" "$rec/cronkeep/$f")"
	fi
done
# PAM's pam_env may add what /etc/environment and /etc/default/locale
# set: cronkeep does not reproduce PAM (documented).
pam_vars=$(cat /etc/environment /etc/default/locale 2>/dev/null |
    sed -n 's/^[[:space:]]*\(export[[:space:]]*\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)=.*/\2/p' |
    tr '\n' '|')
grep -Ev "^(${pam_vars}CK_NEVER)=" "$rec/cron/env" > "$T_TMP/env.cron"
if cmp -s "$T_TMP/env.cron" "$rec/cronkeep/env"; then ok; else
	fail "environment differs from cron's: $(diff "$T_TMP/env.cron" "$rec/cronkeep/env")"
fi
# What cron gave, spelled out (observed with 3.0pl1-162).
expect_file_line() {
	if grep -qxF -- "$2" "$rec/cron/$1"; then ok; else
		fail "cron's $1 lacks '$2'"; fi
}
expect_file_line argv '[a\b %c d '"'"'q\'"'"']'
expect_file_line env "LOGNAME=$CK_USER"
expect_file_line env "USER=not-forced-on-debian"
expect_file_line env "FOO=bar baz"
expect_file_line env "PATH=/usr/bin:/bin"
expect_file_line env "HOME=$home"
expect_file_line pwd "$home"
if printf 'line1\nline2%%x\\\\y\\z\n' | cmp -s - "$rec/cron/stdin"; then ok; else
	fail "cron's stdin is not the documented translation"; fi

finish
