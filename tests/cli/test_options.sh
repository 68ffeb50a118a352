# SPDX-License-Identifier: ISC
# test_options.sh - the one option parser (src/cli/opt.c) and what it
# generates: the help of every command is the same text however it is
# asked for, every usage line lists every option of the help, the shared
# options follow the commands' flags, and the forms of an option
# (--name=value, --name value, a unique prefix, -x clusters) all work.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
cat > "$D/tab" <<'TAB'
# cronkeep: backup
0 3 * * * /usr/local/bin/backup
*/5 * * * * /usr/bin/true
TAB

cmds=$("$CRONKEEP" --help | sed -n '/^commands:/,/^$/p' |
    awk 'NR > 1 && NF { print $1 }')
[ "$(echo "$cmds" | wc -l)" -ge 20 ] && ok || fail "--help lists the commands"

for c in $cmds; do
	run "$c" --help
	expect_rc 0 "$c --help"
	cp "$OUT" "$D/help.$c"
	expect_out_has "^usage: cronkeep .*$c" "$c --help: a usage line"
	for form in "$c -h" "help $c" "-h $c" "--help $c"; do
		# shellcheck disable=SC2086
		run $form
		expect_rc 0 "cronkeep $form"
		cmp -s "$OUT" "$D/help.$c" && ok || \
		    fail "cronkeep $form differs from cronkeep $c --help"
	done
	# Every option the help lists is in the usage lines.
	sed -n '1,/^$/p' "$D/help.$c" > "$D/usage.$c"
	for o in $(sed -n '/^options:/,/^$/p' "$D/help.$c" |
	    grep -o '^  [ -][a-z0-9]\{0,1\},\{0,1\} *--[a-z0-9-]*' |
	    grep -o -- '--[a-z0-9-]*'); do
		grep -q -- "$o\\b" "$D/usage.$c" && ok || \
		    fail "$c: the usage lacks $o"
	done
done
grep -q -- '--status' "$D/usage.find" && ok || fail "find's usage lists --status"
run help help
expect_rc 0 "help help"
expect_out_has '^usage: cronkeep help \[COMMAND\]' "help help: help's own usage"

# Shared options and the commands' flags.
run -n list
expect_rc 2 "-n for a command that writes nothing"
expect_err_has "list changes no crontab: -n is for the commands that do" \
    "-n: says why"
run -f "$D/tab" list --backup "$D/bak"
expect_rc 2 "--backup for list"
run -f "$D/tab" history
expect_rc 2 "history reads no crontab"
expect_err_has "history reads no crontab" "history -f: says why"
run -f "$D/tab" -n disable --id backup
expect_rc 0 "-n before a command that writes"
expect_out_has '^-0 3' "-n: the diff"
run -f "$D/tab" run -n --id backup
expect_rc 0 "run takes -n"

# The forms of an option.
run -f "$D/tab" list --json
cp "$OUT" "$D/json"
for args in "--file=$D/tab list --json" "list --file $D/tab --js" \
    "list -f$D/tab --json" "list --json -f $D/tab"; do
	# shellcheck disable=SC2086
	run $args
	expect_rc 0 "$args"
	cmp -s "$OUT" "$D/json" && ok || fail "$args: another output"
done
run -f "$D/tab" find -v --id=backup
expect_rc 0 "--id=VALUE"
expect_out_has 'backup' "--id=VALUE finds the job"
run explain '0 9 * * 1' --json
expect_rc 0 "an option after the operand"
expect_out_has '"schedule"' "... is read"
run explain --json -- '0 9 * * 1'
expect_rc 0 "'--' ends the options"
run -f "$D/tab" set --id new --every 15 minutes -- /bin/new
expect_rc 0 "set --every N UNIT"
grep -q '^\*/15 \* \* \* \* /bin/new$' "$D/tab" && ok || fail "--every 15 minutes"

# Usage errors: exit 2, one line: the message and a hint.
run -f "$D/tab" list --jsno
expect_rc 2 "an unknown option"
expect_err_has "^cronkeep: unknown option '--jsno' \\(did you mean --json\\?\\); try 'cronkeep list --help'\$" \
    "did you mean --json, and the hint"
[ "$(wc -l < "$ERR")" -eq 1 ] && ok || fail "an unknown option: one line"
run -f "$D/tab" list --frobnicate
expect_rc 2 "an option like none"
expect_err_has "^cronkeep: unknown option '--frobnicate'; try 'cronkeep list --help'\$" \
    "no suggestion when nothing is near"
run -f "$D/tab" list extra
expect_rc 2 "an operand list does not take"
expect_err_has "^cronkeep: unexpected argument 'extra'; try 'cronkeep list --help'\$" \
    "says what was wrong"
[ "$(wc -l < "$ERR")" -eq 1 ] && ok || fail "list extra: one line"
run lsit
expect_rc 2 "a mistyped command"
expect_err_has "^cronkeep: unknown command 'lsit' \\(did you mean 'list'\\?\\); try 'cronkeep --help'\$" \
    "did you mean list"
run help lsit
expect_rc 2 "help of a mistyped command"
expect_err_has "did you mean 'list'" "help lsit: did you mean list"
run xyzzy
expect_rc 2 "an unknown command"
expect_err_lacks "did you mean" "no suggestion when nothing is near"
run -f "$D/tab" list -q
expect_rc 2 "an unknown letter"
expect_err_has "unknown option '-q'" "names it"
run -f "$D/tab" list --json=yes
expect_rc 2 "an argument to a flag"
expect_err_has "option '--json' takes no argument" "says so"
run -f "$D/tab" find --id
expect_rc 2 "a missing argument"
expect_err_has "option '--id' needs an argument \\(ID\\)" "says which"
run -f "$D/tab" list --s
expect_rc 2 "an ambiguous prefix (--status, --system, ...)"
expect_err_has "option '--s' is ambiguous" "says so"
run -f "$D/tab" list --color sometimes
expect_rc 2 "a bad --color"
run
expect_rc 2 "no command"

finish
