#!/bin/sh
# SPDX-License-Identifier: ISC
# explain prints an English sentence for a schedule, a job's schedule
# (--id) or the cron text for a phrase (--when).
. "$(dirname "$0")/lib.sh"

# The expression as several words or as one.
run explain 0 9 '*' '*' 1-5
expect_rc 0 "several words"
expect_out "At 09:00 on weekdays." "weekday sentence"
expect_err_empty "no diagnostics"
run explain '0 9 * * MON-FRI'
expect_out "At 09:00 on weekdays." "one quoted word, names"
run explain '*/15 9-17 * * 1-5' --dialect debian
expect_out "Every 15 minutes from 09:00 to 17:45 on weekdays." "options after the expression"
run explain -- '*/5' '*' '*' '*' '*'
expect_out "Every 5 minutes." "after --"

# cron's day rule: OR when both are restricted, AND after a '*'.
run explain '0 0 1 * 1'
expect_out "At 00:00 on day 1 of the month and on every Monday." "OR rule"
run explain '0 0 */2 * 1'
expect_out "At 00:00 on odd days of the month that are Mondays." "AND rule"
run explain '0 0 1-31 * 1'
expect_out "At 00:00 every day." "1-31 is restricted, so OR: daily"
run explain '0 0 30 2 *'
expect_out "Never: February has no 30th." "never fires"
run explain '0 0 29 2 *'
expect_out "At 00:00 on February 29 (leap years only)." "leap day"
run explain @reboot
expect_out "At system start-up." "@reboot"
run explain @daily
expect_out "Every day at midnight." "@daily"
run explain --12h '0 9-17/2 * * *'
expect_out "Every 2 hours from 9:00 AM to 5:00 PM." "--12h"

# JSON.
run explain --json '0 0 1 * 1'
expect_rc 0 "json"
expect_json 'd == {"schedule": "0 0 1 * 1", "description": "at 00:00 on day 1 of the month and on every Monday", "valid": True, "fields": {"minute": "minute 0", "hour": "hour 0", "day_of_month": "day 1", "month": "every month", "day_of_week": "Monday"}}' "json document"

# Invalid expressions: EXPR:1:COL: error: message, EX_DATAERR.
run explain '0 24 * * *'
expect_rc 65 "invalid expression exits EX_DATAERR"
expect_err_has '^0 24 \* \* \*:1:3: error: hour 24 out of range 0-23 \[CK009\]$' "gcc-style diagnostic"
expect_out_lacks . "nothing on stdout"
run explain --json '0 0 L * *'
expect_rc 65 "json invalid"
expect_json 'd["valid"] is False and d["error"]["line"] == 1 and d["error"]["column"] == 5 and "Quartz" in d["error"]["message"]' "json error"
run explain '5/10 * * * *' --dialect cronie
expect_rc 65 "a/n rejected"
expect_err_has '^5/10 \* \* \* \*:1:2: error: step after a single value' "column of the step"

# --when: a phrase to cron text, then the sentence.
run explain --when 'every weekday at 18:30'
expect_rc 0 "phrase"
printf '30 18 * * 1-5\nAt 18:30 on weekdays.\n' > "$T_TMP/want"
expect_out_file "$T_TMP/want" "cron text then sentence"
run explain --when 'every 15 minutes from 09:00 to 17:59 on weekdays' --json
expect_json 'd["phrase"].startswith("every 15") and d["schedule"] == "*/15 9-17 * * 1-5" and d["valid"]' "phrase json"
run explain --when 'at reboot'
expect_out_has '^@reboot$' "reboot phrase"
run explain --when 'every 7 hours'
expect_rc 65 "refused phrase"
expect_err_has '^every 7 hours:1:7: error: every 7 hours cannot be expressed in cron' "reason and column"
run explain --when 'every 2 days' --json
expect_rc 65 "refused phrase, json"
expect_json 'd["phrase"] == "every 2 days" and d["valid"] is False and d["error"]["column"] == 7 and "restarts every month" in d["error"]["message"]' "json for a refused phrase"
run explain --when 'every 90 minutes'
expect_rc 65 "every 90 minutes refused"
expect_err_has 'a minute step restarts at every hour' "why"

# The real crontab(1) installs what --when produces (a throwaway user, so
# nobody's crontab is touched).  Needs root; skipped checks say so.
if command -v crontab >/dev/null 2>&1 && command -v useradd >/dev/null 2>&1 &&
    [ "$(id -u)" = 0 ]; then
	u=ckexplain$$
	: > "$T_TMP/ct"
	for p in 'every 15 minutes from 09:00 to 17:59 on weekdays' \
	    'every month on the 1st at 00:00' 'from jan to apr on mon-fri at 15:30' \
	    'every day at 09:00 and 18:00' 'every 15 minutes from 09:05 to 17:59' \
	    'every 3 months' 'at reboot' 'every hour at :15' 'from fri to sun at 22:00'; do
		run explain --when "$p"
		printf '%s true\n' "$(head -1 "$OUT")" >> "$T_TMP/ct"
	done
	if useradd -M -N "$u" 2>/dev/null; then
		if crontab -u "$u" "$T_TMP/ct" 2>"$T_TMP/ct.err"; then
			ok
			crontab -u "$u" -l > "$T_TMP/ct.back" 2>/dev/null
			if cmp -s "$T_TMP/ct" "$T_TMP/ct.back"; then ok; else
				fail "crontab -l gives back what was installed"; fi
		else
			cat "$T_TMP/ct.err" >&2
			fail "crontab(1) refused phrase output"
		fi
		crontab -u "$u" -r 2>/dev/null
		userdel "$u" 2>/dev/null
	else
		printf 'SKIP (part): cannot create a throwaway user\n' >&2
	fi
else
	printf 'SKIP (part): real crontab(1) check needs root and cron\n' >&2
fi

# --id: a job of the selected crontab.
printf '# cronkeep: backup\n30 2 * * 1-5 /usr/bin/backup\n#Ansible: rotate\n0 0 1 * 1 rotate\n' > "$T_TMP/tab"
run -f "$T_TMP/tab" explain --id backup
expect_rc 0 "--id"
expect_out "At 02:30 on weekdays." "job by cronkeep marker"
run explain -f "$T_TMP/tab" --id rotate --json
expect_json 'd["id"] == "rotate" and d["schedule"] == "0 0 1 * 1" and d["description"].endswith("on every Monday")' "job by Ansible marker"
run explain -f "$T_TMP/tab" --id nope
expect_rc 66 "unknown id"
expect_err_has "no job with id 'nope'" "says which"

# Usage errors.
run explain
expect_rc 2 "nothing to explain"
run explain --when x '0 0 * * *'
expect_rc 2 "two things to explain"
run explain --bogus '* * * * *'
expect_rc 2 "unknown option"
run explain --help
expect_rc 0 "help"
expect_out_has '^usage: cronkeep explain' "usage on stdout"
run help explain
expect_out_has 'EX_DATAERR' "help explain documents exit codes"

finish
