#!/bin/sh
# SPDX-License-Identifier: ISC
# Display spoofing (issue 27, item 11): every text a terminal shows goes
# through one escaping function (cli_vis, output.c).  On a terminal (script
# gives a pty): export, the "skipped" warning, error messages echoing -u,
# -f and schedules show no raw ESC, BEL, CR; doc drops C1 controls and bidi
# overrides in Markdown and HTML.
. "$(dirname "$0")/lib.sh"

command -v script >/dev/null 2>&1 || skip "no script(1)"
ESC=$(printf '\033')
BEL=$(printf '\007')
CR=$(printf '\r')

# tty ARGS...: cronkeep on a pty, stdout and stderr in $OUT (CR LF -> LF).
tty() {
	_cmd="'$CRONKEEP'"
	for _a in "$@"; do
		_cmd="$_cmd '$(printf '%s' "$_a" | sed "s/'/'\\\\''/g")'"
	done
	RC=0
	script -qec "$_cmd" /dev/null > "$T_TMP/raw" 2>&1 || RC=$?
	sed "s/$CR\$//" "$T_TMP/raw" > "$OUT"
	: > "$ERR"
}
# clean DESCRIPTION: no ESC, BEL or CR reached the terminal.
clean() {
	if grep -q "[$ESC$BEL$CR]" "$OUT"; then
		fail "$1: a raw control character reached the terminal"
	else ok; fi
}

F=$T_TMP/crontab
printf '0 * * * * echo hi %s]52;c;aGk=%s %s[2J done%s fake\n' \
    "$ESC" "$BEL" "$ESC" "$CR" > "$F"
printf 'FOO=%s[31mred\n0 1 * * * echo two\n' "$ESC" >> "$F"

# export on a terminal: escaped, one line per line of the unit files.
tty -f "$F" export --to systemd
expect_rc 0 "export on a tty"
clean "export on a tty"
expect_out_has 'ExecStart=.*\\033]52;c;aGk=\\a \\033\[2J done\\r fake' \
    "export on a tty: the command escaped"
expect_out_has '^\[Service\]$' "export on a tty: lines kept"
# Piped (-o or a pipe) the files stay byte for byte.
run -f "$F" export --to systemd
if grep -q "$ESC\]52" "$OUT"; then ok; else fail "piped export changed the text"; fi

# The "skipped" warning names a file cron skips.
R=$T_TMP/root
mkdir -p "$R/etc/cron.d" "$R/var/spool/cron/crontabs"
printf 'SHELL=/bin/sh\n' > "$R/etc/crontab"
printf '0 * * * * root true\n' > "$R/etc/cron.d/x${ESC}]0;pwned${BEL}.bak"
tty --root "$R" -s list
clean "the skipped warning"
expect_out_has 'skipped' "the skipped warning is shown"
expect_out_has 'x\\033]0;pwned\\a\.bak' "the skipped warning: name escaped"

# Error messages echo -f, -u and schedules.
tty -f "$T_TMP/no${ESC}[2Jsuch" list
clean "an error naming -f"
expect_out_has 'no\\033\[2Jsuch' "an error naming -f: escaped"
tty --root "$R" -u "a/${ESC}[2J" list
expect_rc 2 "a bad -u"
clean "an error naming -u"
expect_out_has 'a/\\033\[2J' "an error naming -u: escaped"
tty -f "$F" set --id z "${ESC}[2J * * * *" -- true
clean "an error echoing a schedule"
expect_out_has '\\033\[2J' "an error echoing a schedule: escaped"
tty explain "1${ESC}]0;x${BEL} * * * *"
clean "explain of a hostile schedule"

# doc: C1 controls (U+009B CSI) and bidi overrides (U+202E, U+2066) are
# dropped from Markdown and HTML; other UTF-8 stays.
D=$T_TMP/doc.cron
printf '# caf\303\251 \342\200\256gnp.exe\n0 * * * * echo \302\233x \342\201\246y\342\201\251 \342\200\252z done\n' > "$D"
for fmt in md html; do
	run -f "$D" doc --format $fmt
	expect_rc 0 "doc $fmt"
	if LC_ALL=C grep -q "$(printf '\302\233')\|$(printf '\342\200[\252-\256]')\|$(printf '\342\201[\246-\251]')" "$OUT"; then
		fail "doc $fmt: a C1 control or bidi override is left"
	else ok; fi
	expect_out_has 'echo x y z done' "doc $fmt: the text around them stays"
done
finish
