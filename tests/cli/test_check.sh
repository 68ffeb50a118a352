#!/bin/sh
# SPDX-License-Identifier: ISC
# check reports every problem as path:line:column: severity: message [CODE].
. "$(dirname "$0")/lib.sh"

printf '# ok\n0 * * * * fine\n0 0 32 * * bad dom\n61 * * * * bad minute\n@Daily x\n' > "$T_TMP/bad.crontab"
run check "$T_TMP/bad.crontab"
expect_rc 1 "errors exit 1"
expect_err_has "bad.crontab:3:5: error: day-of-month 32 out of range 1-31 \[CK009\]" "first error"
expect_err_has "bad.crontab:4:1: error: minute 61 out of range 0-59 \[CK009\]" "second error: every problem, not just the first"
expect_err_has "bad.crontab:5:1: error: .*@daily.* \[CK022\]" "keyword case"

run check "$CK_TEST_DATA/valid/debian-user-header.crontab"
expect_rc 0 "a clean file exits 0"

# Warnings do not fail unless asked.
printf '*-5 * * * * x\n' > "$T_TMP/warn.crontab"
run check "$T_TMP/warn.crontab" --dialect debian
expect_rc 0 "warnings alone exit 0"
expect_err_has "warn.crontab:1:2: warning: Debian's cron ignores \"-5\"" "Debian ignored text"
run check --fail-on warning "$T_TMP/warn.crontab" --dialect debian
expect_rc 1 "--fail-on warning"
run check "$T_TMP/warn.crontab" --dialect cronie
expect_rc 1 "cronie rejects *-5"

# JSON document.
run check --json "$T_TMP/bad.crontab" "$T_TMP/warn.crontab" --dialect debian
expect_rc 1 "json exit"
expect_json 'd["errors"] == 3 and d["warnings"] == 1' "json counts"
expect_json '[x for x in d["files"][0]["diagnostics"] if x["line"] > 0][0] == dict([x for x in d["files"][0]["diagnostics"] if x["line"] > 0][0], line=3, column=5, severity="error", code="CK009")' "json diagnostic keys"
expect_json 'd["files"][1]["path"].endswith("warn.crontab")' "json path"

# Expressions.
run check --expr '*/5 * * * *'
expect_rc 0 "valid expression"
run check --expr '0 0 L * *' --json
expect_rc 1 "extension rejected"
expect_json 'd["files"][0]["diagnostics"][0]["code"] == "CK051" and "Quartz" in d["files"][0]["diagnostics"][0]["message"]' "extension names its origin"

# System format for /etc/cron.d paths, forced with --system-format.
mkdir -p "$T_TMP/etc/cron.d"
printf '0 * * * * /usr/bin/foo\n' > "$T_TMP/etc/cron.d/foo"
run check "$T_TMP/etc/cron.d/foo"
expect_rc 1 "missing user column in cron.d"
expect_err_has "CK041" "missing user"
run check --user-format "$T_TMP/etc/cron.d/foo"
expect_rc 0 "user format forced"
printf '0 * * * * root /usr/bin/foo\n' > "$T_TMP/sys"
run check --system-format "$T_TMP/sys"
expect_rc 0 "system format forced"

# A large generated crontab finishes and reports.
if command -v python3 >/dev/null; then
	python3 "$(dirname "$0")/../bench/gen_crontab.py" 100000 > "$T_TMP/big.crontab"
	# The generator writes some schedules that can never fire (day 31
	# in September...): lint reports them, and nothing else as an error.
	run check --json "$T_TMP/big.crontab" --dialect debian
	expect_json 'all(x["code"] == "CK024" for x in d["files"][0]["diagnostics"] if x["severity"] == "error")' "100,000-line crontab checks clean of parse errors"
fi

run check "$T_TMP/nope.crontab"
expect_rc 66 "unreadable file"
run check --fail-on bogus "$T_TMP/bad.crontab"
expect_rc 2 "usage error"

finish
