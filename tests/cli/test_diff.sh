#!/bin/sh
# SPDX-License-Identifier: ISC
# diff compares crontabs by meaning: respelled schedules, moved jobs and
# environment changes above a job; exit 0 same, 1 different.
. "$(dirname "$0")/lib.sh"

cat > "$T_TMP/old" <<'X'
MAILTO=a@example.com
# cronkeep: hourly
0 * * * * /bin/hourly
# cronkeep: nightly
30 2 * * * /bin/nightly
15 1 * * * /bin/unmarked
0 0 * * * /bin/gone
X

# Only comments and spacing differ: the same.
sed 's/^0 \* \* \* \*/0  *  * * */; 1i # a new comment' "$T_TMP/old" > "$T_TMP/same"
run diff "$T_TMP/old" "$T_TMP/same"
expect_rc 0 "comments and spacing do not count"
expect_out_empty "nothing printed when the same"

# Respelled schedule.
sed 's/^0 \* \* \* \* \/bin\/hourly/@hourly \/bin\/hourly/' "$T_TMP/old" > "$T_TMP/respelled"
run diff "$T_TMP/old" "$T_TMP/respelled"
expect_rc 1 "respelled counts as a difference"
expect_out_has '^~ hourly ' "matched by id"
expect_out_has 'same schedule, respelled: "0 \* \* \* \*" -> "@hourly"' "respelled said so"
expect_out_lacks '^    schedule:' "not a schedule change"

# A changed schedule, an added and a removed job, matched by command.
cat > "$T_TMP/changed" <<'X'
MAILTO=a@example.com
# cronkeep: hourly
0 * * * * /bin/hourly
# cronkeep: nightly
0 3 * * * /bin/nightly
15 1 * * * /bin/unmarked
5 5 * * * /bin/new
X
run diff --json "$T_TMP/old" "$T_TMP/changed"
expect_rc 1 "different"
expect_json '[c["change"] for c in d["changes"]] == ["changed", "added", "removed"]' "change kinds in order"
expect_json 'd["changes"][0]["id"] == "nightly" and d["changes"][0]["what"] == ["schedule"]' "schedule change"
expect_json 'd["changes"][0]["old"]["schedule"] == "30 2 * * *" and d["changes"][0]["new"]["schedule"] == "0 3 * * *"' "old and new schedule"
expect_json 'd["changes"][2]["old"]["command"] == "/bin/gone" and d["changes"][2]["new"] is None' "removed job"
expect_json 'd["same"] is False' "same is false"

# An environment change above a job, and a moved job.
cat > "$T_TMP/moved" <<'X'
15 1 * * * /bin/unmarked
MAILTO=b@example.com
# cronkeep: hourly
0 * * * * /bin/hourly
# cronkeep: nightly
30 2 * * * /bin/nightly
0 0 * * * /bin/gone
X
run diff --json "$T_TMP/old" "$T_TMP/moved"
expect_rc 1 "env and move"
expect_json 'any(c["new"]["command"] == "/bin/unmarked" and "moved" in c["what"] and "environment" in c["what"] and c["env"] == ["MAILTO"] for c in d["changes"])' "moved above MAILTO: env and move"
expect_json 'any(c["id"] == "hourly" and c["what"] == ["environment"] for c in d["changes"])' "env change above a job"

