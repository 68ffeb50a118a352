#!/bin/sh
# SPDX-License-Identifier: ISC
# Help fits a terminal 80 columns wide: 'cronkeep --help' and
# 'cronkeep COMMAND --help' (and 'cronkeep help COMMAND') for every
# command 'cronkeep --help' lists have no line over 80 display columns.
# Option help is wrapped by the generator (src/cli/opt.c); descriptions
# and epilogs are written to fit.
. "$(dirname "$0")/lib.sh"

# narrow FILE...: each file has lines, none over 80 display columns.
narrow() {
	if python3 -c '
import sys, unicodedata
bad = 0
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    if not text:
        print("%s: no output" % path, file=sys.stderr)
        bad = 1
    for line in text.splitlines():
        n = sum(0 if unicodedata.combining(c) else
                2 if unicodedata.east_asian_width(c) in "WF" else 1
                for c in line.expandtabs(8))
        if n > 80:
            print("%s: %d columns: %s" % (path, n, line), file=sys.stderr)
            bad = 1
sys.exit(bad)' "$@"; then ok; else
		fail "a help has a line wider than 80 columns (above)"; fi
}

H=$T_TMP/help
mkdir "$H"
run --help
expect_rc 0 "cronkeep --help"
cp "$OUT" "$H/cronkeep"
CMDS=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }' "$OUT")
n=$(printf '%s\n' $CMDS | wc -l | tr -d ' ')
if [ "$n" -ge 20 ]; then ok; else
	fail "cronkeep --help lists $n commands: $CMDS"; fi
# The completion knows the same commands.
run completion bash
for c in $CMDS; do
	expect_out_has "(^|[ \"'])$c([ \"']|\$)" "completion offers $c"
done

for c in $CMDS; do
	run "$c" --help
	expect_rc 0 "cronkeep $c --help"
	cp "$OUT" "$H/$c"
	run help "$c"
	if cmp -s "$OUT" "$H/$c"; then ok; else
		fail "cronkeep help $c differs from cronkeep $c --help"; fi
done
narrow "$H"/*

finish
