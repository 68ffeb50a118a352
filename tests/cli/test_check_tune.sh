# SPDX-License-Identifier: ISC
# test_check_tune.sh - lint you can tune (issue 20): check --disable,
# --enable, --min-severity, --no-config and a project's .cronkeep.toml
# found upward from the checked file; bad settings are refused with file,
# line and column; the DST note only where the zone has daylight saving.
. "$(dirname "$0")/lib.sh"

R=$T_TMP/repo
mkdir -p "$R/jobs/sub"
F=$R/jobs/sub/a.cron
printf '0 0 * * * root /bin/x\n61 * * * * /bin/y\n' > "$F"

run check "$F"
expect_rc 1 "an error: exit 1"
expect_err_has 'CK047' "the MAILTO note"
expect_err_has 'CK050' "the no-id note"
expect_err_has '1 error, 1 warning, 2 notes' "counts"

# Command line.
run check --disable CK047,no-id "$F"
expect_err_lacks 'CK047' "--disable by code"
expect_err_lacks 'CK050' "--disable by name"
expect_err_has '1 error, 1 warning, 0 notes' "not counted either"
run check --disable CK047 --disable CK050 --enable CK050 "$F"
expect_err_has 'CK050' "--enable after --disable turns it back on"
run check --min-severity warning "$F"
expect_err_lacks 'note:' "--min-severity warning"
expect_err_has 'CK042' "warnings stay"
run check --min-severity error --fail-on warning "$F"
expect_rc 1 "still fails on the error"
run check --disable CK999 "$F"
expect_rc 65 "an unknown rule"
expect_err_has "no rule 'CK999'" "named"
run check --min-severity loud "$F"
expect_rc 2 "a bad level is a usage error"

# The project file, two folders up.
printf '# CI settings\n[check]\ndisable = ["CK047", "no-id"]  # noisy\nmin-severity = "note"\nfail-on = "warning"\n' > "$R/.cronkeep.toml"
run check "$F"
expect_err_lacks 'CK047' "the file's disable"
expect_err_has '1 error, 1 warning, 0 notes' "the file's settings"
printf '# cronkeep: ok\n30 4 * * * /bin/z\n' > "$R/jobs/warn.cron"
printf 'MAILTO=""\n# cronkeep: w\n0 0 * * * root /bin/x\n' > "$R/jobs/w.cron"
run check "$R/jobs/w.cron"
expect_rc 1 "the file's fail-on warning"
run check --fail-on error "$R/jobs/w.cron"
expect_rc 0 "--fail-on over the file's"
run check --enable CK047 "$F"
expect_err_has 'CK047' "--enable over the file's disable"
run check --no-config "$F"
expect_err_has 'CK047' "--no-config"
# From standard input: the working folder, upward.
if (cd "$R/jobs" && "$CRONKEEP" check - < "$F" 2>&1) | grep -q CK047; then
	fail "stdin: the working folder's file not read"; else ok; fi
if (cd "$T_TMP" && "$CRONKEEP" check - < "$F" 2>&1) | grep -q CK047; then
	ok; else fail "stdin elsewhere: a file was read"; fi

# Bad files: file, line and column; nothing checked.
printf '[check]\ndisable = "CK047"\n' > "$R/.cronkeep.toml"
run check "$F"
expect_rc 65 "a string where an array belongs"
expect_err_has '\.cronkeep\.toml:2:11: an array of strings expected' "where"
printf '[check]\ncolour = "red"\n' > "$R/.cronkeep.toml"
run check "$F"
expect_rc 65 "an unknown key"
expect_err_has '\.cronkeep\.toml:2:1: unknown key' "where"
printf '[lint]\n' > "$R/.cronkeep.toml"
run check "$F"
expect_rc 65 "an unknown table"
printf '[check]\ndisable = ["CK047"\n' > "$R/.cronkeep.toml"
run check "$F"
expect_rc 65 "an array that does not end"
printf '[check]\ndisable = ["nosuch"]\n' > "$R/.cronkeep.toml"
run check "$F"
expect_rc 65 "an unknown rule in the file"
expect_err_has '\.cronkeep\.toml:2: no rule' "named with the file"
rm "$R/.cronkeep.toml"

# The DST note (CK040) only where the host's zone has daylight saving.
D=$T_TMP/dst.cron
printf 'MAILTO=""\n# cronkeep: d\n30 2 * * * /bin/d\n' > "$D"
TZ=UTC run check "$D"
expect_err_lacks 'CK040' "UTC: no DST note"
TZ=Asia/Tokyo run check "$D"
expect_err_lacks 'CK040' "Tokyo: no DST note"
TZ=Europe/Berlin run check "$D"
expect_err_has 'CK040' "Berlin: the DST note"
TZ=America/New_York run check "$D"
expect_err_has 'CK040' "New York: the DST note"

# Many files in one run: each folder finds its own settings (the search
# is remembered per folder), and a link's folder is its target's.
M=$T_TMP/many
mkdir -p "$M/a" "$M/b"
printf '[check]\ndisable = ["CK047"]\n' > "$M/a/.cronkeep.toml"
for f in a/1 b/2 a/3 b/4; do
	printf '0 0 * * * root /bin/x\n' > "$M/$f.cron"
done
ln -s "$M/a/3.cron" "$M/b/5.cron"
run check --dialect debian "$M/a/1.cron" "$M/b/2.cron" "$M/a/3.cron" \
    "$M/b/4.cron" "$M/b/5.cron"
expect_err_lacks '/a/1.cron:.*CK047' "folder a: its settings"
expect_err_lacks '/a/3.cron:.*CK047' "folder a again: its settings"
expect_err_has '/b/2.cron:.*CK047' "folder b: no settings"
expect_err_has '/b/4.cron:.*CK047' "folder b again: no settings"
expect_err_lacks '/b/5.cron:.*CK047' "a link in b to a file in a: a's settings"
finish
