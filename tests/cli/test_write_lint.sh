# test_write_lint.sh - issue 19: what is written is what the user meant.
# The command given to set is what the shell runs ('%' written "\%",
# --raw as given), and every write lints the lines it creates or changes:
# an error refuses (exit 65, nothing written), warnings are printed and
# listed in --json, --strict refuses on them.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/tab

# unchanged FILE COPY DESCRIPTION
unchanged() {
	if cmp -s "$1" "$2"; then ok; else fail "$3: the file changed"; fi
}

# ---- '%' is encoded for cron, decoded on reading ----
: > "$F"
run -f "$F" set --id d @daily -- 'tar czf /backup/$(date +%Y-%m-%d).tgz /etc'
expect_rc 0 "set with a % command"
expect_out created "set prints created"
expect_err_empty "no warning for an encoded %"
grep -qxF '@daily tar czf /backup/$(date +\%Y-\%m-\%d).tgz /etc' "$F" && ok ||
    fail "the % was not written as \\%: $(cat "$F")"
run -f "$F" check
expect_rc 0 "check has nothing to say about the job set"
run -f "$F" run -n --id d
expect_out_has '^  tar czf /backup/\$\(date \+%Y-%m-%d\)\.tgz /etc$' \
    "run -n shows the shell the command as given"
expect_out_has '^stdin: \(empty\)$' "and no standard input"
run -f "$F" --json list
expect_json 'd["jobs"][0]["command"] == "tar czf /backup/$(date +\\%Y-\\%m-\\%d).tgz /etc"' \
    "list --json: the crontab text"
expect_json 'd["jobs"][0]["shell_command"] == "tar czf /backup/$(date +%Y-%m-%d).tgz /etc" and d["jobs"][0]["stdin"] is None' \
    "list --json: the shell's command, no stdin"
run -f "$F" set --id d @daily -- 'tar czf /backup/$(date +%Y-%m-%d).tgz /etc'
expect_out unchanged "the same set again is unchanged"

# cronie keeps "\\"; a backslash right before '%' cannot be said there.
cp "$F" "$D/before"
run -f "$F" --dialect cronie set --id b @daily -- 'printf a\%b'
expect_rc 2 "cronie: a backslash before % is refused"
expect_err_has "cannot be written so that cronie cron runs it" "says why"
unchanged "$F" "$D/before" "refused command"
# Debian turns "\\" into "\": the backslash is doubled.
run -f "$F" --dialect debian set --id b @daily -- 'printf a\%b'
expect_rc 0 "debian: a backslash before % is doubled"
grep -qxF '@daily printf a\\\%b' "$F" && ok || fail "debian encoding: $(cat "$F")"
run -f "$F" --dialect debian --json list
expect_json '[x["shell_command"] for x in d["jobs"] if x["id"] == "b"] == ["printf a\\%b"]' \
    "debian: the shell gets the backslash and the %"

# --raw: the text as given, with the bare-percent warning.
run -f "$F" --json set --id r --raw @hourly -- 'mail -s hi ops%body'
expect_rc 0 "--raw writes"
grep -qxF '@hourly mail -s hi ops%body' "$F" && ok || fail "--raw changed the text"
expect_err_has "^$F:[0-9]+:[0-9]+: warning: .*\\[CK016\\]" "the warning as check prints it"
expect_json '[w["code"] for w in d["warnings"]] == ["CK016"]' "--json lists the warning"
run -f "$F" --json list
expect_json '[(x["shell_command"], x["stdin"]) for x in d["jobs"] if x["id"] == "r"] == [("mail -s hi ops", "body\n")]' \
    "list --json: the stdin part"
cp "$F" "$D/before"
run -f "$F" --strict set --id r2 --raw @hourly -- 'mail -s hi ops%body2'
expect_rc 65 "--strict refuses a warning"
expect_err_has "nothing written" "says nothing was written"
unchanged "$F" "$D/before" "--strict refusal"

