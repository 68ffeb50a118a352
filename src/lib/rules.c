/* SPDX-License-Identifier: ISC */
/*
 * rules.c - the table of lint rules: stable codes, names, severities,
 * examples and explanations.  docs/cronkeep-rules.7 and `cronkeep check
 * --list-rules` are generated from this table (tests/gen_rules_man.c).
 *
 * Codes never change meaning and are never reused; new rules go at the end.
 */
#include <stddef.h>
#include <string.h>

#include "internal.h"

#define R(n, c, nm, sev, sum, bad, good, ex) \
	[n] = { n, c, nm, sev, sum, bad, good, ex }

static const struct ck_rule rules[CK_R_COUNT] = {
R(CK_R_FILE_NAME, "CK001", "file-name", CK_SEV_ERROR,
    "cron ignores a system crontab with this file name",
    "/etc/cron.d/backup.sh", "/etc/cron.d/backup",
    "Debian's cron reads only /etc/cron.d files whose names consist of "
    "letters, digits, '_' and '-' (the run-parts rule), so a name with a "
    "dot is silently skipped; cronie skips names starting with '.' or '#', "
    "ending in '~' or in .rpmsave, .rpmorig, .rpmnew.  An error for a file "
    "in /etc/cron.d, a warning for a system-format file elsewhere."),
R(CK_R_MISSING_NEWLINE, "CK002", "missing-newline", CK_SEV_ERROR,
    "the last line does not end with a newline",
    "0 * * * * cmd<EOF>", "0 * * * * cmd<LF><EOF>",
    "Debian's crontab(1) refuses to install such a file and cronie's daemon "
    "drops a last job line without a newline."),
R(CK_R_LINE_ERROR, "CK003", "bad-line", CK_SEV_ERROR,
    "a line that is no job, assignment or comment",
    "Bad comment", "# Good comment",
    "cron parses every line that is not blank and does not start with '#' "
    "as an assignment or a job; anything else makes crontab(1) refuse the "
    "whole file."),
R(CK_R_EMPTY_VALUE, "CK004", "empty-value", CK_SEV_ERROR,
    "an unquoted empty assignment (Debian rejects it)",
    "MAILTO=", "MAILTO=\"\"",
    "Debian's cron does not take NAME= with nothing (or only blanks) after "
    "the '=' as an assignment, so the line is read as a job and rejected. "
    "cronie accepts it, and busybox takes MAILTO= for no mail.  Quote the "
    "empty value."),
R(CK_R_SHELL_VAR, "CK005", "shell-variable", CK_SEV_WARNING,
    "cron does not expand $VARIABLES in assignments",
    "PATH=$PATH:/opt/bin", "PATH=/usr/bin:/bin:/opt/bin",
    "Assignments are taken literally: the value contains the characters "
    "'$PATH', which breaks the search path."),
R(CK_R_ENV_COMMENT, "CK006", "comment-in-value", CK_SEV_WARNING,
    "a '#' in an assignment is part of the value",
    "MAILTO=ops@example.com # ops", "MAILTO=ops@example.com",
    "cron has no trailing comments: the value is everything after '=', "
    "comment included."),
R(CK_R_BAD_KEYWORD, "CK007", "bad-keyword", CK_SEV_ERROR,
    "an unknown @keyword",
    "@fortnightly cmd", "@weekly cmd",
    "Only @reboot, @yearly, @annually, @monthly, @weekly, @daily, "
    "@midnight and @hourly exist."),
R(CK_R_FIELD_SYNTAX, "CK008", "field-syntax", CK_SEV_ERROR,
    "a time field that cannot be parsed",
    "1--2 * * * * cmd", "1-2 * * * * cmd",
    "A field is a list of values, ranges a-b and steps */n or a-b/n."),
R(CK_R_FIELD_RANGE, "CK009", "out-of-range", CK_SEV_ERROR,
    "a value outside the field's range",
    "61 * * * * cmd", "59 * * * * cmd",
    "Minutes are 0-59, hours 0-23, days of month 1-31, months 1-12 and "
    "days of week 0-7 (0 and 7 are Sunday)."),
R(CK_R_REVERSED_RANGE, "CK010", "reversed-range", CK_SEV_ERROR,
    "a range whose start is after its end matches nothing",
    "5-1 * * * * cmd", "1-5 * * * * cmd",
    "Debian and cronie accept 5-1 but it selects no value, so the job never "
    "runs; OpenBSD rejects it and busybox wraps around."),
R(CK_R_BAD_STEP, "CK011", "bad-step", CK_SEV_ERROR,
    "a step of zero", "*/0 * * * * cmd", "*/5 * * * * cmd",
    "A step must be at least 1."),
R(CK_R_BAD_NAME, "CK012", "bad-name", CK_SEV_ERROR,
    "an unknown month or day name", "0 0 * * mon-fry cmd",
    "0 0 * * mon-fri cmd",
    "Month names are jan..dec and day names sun..sat, in any case, and only "
    "in the month and day-of-week fields."),
R(CK_R_HOURS_NOT_MINUTES, "CK013", "every-minute-of-hour", CK_SEV_WARNING,
    "minute '*' with a fixed hour runs 60 times in that hour",
    "* 3 * * * cmd", "0 3 * * * cmd",
    "A '*' in the minute field means every minute: the job runs at 03:00, "
    "03:01, ... 03:59.  Usually one run at minute 0 was meant."),
R(CK_R_BAD_USER, "CK014", "bad-user", CK_SEV_ERROR,
    "the user column is not a valid user name",
    "0 * * * * r@@t cmd", "0 * * * * root cmd",
    "In /etc/crontab and /etc/cron.d the sixth column is the user; a user "
    "name does not start with '-', has at most 32 characters and no blanks "
    "or punctuation other than '.', '_' and '-'."),
R(CK_R_UNKNOWN_USER, "CK015", "unknown-user", CK_SEV_WARNING,
    "the user column names no user of the host",
    "0 * * * * ro0t cmd", "0 * * * * root cmd",
    "Checked against ROOT/etc/passwd when --root is given.  Vixie and "
    "OpenBSD cron reject the job; cronie keeps it and fails at run time."),
R(CK_R_BARE_PERCENT, "CK016", "bare-percent", CK_SEV_WARNING,
    "cron turns an unescaped '%' into a newline (standard input)",
    "0 0 * * * date +%F", "0 0 * * * date +\\%F",
    "cron cuts the command at the first unescaped '%' and feeds the rest to "
    "the command's standard input, each further '%' becoming a newline.  "
    "Write \\% for a literal percent sign."),
R(CK_R_BAD_DIRECTIVE, "CK017", "bad-directive", CK_SEV_ERROR,
    "a cronkeep-lint directive that cannot be read",
    "# cronkeep-lint: disable=CK999", "# cronkeep-lint: disable=CK016",
    "Directives are '# cronkeep-lint: disable=CODE,...' (for the next line "
    "that is not a comment) and '# cronkeep-lint: disable-file=CODE,...' "
    "(for the whole file); CODE is a rule code or name."),
R(CK_R_FIELD_COUNT, "CK018", "missing-command", CK_SEV_ERROR,
    "too few fields, or no command",
    "* * * * cmd", "* * * * * cmd",
    "A job is five time fields (or an @keyword), in system crontabs a user, "
    "and a command."),
R(CK_R_SIX_FIELDS, "CK019", "sixth-field", CK_SEV_ERROR,
    "a sixth time field ('*' where the command starts)",
    "* * * * * * cmd", "* * * * * cmd",
    "cron has no seconds or year field; a command (or user) starting with "
    "'*' is refused as 'bad command'."),
R(CK_R_STEP_NO_RANGE, "CK020", "step-without-range", CK_SEV_ERROR,
    "a step after a single value (a croner/Quartz extension)",
    "5/10 * * * * cmd", "5-59/10 * * * * cmd",
    "Only '*' and ranges take a step in cron; croner, cron-parser and "
    "Quartz read 5/10 as 5-59/10."),
R(CK_R_IGNORED_TEXT, "CK021", "ignored-text", CK_SEV_WARNING,
    "text after a field element that Debian's cron silently ignores",
    "*-5 * * * * cmd", "0-5 * * * * cmd",
    "Debian's cron stops reading an element at the first character it does "
    "not expect and ignores the rest of the field, so the job runs at other "
    "times than written; cronie and OpenBSD reject the line."),
R(CK_R_KEYWORD_CASE, "CK022", "keyword-case", CK_SEV_ERROR,
    "@keywords are lowercase", "@Daily cmd", "@daily cmd",
    "cron compares @keywords case-sensitively."),
R(CK_R_FULL_NAME, "CK023", "full-name", CK_SEV_ERROR,
    "only three-letter month and day names exist",
    "0 0 * * monday cmd", "0 0 * * mon cmd",
    "cron knows jan..dec and sun..sat only."),
R(CK_R_NEVER_FIRES, "CK024", "never-fires", CK_SEV_ERROR,
    "the schedule can never fire",
    "0 0 30 2 * cmd", "0 0 28 2 * cmd",
    "No chosen month has any of the chosen days (found from the sets of "
    "values, months of up to 31 days and February 29), or a field selects "
    "nothing."),
R(CK_R_SKIPS_MONTHS, "CK025", "skips-months", CK_SEV_WARNING,
    "a day of month that some chosen months lack",
    "0 0 31 * * cmd", "0 0 28 * * cmd",
    "The job silently skips the months that lack the day (day 31 skips "
    "five months), and a job on February 29 runs only in leap years."),
R(CK_R_DOM_OR_DOW, "CK026", "day-or-weekday", CK_SEV_WARNING,
    "day of month and day of week both set: cron runs on EITHER",
    "0 0 1 * 1 cmd", "0 0 1 * * cmd",
    "When neither day field starts with '*', cron runs on the days that "
    "match the day of month OR the day of week: 0 0 13 * 5 is every 13th "
    "and every Friday, not Friday the 13th.  Test the weekday in the "
    "command instead: 0 0 13 * * [ \"$(date +\\%u)\" = 5 ] && cmd."),
R(CK_R_STAR_STEP_AND, "CK027", "star-step-and", CK_SEV_WARNING,
    "a day field starting with '*' makes cron require BOTH days",
    "0 0 */2 * 1 cmd", "0 0 1-31/2 * 1 cmd",
    "cron decides between EITHER and BOTH from the first character: a day "
    "field such as */2 counts as '*', so the job runs only on days matching "
    "both fields (odd days that are Mondays)."),
R(CK_R_EXPLICIT_FULL, "CK028", "explicit-full-range", CK_SEV_WARNING,
    "a day field written as its full range is not '*' for cron",
    "0 0 1-31 * mon cmd", "0 0 * * mon cmd",
    "1-31 or 0-6 written out does not count as '*': with the other day "
    "field restricted, cron runs when either matches, i.e. every day."),
R(CK_R_UNEVEN_STEP, "CK029", "uneven-step", CK_SEV_INFO,
    "the step does not divide the range: uneven gaps",
    "*/7 * * * * cmd", "*/5 * * * * cmd",
    "Steps restart at each hour, day, month or week: */7 minutes runs at "
    ":56 and then at :00, four minutes later.  Days of month restart on the "
    "1st, after months of 28 to 31 days."),
R(CK_R_STEP_TOO_BIG, "CK030", "step-too-big", CK_SEV_WARNING,
    "the step is at least the range: one value only",
    "*/60 * * * * cmd", "0 * * * * cmd",
    "A step larger than its range selects only the first value; cronie "
    "prints a warning."),
R(CK_R_DUPLICATE_VALUE, "CK031", "duplicate-value", CK_SEV_WARNING,
    "a value listed twice (0 and 7 are both Sunday)",
    "0 0 * * 0,7 cmd", "0 0 * * 0 cmd",
    "A value selected by two elements of a list is a typo more often than "
    "not."),
R(CK_R_REVERSED_DOW, "CK032", "wrapping-weekdays", CK_SEV_WARNING,
    "a weekday range ending on Sunday 0: OpenBSD rejects it",
    "0 0 * * fri-sun cmd", "0 0 * * 5-7 cmd",
    "Debian and cronie read 5-0 as 5-7, OpenBSD rejects it and busybox "
    "wraps around."),
R(CK_R_EVERY_MINUTE, "CK033", "every-minute", CK_SEV_INFO,
    "the job runs every minute", "* * * * * cmd",
    "*/5 * * * * cmd",
    "A job that runs every minute is often a placeholder left in place."),
R(CK_R_PERCENT_QUOTED, "CK034", "percent-in-quotes", CK_SEV_WARNING,
    "quotes do not protect '%' from cron",
    "0 0 * * * date '+%F'", "0 0 * * * date '+\\%F'",
    "cron handles '%' before the shell sees the quotes, so a '%' between "
    "quotes still ends the command.  Write \\% for a literal percent."),
R(CK_R_INLINE_COMMENT, "CK035", "inline-comment", CK_SEV_INFO,
    "a trailing '# comment' is passed to the shell",
    "0 0 * * * cmd # note", "# note<LF>0 0 * * * cmd",
    "cron has no trailing comments; the shell treats the text as a comment, "
    "unless a '%' before it sends it to standard input."),
R(CK_R_CRLF, "CK036", "carriage-return", CK_SEV_WARNING,
    "a carriage return ends up in the command or breaks the line",
    "0 0 * * * cmd<CR><LF>", "0 0 * * * cmd<LF>",
    "cron does not treat CR as a blank: a CRLF blank line is rejected and "
    "a CR at the end of a job is passed to the shell."),
R(CK_R_ENV_NAME, "CK037", "variable-name", CK_SEV_WARNING,
    "a variable name a shell cannot use",
    "MY-VAR=1", "MY_VAR=1",
    "cron accepts any name, but the shell and programs see names made of "
    "letters, digits and '_' only."),
R(CK_R_TZ_VAR, "CK038", "timezone-variable", CK_SEV_WARNING,
    "TZ or CRON_TZ that this cron ignores for schedules",
    "CRON_TZ=UTC (debian)", "(set the system zone)",
    "TZ only reaches the jobs' environment (busybox does not even pass "
    "it); it does not change when they run.  CRON_TZ is honoured by "
    "cronie only."),
R(CK_R_RANDOM_DELAY, "CK039", "random-delay", CK_SEV_WARNING,
    "RANDOM_DELAY must be a whole number 0-1440",
    "RANDOM_DELAY=1h", "RANDOM_DELAY=60",
    "cronie logs 'bad value of RANDOM_DELAY' and ignores it; other crons "
    "ignore the variable."),
R(CK_R_DST_WINDOW, "CK040", "dst-window", CK_SEV_INFO,
    "a fixed-time job in the hours daylight saving time shifts",
    "30 2 * * * cmd", "30 4 * * * cmd",
    "Between 01:00 and 03:59 local time a daylight saving change can skip "
    "or repeat the hour: cron then runs the job late or skips it."),
R(CK_R_MISSING_USER, "CK041", "missing-user", CK_SEV_ERROR,
    "a system crontab job without a user column",
    "0 * * * * /usr/bin/foo", "0 * * * * root /usr/bin/foo",
    "In /etc/crontab and /etc/cron.d the first word after the schedule is "
    "the user; a command there is taken as a user name."),
R(CK_R_USER_IN_USER_TAB, "CK042", "user-in-user-crontab", CK_SEV_WARNING,
    "a user column in a user crontab runs as a command",
    "0 * * * * root cmd", "0 * * * * cmd",
    "User crontabs have no user column: 'root' becomes the command."),
R(CK_R_CRON_D_FILE, "CK043", "file-mode", CK_SEV_ERROR,
    "cron ignores this file (owner or mode)",
    "mode 0664", "mode 0644, owner root",
    "System crontabs must be owned by root and not writable by group or "
    "others; cronie also ignores executable files."),
R(CK_R_LONG_LINE, "CK044", "long-line", CK_SEV_WARNING,
    "a line longer than cron keeps",
    "(a 1,200-byte command)", "(a script holding it)",
    "Vixie cron 3.0 (Debian) keeps at most 1000 bytes of a command and "
    "cronie 131072; the rest is cut off."),
R(CK_R_UNSUPPORTED, "CK045", "unsupported", CK_SEV_WARNING,
    "a feature another dialect's cron does not have or reads differently",
    "-n 0 * * * * cmd (debian)", "0 * * * * cmd",
    "Reported with --dialect portable or --also-dialect: what another cron "
    "rejects or runs differently, naming that cron.  With --dialect "
    "busybox also: assignments busybox ignores (all but MAILTO and "
    "SHELL) and @keyword lines, on which Debian's busybox crond crashes."),
R(CK_R_DUPLICATE_JOB, "CK046", "duplicate-job", CK_SEV_WARNING,
    "the same job twice", "0 * * * * a<LF>0 * * * * a",
    "0 * * * * a",
    "Two lines with the same schedule, user and command run it twice."),
R(CK_R_NO_MAILTO, "CK047", "no-mailto", CK_SEV_INFO,
    "MAILTO is not set: output is mailed to the owner",
    "(no MAILTO line)", "MAILTO=ops@example.com",
    "Without MAILTO, cron mails any output to the crontab's owner, which is "
    "often an unread local mailbox."),
R(CK_R_SECRET, "CK048", "secret", CK_SEV_WARNING,
    "a password written into the crontab",
    "0 0 * * * mysqldump -pS3cret db",
    "0 0 * * * mysqldump --defaults-file=/etc/backup.cnf db",
    "Crontabs are read by backups, config management and ps(1) shows the "
    "command line; read secrets from a file only the job's user can read."),
R(CK_R_ROOT_JOB, "CK049", "runs-as-root", CK_SEV_INFO,
    "a system job running as root",
    "0 * * * * root cmd", "0 * * * * backup cmd",
    "Consider a less privileged user for jobs that do not need root."),
R(CK_R_NO_ID, "CK050", "no-id", CK_SEV_INFO,
    "a job with neither an id marker nor a comment",
    "0 * * * * cmd", "# cronkeep: nightly<LF>0 * * * * cmd",
    "An id (# cronkeep: ID above the job) lets tools find and update the "
    "job; a comment tells people what it is for."),
R(CK_R_EXTENSION, "CK051", "not-cron-syntax", CK_SEV_ERROR,
    "syntax from Quartz/croner/cron-parser, not cron",
    "0 0 L * * cmd", "0 0 28-31 * * cmd",
    "L, W, #, ? and a seconds field belong to Quartz, croner and "
    "cron-parser; no system cron accepts them."),
R(CK_R_RANDOM, "CK052", "random-range", CK_SEV_WARNING,
    "'~' random values exist only in cronie and OpenBSD",
    "0~30 * * * * cmd", "15 * * * * cmd",
    "Debian rejects '~' or ignores it after a number; busybox rejects it."),
R(CK_R_NUL_BYTE, "CK053", "binary", CK_SEV_ERROR,
    "a NUL byte in the crontab", "0 * * * * cmd<NUL>",
    "0 * * * * cmd",
    "cron reads lines as C strings: a NUL cuts the line."),
R(CK_R_ANA_SYNTAX, "CK054", "anacron-syntax", CK_SEV_ERROR,
    "an anacrontab line that is no job, assignment or comment",
    "daily 5 backup /usr/local/bin/backup",
    "1 5 backup /usr/local/bin/backup",
    "anacron reads PERIOD DELAY IDENTIFIER COMMAND (PERIOD and DELAY in "
    "digits, or PERIOD a named period) or NAME=VALUE; it prints \"Invalid "
    "syntax\" for any other line and skips it."),
R(CK_R_ANA_IDENT, "CK055", "anacron-identifier", CK_SEV_ERROR,
    "a '/' in an anacron job identifier",
    "1 5 backup/home cmd", "1 5 backup-home cmd",
    "The identifier names the job's timestamp file in /var/spool/anacron, "
    "so anacron's grammar has no '/' in it: the line is skipped as "
    "invalid syntax."),
R(CK_R_ANA_NUMBER, "CK056", "anacron-number", CK_SEV_ERROR,
    "an anacron period or delay too large",
    "1 99999999999 job cmd", "1 5 job cmd",
    "Periods and delays must fit an int: anacron prints \"number out of "
    "range\" and skips the line."),
R(CK_R_ANA_PERIOD, "CK057", "anacron-period", CK_SEV_ERROR,
    "a named period Debian's anacron does not know, or period 0",
    "@weekly 10 cron.weekly cmd", "7 10 cron.weekly cmd",
    "Debian's anacron 2.3 knows only @monthly and @yearly (it compares "
    "their first seven bytes); @daily, @weekly and @annually make it print "
    "\"Unknown named period\" and skip the line.  Period 0 is accepted "
    "but runs the job at every start of anacron (a warning)."),
R(CK_R_ANA_DUP_ID, "CK058", "anacron-duplicate-id", CK_SEV_WARNING,
    "two anacron jobs with one identifier",
    "1 5 backup a<LF>7 5 backup b", "1 5 backup-a a<LF>7 5 backup-b b",
    "Jobs with the same identifier share one timestamp file: when one "
    "runs, the other counts as done.  anacron does not warn."),
R(CK_R_ANA_DELAY, "CK059", "anacron-delay", CK_SEV_WARNING,
    "an anacron delay that reaches past START_HOURS_RANGE",
    "START_HOURS_RANGE=3-4<LF>1 90 job cmd",
    "START_HOURS_RANGE=3-6<LF>1 90 job cmd",
    "anacron checks the hours range when it starts and then waits the "
    "delay (plus RANDOM_DELAY): a delay as long as the range starts the "
    "job after the hours it was meant for."),
R(CK_R_ANA_SETTING, "CK060", "anacron-setting", CK_SEV_WARNING,
    "START_HOURS_RANGE or RANDOM_DELAY that is not what anacron reads",
    "START_HOURS_RANGE=3am-10pm", "START_HOURS_RANGE=3-22",
    "START_HOURS_RANGE is START-STOP in whole hours (jobs start when "
    "START <= hour < STOP) and RANDOM_DELAY a number of minutes, written "
    "without blanks or quotes."),
R(CK_R_RP_NAME, "CK061", "run-parts-name", CK_SEV_ERROR,
    "a script run-parts skips because of its name",
    "/etc/cron.daily/backup.sh", "/etc/cron.daily/backup",
    "Debian's run-parts runs only names made of letters, digits, '_' and "
    "'-': a script named backup.sh in /etc/cron.daily never runs, and "
    "nothing says so."),
R(CK_R_RP_LEFTOVER, "CK062", "run-parts-leftover", CK_SEV_WARNING,
    "a package manager's leftover in a run-parts folder",
    "/etc/cron.daily/logrotate.dpkg-old", "(removed)",
    "dpkg leaves .dpkg-old, .dpkg-dist, .dpkg-new and .dpkg-tmp copies "
    "next to changed files; run-parts skips them, so an edit made to the "
    "copy never runs."),
R(CK_R_RP_EXEC, "CK063", "run-parts-not-executable", CK_SEV_ERROR,
    "a script without execute permission in a run-parts folder",
    "-rw-r--r-- /etc/cron.daily/backup",
    "-rwxr-xr-x /etc/cron.daily/backup",
    "run-parts runs only files it may execute and skips the others "
    "silently."),
R(CK_R_RP_TYPE, "CK064", "run-parts-not-regular", CK_SEV_WARNING,
    "a directory or other non-file in a run-parts folder",
    "/etc/cron.daily/scripts/", "/etc/cron.daily/scripts-run",
    "run-parts runs regular files (or links to them) only."),
R(CK_R_RP_UNSAFE, "CK065", "run-parts-unsafe", CK_SEV_ERROR,
    "a run-parts script not owned by root or writable by others",
    "-rwxrwxrwx alice /etc/cron.daily/backup",
    "-rwxr-xr-x root /etc/cron.daily/backup",
    "Scripts in the cron folders run as root: whoever may write one (its "
    "owner, its group when group-writable, everyone when world-writable) "
    "can run commands as root.  run-parts does not check this."),
R(CK_R_DUPLICATE_ID, "CK066", "duplicate-id", CK_SEV_WARNING,
    "one id marks several jobs",
    "# cronkeep: dup<LF>0 1 * * * a<LF># cronkeep: dup<LF>0 2 * * * b",
    "# cronkeep: dup-a<LF>0 1 * * * a<LF># cronkeep: dup-b<LF>0 2 * * * b",
    "An id names one job: tools that update, enable or remove a job by id "
    "cannot tell these apart (cronkeep's write commands refuse the id and "
    "list the lines).  Give each job its own id."),
R(CK_R_SPOOL_FILE, "CK067", "spool-file-mode", CK_SEV_ERROR,
    "cron ignores this user's crontab (owner, mode or links)",
    "/var/spool/cron/crontabs/alice owned by root, mode 0644",
    "owned by alice, group crontab, mode 0600",
    "cron reads a user's spool file only when it is a regular file owned "
    "by that user with one link, and (Debian) mode 0600 or (cronie) "
    "readable by its owner, not executable and not writable by group or "
    "others.  A file copied into an image or restored from a backup often "
    "is not; crontab(1) and cronkeep --root write it right."),
R(CK_R_CROWDED_MINUTE, "CK068", "crowded-minute", CK_SEV_INFO,
    "many jobs of this crontab start in the same minute",
    "0 0 * * * a<LF>0 0 * * * b<LF>0 0 * * * c<LF>0 0 * * * d<LF>"
    "0 0 * * * e",
    "0 0 * * * a<LF>1 0 * * * b<LF>2 0 * * * c<LF>3 0 * * * d<LF>"
    "4 0 * * * e",
    "Five or more jobs with the same minute and the same hours start "
    "together: they compete for the CPU, the disks and the services they "
    "call, and a slow one delays the others' results.  cron has no "
    "jitter; 'cronkeep spread' moves them to quieter minutes of their "
    "hour, and 'cronkeep set' with H fields (Jenkins' hashed times) gives "
    "new jobs a stable minute of their own."),
};

#undef R

unsigned int
ck_rule_max(void)
{
	return CK_R_COUNT - 1;
}

const struct ck_rule *
ck_rule_get(unsigned int num)
{
	if (num == 0 || num >= CK_R_COUNT || rules[num].code == NULL)
		return NULL;
	return &rules[num];
}

const struct ck_rule *
ck_rule_find(const char *s, size_t len)
{
	unsigned int i;
	size_t k;

	for (i = 1; i < CK_R_COUNT; i++) {
		const struct ck_rule *r = &rules[i];

		if (r->code == NULL)
			continue;
		if (strlen(r->name) == len && memcmp(r->name, s, len) == 0)
			return r;
		if (strlen(r->code) != len)
			continue;
		for (k = 0; k < len; k++)
			if (ck_tolower((unsigned char)s[k]) !=
			    ck_tolower((unsigned char)r->code[k]))
				break;
		if (k == len)
			return r;
	}
	return NULL;
}
