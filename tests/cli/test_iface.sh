#!/bin/sh
# SPDX-License-Identifier: ISC
# iface: what every command shares.  With --json a failure is one error
# object on stdout ({"error":{"code","message","exit"}}) for every command,
# the command list taken from 'cronkeep --help' so a new command is
# walked too; "no job with this id" is 66 everywhere and suggests the
# nearest id; a word where a date belongs is 65; did-you-mean for
# commands, options and zones; help help.
. "$(dirname "$0")/lib.sh"

cmds=$("$CRONKEEP" --help | sed -n '/^commands:/,$p' | \
    sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$cmds" ] && ok || fail "no commands in --help"

# error_json RC DESCRIPTION: stdout is the error object with RC (checked
# at the end, all in one python3: it starts slowly on a loaded machine).
mkdir "$T_TMP/j"
NJ=0
error_json() {
	expect_rc "$1" "$2"
	NJ=$((NJ + 1))
	cp "$OUT" "$T_TMP/j/$NJ"
	printf '%s\t%s\n' "$1" "$2" > "$T_TMP/j/$NJ.want"
}

# ---- a usage error in every command, --json anywhere on the line ----
for c in $cmds; do
	run "$c" --json --no-such-option
	error_json 2 "$c --no-such-option"
	grep -q -- "--no-such-option" "$OUT" && ok || \
	    fail "$c: says which option"
	[ "$(wc -l < "$ERR")" -eq 1 ] && ok || \
	    fail "$c --no-such-option: one line on stderr"
	run --json "$c" --no-such-option
	error_json 2 "--json $c --no-such-option"
done
run --json lsit
error_json 2 "unknown command"
expect_err_has "did you mean 'list'" "suggests the command"
run list --jsno
expect_rc 2 "mistyped option"
expect_err_has "did you mean --json" "suggests the option"
[ "$(wc -l < "$ERR")" -eq 1 ] && ok || fail "an unknown option: one line"
run list extra
expect_rc 2 "an operand list does not take"
expect_err_has "unexpected argument 'extra'" "says what was wrong"

# ---- a file that does not exist: 66, the object, for reading commands ----
for c in list show find stats timeline doc export inventory; do
	case $c in
	export) set -- --to systemd ;;
	*) set -- ;;
	esac
	run -f "$T_TMP/none" --json "$c" "$@"
	error_json 66 "$c -f missing"
	grep -q '"code":"no-input"' "$OUT" && ok || fail "$c: no-input"
	expect_err_has "$T_TMP/none" "$c: names the file on stderr"
done
run --json check "$T_TMP/none"
expect_rc 66 "check a missing file"
expect_json "d['error']['exit'] == 66 and d['files'] == []" \
    "check: the error in its document"

# ---- no job with this id: 66 in every command, with a suggestion ----
printf '%s\n' '# cronkeep: backup' '0 3 * * * /bin/true' > "$T_TMP/tab"
for c in "explain" "export --to systemd" "find" "next" "disable" \
    "enable" "remove" "log" "run -n" "missed --since 1h"; do
	# shellcheck disable=SC2086
	run -f "$T_TMP/tab" $c --id bakup
	expect_rc 66 "$c --id bakup"
	expect_err_has "no job with id 'bakup' \\(did you mean 'backup'\\?\\)" \
	    "$c: one message, the nearest id"
	# shellcheck disable=SC2086
	run -f "$T_TMP/tab" --json $c --id zzzzzzzz
	error_json 66 "$c --json --id zzzzzzzz"
done
grep -q 'cronkeep: backup' "$T_TMP/tab" && ok || fail "nothing written"

# ---- a word where a date belongs: 65 (invalid data), as documented ----
for o in "timeline --day" "stats --from" "find --at" "history --since" \
    "log --since" "next --from" "missed --since"; do
	# shellcheck disable=SC2086
	set -- $o
	case $1 in
	next) set -- -f "$T_TMP/tab" next '* * * * *' "$2" ;;
	history) ;;		# reads no crontab
	*) set -- -f "$T_TMP/tab" "$@" ;;
	esac
	run --json "$@" soon
	error_json 65 "$o soon"
done

# ---- time zones: the nearest name ----
if [ -f /usr/share/zoneinfo/Europe/Berlin ]; then
	run next --tz europe/berlin '0 3 * * *'
	expect_rc 65 "a zone in the wrong case"
	expect_err_has "did you mean Europe/Berlin\\?" "suggests the zone"
	run next --tz Europe/Berln '0 3 * * *'
	expect_err_has "did you mean Europe/Berlin\\?" "suggests for a typo"
fi