# Environments walked once: names in ck_job_env() order (the old side's
# as first set, then those only the new side sets), jobs matched out of
# order so the walk goes back, and duplicate commands matched in order.
cat > "$T_TMP/envold" <<'X'
1 * * * * /bin/a
SHELL=/bin/sh
2 * * * * /bin/b
MAILTO=x
3 * * * * /bin/c
4 * * * * /bin/dup
5 * * * * /bin/dup
X
cat > "$T_TMP/envnew" <<'X'
MAILTO=y
SHELL=/bin/bash
3 * * * * /bin/c
2 * * * * /bin/b
1 * * * * /bin/a
PATH=/bin
4 * * * * /bin/dup
6 * * * * /bin/dup
X
run diff --json "$T_TMP/envold" "$T_TMP/envnew"
expect_rc 1 "env diff walk differs"
expect_json '[(c["new"]["command"], c["env"]) for c in d["changes"] if c["new"] and c["old"]] == [("/bin/c", ["SHELL", "MAILTO"]), ("/bin/b", ["SHELL", "MAILTO"]), ("/bin/a", ["MAILTO", "SHELL"]), ("/bin/dup", ["SHELL", "MAILTO", "PATH"]), ("/bin/dup", ["SHELL", "MAILTO", "PATH"])]' "env names in order, walking back and forth"
expect_json '[c["what"] for c in d["changes"] if c["new"] and c["new"]["command"] == "/bin/dup"] == [["environment"], ["schedule", "environment"]]' "same commands matched in file order"
run diff "$T_TMP/envnew" "$T_TMP/envnew"
expect_rc 0 "a crontab with environments equals itself"

# Disabled under its marker.
sed 's/^30 2/#30 2/' "$T_TMP/old" > "$T_TMP/disabled"
run diff "$T_TMP/old" "$T_TMP/disabled"
expect_rc 1 "disabled is a change"
expect_out_has '^    disabled$' "disabled said"

# Standard input, unified format, usage.
run_in "$T_TMP/changed" diff --format unified "$T_TMP/old" -
expect_rc 1 "unified differs"
expect_out_has '^\+0 3 \* \* \* /bin/nightly' "unified hunk"
expect_out_has '^-30 2 \* \* \* /bin/nightly' "unified: the old side is the file's text"
expect_out_has '^-0 0 \* \* \* /bin/gone' "unified: a removed line"
run diff "$T_TMP/old"
expect_rc 2 "one operand without a store is a usage error"
run -f "$T_TMP/old" diff "$T_TMP/respelled"
expect_rc 1 "store as OLD"
expect_out_has 'respelled' "store diff"
run -f "$T_TMP/old" diff --format unified "$T_TMP/changed"
expect_rc 1 "store as OLD, unified"
expect_out_has '^-30 2 \* \* \* /bin/nightly' "unified: the store's text is the old side"
expect_out_has '^\+0 3 \* \* \* /bin/nightly' "unified: store diff hunk"

# A relative path into an etc/cron.d tree is read in system format, the
# same rule as for every other command (a user column: root -> www-data).
mkdir -p "$T_TMP/img/etc/cron.d"
printf '0 * * * * root /bin/job\n' > "$T_TMP/img/etc/cron.d/a"
printf '0 * * * * www-data /bin/job\n' > "$T_TMP/img/etc/cron.d/b"
(cd "$T_TMP/img" && "$CRONKEEP" diff --json etc/cron.d/a etc/cron.d/b) > "$OUT" 2>"$ERR" || RC=$?
expect_json 'd["changes"][0]["what"] == ["user"]' "system format by path, relative too"

# The same bytes mean the same (no parse): a file with itself, through a
# hard link, a copy; but not the same bytes read in two formats.
cp "$T_TMP/old" "$T_TMP/copy"
ln "$T_TMP/old" "$T_TMP/hardlink"
for f in "$T_TMP/old" "$T_TMP/hardlink" "$T_TMP/copy"; do
	run diff --json "$T_TMP/old" "$f"
	expect_rc 0 "same bytes: ${f##*/}"
	expect_json 'd == {"same": True, "changes": []}' "same bytes, JSON: ${f##*/}"
	run diff --format unified "$T_TMP/old" "$f"
	expect_rc 0 "same bytes, unified: ${f##*/}"
	expect_out_empty "same bytes, no hunk: ${f##*/}"
done
run_in "$T_TMP/old" diff "$T_TMP/old" -
expect_rc 0 "same bytes on standard input"
cp "$T_TMP/img/etc/cron.d/a" "$T_TMP/img/a-user"
run diff --json "$T_TMP/img/etc/cron.d/a" "$T_TMP/img/a-user"
expect_rc 1 "the same bytes as a system and a user crontab differ"
expect_json '[c["change"] for c in d["changes"]] == ["added", "removed"]' "system vs user format: not the fast path"

finish
