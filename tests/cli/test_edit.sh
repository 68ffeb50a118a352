# test_edit.sh - cronkeep edit: $VISUAL/$EDITOR with arguments, the path
# never parsed by a shell, a private temporary file, "no changes", errors
# shown and a second edit offered on the terminal, only valid crontabs
# installed.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/tab
unset VISUAL EDITOR

same() {
	if cmp -s "$1" "$2"; then ok; else
		fail "$3: $1 differs from $2"
		diff "$2" "$1" >&2
	fi
}

# An "editor": records its arguments and the file's mode, then edits the
# file with sed.
cat > "$D/ed" <<'EOF'
#!/bin/sh
# usage: ed [--flag] FILE   (the sed script comes from $ED_SED)
if [ "$1" = "--flag" ]; then echo flag > "$ED_LOG.flag"; shift; fi
[ $# -eq 1 ] || { echo "editor got $# arguments" >&2; exit 9; }
printf '%s\n' "$1" > "$ED_LOG"
stat -c '%a %U' "$1" >> "$ED_LOG"
sed -i -e "$ED_SED" "$1"
EOF
chmod +x "$D/ed"
export ED_LOG="$D/edlog" ED_SED='s/^0 1 /30 2 /'

printf 'A=1\n# cronkeep: j\n0 1 * * * job\n' > "$F"

# ---- an editor with an argument, through $EDITOR ----
EDITOR="$D/ed --flag" run -f "$F" edit
expect_rc 0 "edit with \$EDITOR"
expect_out installed "says installed"
printf 'A=1\n# cronkeep: j\n30 2 * * * job\n' > "$D/want"
same "$F" "$D/want" "the edit was installed"
[ -e "$ED_LOG.flag" ] && ok || fail "the editor's own argument was lost"
tmp=$(sed -n 1p "$ED_LOG")
mode=$(sed -n 2p "$ED_LOG")
[ "$mode" = "600 $(id -un)" ] && ok || fail "temporary file is '$mode'"
[ ! -e "$tmp" ] && ok || fail "temporary file $tmp left behind"

# ---- $VISUAL wins over $EDITOR ----
ED_SED='s/^30 2 /45 3 /' VISUAL="$D/ed" EDITOR=false run -f "$F" edit
expect_out installed "\$VISUAL is used before \$EDITOR"
grep -q '^45 3 ' "$F" && ok || fail "VISUAL's edit missing"

# ---- the path is an argument, never shell text ----
weird="$D/t m;p \$(touch $D/pwned) \`touch $D/pwned2\`"
mkdir -p "$weird"
ED_SED='s/^45 3 /5 4 /' EDITOR="$D/ed" TMPDIR="$weird" run -f "$F" edit
expect_out installed "edit with a temp dir full of shell syntax"
[ ! -e "$D/pwned" ] && [ ! -e "$D/pwned2" ] && ok ||
	fail "a path went through a shell"
case $(sed -n 1p "$ED_LOG") in
"$weird"/crontab.*) ok ;;
*) fail "editor got '$(sed -n 1p "$ED_LOG")'" ;;
esac
[ -z "$(ls -A "$weird")" ] && ok || fail "temp file left in $weird"

# ---- nothing changed: "no changes", nothing written ----
s1=$(stat -c '%i %.9Y' "$F")
EDITOR=true run -f "$F" edit
expect_rc 0 "unchanged edit"
expect_out "no changes" "says no changes"
[ "$s1" = "$(stat -c '%i %.9Y' "$F")" ] && ok || fail "no-change edit wrote"

# ---- the editor fails: nothing installed ----
cp "$F" "$D/before"
EDITOR="sh -c 'echo x >> \"\$0\"; exit 3'" run -f "$F" edit
expect_rc 1 "failing editor"
expect_err_has "failed \\(exit 3\\); nothing installed" "says the editor failed"
same "$F" "$D/before" "failed edit installed nothing"

# ---- errors and no terminal: shown, nothing installed ----
command -v setsid >/dev/null 2>&1 || skip "needs setsid(1)"
RC=0
ED_SED='s/^5 4 /61 4 /' EDITOR="$D/ed" setsid -w "$CRONKEEP" -f "$F" edit \
    </dev/null >"$OUT" 2>"$ERR" || RC=$?
expect_rc 65 "invalid edit without a terminal"
expect_err_has "crontab\\.[A-Za-z0-9]+:3:1: error: minute 61 out of range 0-59 \\[CK009\\]" \
    "the problem with its position and code"
expect_err_has "no terminal to ask" "says why it does not ask"
same "$F" "$D/before" "invalid edit installed nothing"

# ---- errors, then "edit again?" answered on a terminal (a pty) ----
command -v script >/dev/null 2>&1 || skip "needs script(1) for a pty"
# First run writes a bad line, the second a good one.
cat > "$D/ed2" <<'EOF'
#!/bin/sh
n=$(cat "$ED_COUNT" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$ED_COUNT"
if [ "$n" -eq 1 ]; then
	echo '99 * * * * broken' >> "$1"
else
	sed -i -e 's/^99 \* \* \* \* broken$/15 * * * * fixed/' "$1"
fi
EOF
chmod +x "$D/ed2"
export ED_COUNT="$D/count"
rm -f "$ED_COUNT"
RC=0
printf 'y\n' | EDITOR="$D/ed2" script -qec "\"$CRONKEEP\" -f \"$F\" edit" \
    /dev/null >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "bad edit, 'y', good edit"
expect_out_has "minute 99 out of range" "the error is shown"
expect_out_has "Edit again\\? \\[y/n\\]" "the question is asked"
expect_out_has "installed" "then installed"
[ "$(cat "$ED_COUNT")" -eq 2 ] && ok || fail "editor ran $(cat "$ED_COUNT") times"
tail -n 1 "$F" > "$D/last"
printf '15 * * * * fixed\n' > "$D/want"
same "$D/last" "$D/want" "the corrected text was installed"

# Answer no: nothing installed.
cp "$F" "$D/before"
rm -f "$ED_COUNT"
RC=0
printf 'n\n' | EDITOR="$D/ed2" script -qec "\"$CRONKEEP\" -f \"$F\" edit" \
    /dev/null >"$OUT" 2>"$ERR" || RC=$?
expect_out_has "nothing installed" "'n' installs nothing"
same "$F" "$D/before" "crontab unchanged after 'n'"
[ "$(cat "$ED_COUNT")" -eq 1 ] && ok || fail "editor ran again after 'n'"

# ---- a change behind the editor's back: conflict, the edit is kept ----
cat > "$D/ed3" <<'EOF'
#!/bin/sh
echo '@hourly mine' >> "$1"
echo '# someone else' >> "$TARGET"
EOF
chmod +x "$D/ed3"
cp "$F" "$D/before"
TARGET=$F EDITOR="$D/ed3" run -f "$F" edit
expect_rc 75 "conflict while editing"
expect_err_has "kept in .*crontab\\." "says where the edit is"
kept=$(sed -n 's/.*kept in \(.*\)$/\1/p' "$ERR")
grep -q '@hourly mine' "$kept" && ok || fail "the edit was not kept"
rm -f "$kept"
grep -q '# someone else' "$F" && ok || fail "the other change was lost"

# ---- --dry-run shows the diff and installs nothing ----
cp "$F" "$D/before"
ED_SED='s/^A=1$/A=2/' EDITOR="$D/ed" run -f "$F" -n edit
expect_rc 0 "dry-run edit"
expect_out_has "^-A=1$" "diff shows the old line"
expect_out_has "^\\+A=2$" "and the new one"
same "$F" "$D/before" "dry-run edit installed nothing"

finish
