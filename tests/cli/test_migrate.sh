# SPDX-License-Identifier: ISC
# test_migrate.sh - issue 19: jobs other tools wrote are first-class.
# python-crontab's trailing "# NAME" is the job's id and "# JOB # NAME" its
# disabled form, so set/enable/disable change that job instead of adding a
# second one; another tool's id with blanks (Ansible) selects its job.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/py.cron

same() {
	if cmp -s "$1" "$2"; then ok; else
		fail "$3: $1 differs from $2"
		diff "$2" "$1" >&2
	fi
}

printf '%s\n' 'MAILTO=""' '0 3 * * * /usr/bin/backup # pybackup' \
    '# 0 4 * * * /usr/bin/old # oldjob' '#Ansible: rotate logs' \
    '0 5 * * * /usr/sbin/logrotate /etc/logrotate.conf' > "$F"

run -f "$F" list --json
expect_rc 0 "list"
expect_json '[(j["id"], j["enabled"], j["command"]) for j in d["jobs"]] == [("pybackup", True, "/usr/bin/backup"), ("oldjob", False, "/usr/bin/old"), ("rotate logs", True, "/usr/sbin/logrotate /etc/logrotate.conf")]' \
    "python-crontab's names are ids, its '# JOB # NAME' a disabled job"

run -f "$F" set --id pybackup '30 2 * * *' -- /usr/bin/backup
expect_out updated "set --id pybackup updates python-crontab's job (was: created a second one)"
run -f "$F" set --id pybackup '30 2 * * *' -- /usr/bin/backup
expect_out unchanged "and is idempotent"
run -f "$F" enable --id oldjob
expect_rc 0 "enable --id oldjob (was: no job with id)"
run -f "$F" disable --id 'rotate logs'
expect_rc 0 "disable --id 'rotate logs': an Ansible name with a blank"
printf '%s\n' 'MAILTO=""' '30 2 * * * /usr/bin/backup # pybackup' \
    '0 4 * * * /usr/bin/old # oldjob' '#Ansible: rotate logs' \
    '#0 5 * * * /usr/sbin/logrotate /etc/logrotate.conf' > "$D/want"
same "$F" "$D/want" "each job changed in place, in its tool's form"
run -f "$F" disable --id pybackup
grep -qx '# 30 2 \* \* \* /usr/bin/backup # pybackup' "$F" && ok ||
    fail "disable writes python-crontab's disabled form"
run -f "$F" enable --id pybackup
grep -qx '30 2 \* \* \* /usr/bin/backup # pybackup' "$F" && ok ||
    fail "enable takes it back"
run -f "$F" set --id 'rotate logs' '0 6 * * *' -- /usr/sbin/logrotate /etc/logrotate.conf
expect_out updated "set --id 'rotate logs' updates the Ansible job"
run -f "$F" set --id 'new job' @daily -- true
expect_rc 2 "a new job's id is still one of ours (no blank)"
run -f "$F" set --id pybackup --comment note @daily -- /usr/bin/backup
expect_rc 2 "no note for python-crontab's job (its name is the comment)"
expect_err_has "no room for a note" "says why"
[ "$(grep -c pybackup "$F")" -eq 1 ] && ok || fail "still one pybackup job"

finish