# ---- help ----
run help help
expect_rc 0 "help help"
expect_out_has "usage: cronkeep help \\[COMMAND\\]" "help's own usage"
run help list
cp "$OUT" "$T_TMP/h1"
run -h list
cmp -s "$OUT" "$T_TMP/h1" && ok || fail "-h list is help list"
run list -h
cmp -s "$OUT" "$T_TMP/h1" && ok || fail "list -h is help list"
# ---- every error object kept above ----
if python3 - "$T_TMP/j" "$NJ" <<'PY'
import json, sys
d, n, bad = sys.argv[1], int(sys.argv[2]), 0
names = {2: "usage", 65: "data", 66: "no-input"}
for i in range(1, n + 1):
    rc, what = open(f"{d}/{i}.want").read().rstrip("\n").split("\t", 1)
    try:
        o = json.load(open(f"{d}/{i}"))
        e = o["error"]
        assert list(o) == ["error"], "only the error key"
        assert sorted(e) == ["code", "exit", "message"], "its keys"
        assert e["exit"] == int(rc), "exit"
        assert e["code"] == names[int(rc)], "code"
        assert isinstance(e["message"], str) and e["message"], "message"
    except Exception as x:
        bad += 1
        print(f"FAIL: {what}: not the error object ({x!r})", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
then ok; else fail "error objects"; fi
[ "$NJ" -gt 60 ] && ok || fail "only $NJ error objects checked"
# Reading never creates files: history of a database that does not exist.
: > "$T_TMP/empty.cron"
: > "$T_TMP/empty.log"
run history --history-db "$T_TMP/none/h.db"
expect_rc 0 "history without a database"
if [ -e "$T_TMP/none" ]; then fail "history created $T_TMP/none"; else ok; fi
run history --history-db "$T_TMP/none/h.db" --json
expect_json 'd == {"runs": []}' "history --json without a database"
CRONKEEP_HISTORY_DB=$T_TMP/none/h.db run -f "$T_TMP/empty.cron" list --status
expect_rc 0 "list --status without a database"
if [ -e "$T_TMP/none" ]; then fail "list --status created it"; else ok; fi
# An empty result: "no jobs" / "no runs yet" / "no runs" on a terminal,
# silence in a script.
run -f "$T_TMP/empty.cron" list
expect_out_empty "list of nothing in a script"
if command -v script >/dev/null 2>&1; then
	tty_out() { script -qc "$*" /dev/null | tr -d '\r'; }
	if [ "$(tty_out "$CRONKEEP" -f "$T_TMP/empty.cron" list)" = "no jobs" ]; then
		ok; else fail "list on a terminal: not 'no jobs'"; fi
	if [ "$(tty_out "$CRONKEEP" history --history-db "$T_TMP/none/h.db")" = "no runs yet" ]; then
		ok; else fail "history on a terminal"; fi
	if [ "$(tty_out "$CRONKEEP" log --log-file "$T_TMP/empty.log")" = "no runs" ]; then
		ok; else fail "log on a terminal"; fi
fi

# --json everywhere: timeline, doc and diff --format unified give JSON.
J=$T_TMP/json.cron
printf '# cronkeep: a\n30 2 * * * /bin/a\n# cronkeep: b\n30 2 * * * /bin/b\n61 * * * * /bin/bad\n' > "$J"
CRONKEEP_NOW=1800000000 run -f "$J" timeline --json --tz UTC
expect_rc 0 "timeline --json"
expect_json 'd["window"] == {"from": "2027-01-15T00:00:00+00:00", "to": "2027-01-16T00:00:00+00:00", "zone": "UTC"}' "timeline window (CRONKEEP_NOW)"
expect_json '[(x["id"], x["runs"]) for x in d["jobs"]] == [("a", ["2027-01-15T02:30:00+00:00"]), ("b", ["2027-01-15T02:30:00+00:00"])]' "timeline runs"
expect_json 'd["collisions"] == [{"time": "2027-01-15T02:30:00+00:00", "jobs": 2}]' "timeline collisions"
CRONKEEP_NOW=1800000000 run -f "$J" doc --json --tz UTC
expect_rc 0 "doc --json"
expect_json 'd["crontabs"][0]["jobs"][0]["next"][:2] == ["2027-01-16T02:30:00+00:00", "2027-01-17T02:30:00+00:00"] and d["crontabs"][0]["jobs"][0]["id"] == "a"' "doc jobs"
expect_json '[f["code"] for f in d["crontabs"][0]["findings"]] == ["CK047", "CK009"]' "doc: the findings of lines that are no job"
printf '# cronkeep: a\n30 3 * * * /bin/a\n' > "$T_TMP/json2.cron"
run diff --json --format unified "$J" "$T_TMP/json2.cron"
expect_rc 1 "diff --json --format unified: different"
expect_json 'd["same"] is False and "+30 3 * * * /bin/a" in d["diff"]' "the unified diff in JSON"
run diff --json --format unified "$J" "$J"
expect_json 'd == {"same": True, "diff": ""}' "the same file"

finish