# ---- lint errors refuse the write ----
run -f "$F" set --id x '0 0 30 2 *' -- cmd
expect_rc 65 "a schedule that never fires is refused"
expect_err_has "^$F:[0-9]+:[0-9]+: error: .*February.*\\[CK024\\]" "CK024 printed"
unchanged "$F" "$D/before" "never-fires refusal"
run -f "$F" --dialect debian set --id y '0 0 * * 1#2' -- cmd
expect_rc 0 "debian: 1#2 is written with a warning"
expect_err_has "warning: .*#2.*\\[CK021\\]" "CK021 printed"
cp "$F" "$D/before"
run -f "$F" --dialect debian --strict set --id y2 '0 0 * * 1#2' -- cmd
expect_rc 65 "debian: 1#2 refused with --strict"
unchanged "$F" "$D/before" "strict 1#2"

# enable: the line that comes back is linted too.
printf '# cronkeep: feb\n#0 0 30 2 * cmd\n' > "$F"
cp "$F" "$D/before"
run -f "$F" enable --id feb
expect_rc 65 "enabling a job that never fires is refused"
expect_err_has "\\[CK024\\]" "enable prints CK024"
unchanged "$F" "$D/before" "enable refusal"
run -f "$F" disable --id feb
expect_out unchanged "disable still works"

# ---- a user column naming no user in cron.d ----
mkdir -p "$D/r/etc/cron.d"
printf 'root:x:0:0::/root:/bin/sh\n' > "$D/r/etc/passwd"
run --root "$D/r" --cron-d app --json set --id u --user nosuchuser @daily -- true
expect_rc 0 "an unknown user is a warning"
expect_err_has "warning: .*nosuchuser.*\\[CK015\\]" "CK015 printed"
expect_json '[w["code"] for w in d["warnings"]] == ["CK015"]' "listed in --json"
run --root "$D/r" --cron-d app --strict set --id u2 --user nosuchuser @daily -- true
expect_rc 65 "refused with --strict"
run --root "$D/r" --cron-d app set --id u3 --user root @daily -- true
expect_rc 0 "a known user"
expect_err_empty "no warning for root"

# ---- install of a system-format file into a user crontab ----
printf '0 1 * * * root /bin/a\n' > "$D/sys"
: > "$F"
run -f "$F" install "$D/sys"
expect_rc 0 "installed with a warning"
expect_err_has "warning: .*\\[CK042\\]" "install prints CK042"
: > "$F"
run -f "$F" --strict install "$D/sys"
expect_rc 65 "install --strict refuses CK042"
[ ! -s "$F" ] && ok || fail "refused install wrote"

# ---- ambiguity is an error: one id on two jobs ----
printf '# cronkeep: dup\n0 1 * * * a\n# cronkeep: dup\n0 2 * * * b\n' > "$F"
cp "$F" "$D/before"
run -f "$F" check
expect_err_has ":3:1: warning: the id \"dup\" also marks the job on line 2 \\[CK066\\]" \
    "check reports the duplicate id"
for c in "set --id dup @daily -- c" "disable --id dup" "enable --id dup"; do
	run -f "$F" $c
	expect_rc 2 "$c refuses an ambiguous id"
	expect_err_has 'the id "dup" marks 2 jobs \(lines 2, 4\)' "$c lists the lines"
done
run -f "$F" remove --id dup
expect_rc 1 "remove refuses an ambiguous id"
expect_err_has "lines 2 4" "remove lists the lines"
unchanged "$F" "$D/before" "ambiguous id"

# ---- a --root that does not exist is an error, not an empty host ----
run --root "$D/nosuch" -s check --json
expect_rc 66 "--root that does not exist: check"
expect_err_has "--root $D/nosuch: No such file or directory" "names it"
run --root "$D/nosuch" -a list
expect_rc 66 "--root that does not exist: list"
run -f "$D/nosuch.cron" list
expect_rc 66 "-f that does not exist"
run --root "$D/r" --cron-d nosuch list
expect_rc 66 "--cron-d that does not exist"

finish
