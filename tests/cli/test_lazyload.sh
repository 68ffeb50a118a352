#!/bin/sh
# test_lazyload.sh - SQLite and readline are not linked into cronkeep: the
# commands that need them dlopen(3) them (history, exec, list --status:
# SQLite; the shell on a terminal: readline, see test_shell.sh), and the
# others never load them.  A SQLite that cannot be loaded is reported
# with the library's name and the loader's reason.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
export CRONKEEP_HISTORY_DB=$D/history.db
printf '%s\n' '# cronkeep: a' '0 3 * * * /bin/true' > "$D/tab"

# loaded ARGS...: run cronkeep (standard input /dev/null) with
# LD_DEBUG=libs; $D/libs gets the libraries the dynamic loader initialised,
# in this process and in any it started.
loaded() {
	rm -f "$D"/ld.*
	RC=0
	LD_DEBUG=libs LD_DEBUG_OUTPUT=$D/ld "$CRONKEEP" "$@" \
	    </dev/null >"$OUT" 2>"$ERR" || RC=$?
	cat "$D"/ld.* 2>/dev/null | sed -n 's/.*calling init: //p' > "$D/libs"
}
has_lib() {
	if grep -q "/$1[^/]*\$" "$D/libs"; then ok; else
		fail "$2: $1 was not loaded; loaded: $(tr '\n' ' ' < "$D/libs")"
	fi
}
lacks_lib() {
	if grep -q "/$1[^/]*\$" "$D/libs"; then
		fail "$2: $1 was loaded"
	else ok; fi
}

# The loader must say what it loads (glibc does; others may not).
loaded --version
grep -q '/libc\.so' "$D/libs" ||
    skip "LD_DEBUG=libs does not list the loaded libraries here"
expect_rc 0 "--version"

# ---- commands without history or line editing load neither ----
for cmd in --version "check -f $D/tab" "show -f $D/tab" "list -f $D/tab" \
    "-f $D/tab next --id a" "-f $D/tab shell"; do
	# shellcheck disable=SC2086	# the words of $cmd
	loaded $cmd
	expect_rc 0 "$cmd"
	lacks_lib libsqlite3 "$cmd"
	lacks_lib libreadline "$cmd"
	lacks_lib libtinfo "$cmd"
done

# ---- the history commands load SQLite, and only SQLite ----
loaded history
expect_rc 0 "history"
has_lib libsqlite3 "history"
lacks_lib libreadline "history"
loaded exec --id a -- true
expect_rc 0 "exec"
has_lib libsqlite3 "exec"
loaded -f "$D/tab" list --status
expect_rc 0 "list --status"
has_lib libsqlite3 "list --status"
lacks_lib libreadline "list --status"

# ---- a SQLite that cannot be loaded ----
# The loader searches LD_LIBRARY_PATH before the system's directories, so
# a file there named libsqlite3.so.0 is what dlopen(3) gets: one that is
# no library at all, and a library without SQLite's functions.
mkdir "$D/garbage" "$D/nosym"
echo 'not a library' > "$D/garbage/libsqlite3.so.0"
cp "$CK_FAKELIB" "$D/nosym/libsqlite3.so.0"

# with_libs DIR ARGS...: run cronkeep with DIR first in the search path.
with_libs() {
	_dir=$1
	shift
	RC=0
	LD_LIBRARY_PATH=$_dir "$CRONKEEP" "$@" </dev/null >"$OUT" 2>"$ERR" ||
	    RC=$?
}

with_libs "$D/garbage" history
expect_rc 66 "history without a loadable SQLite: EX_NOINPUT"
expect_err_has "^cronkeep: the run history needs SQLite: cannot load libsqlite3\\.so\\.0: $D/garbage/libsqlite3\\.so\\.0: " \
    "the library and the loader's reason"
[ "$(wc -l < "$ERR")" -eq 1 ] && ok || fail "one line on stderr"
expect_out_empty "history: nothing on stdout"

with_libs "$D/nosym" history
expect_rc 66 "history with a library lacking SQLite's functions"
expect_err_has '^cronkeep: the run history needs SQLite: cannot load libsqlite3\.so\.0, function sqlite3_open_v2: .*undefined symbol: sqlite3_open_v2' \
    "the first missing function is named"

# exec cannot record the run: it does not run the job (EX_CANTCREAT), as
# when the database itself cannot be opened.
with_libs "$D/garbage" exec --id a -- touch "$D/ran"
expect_rc 73 "exec without SQLite: EX_CANTCREAT"
expect_err_has '^cronkeep: the run history needs SQLite: cannot load libsqlite3\.so\.0' \
    "exec says why"
[ ! -e "$D/ran" ] && ok || fail "exec without a history does not run the job"

with_libs "$D/garbage" -f "$D/tab" list --status
expect_rc 66 "list --status without SQLite"
expect_err_has 'needs SQLite: cannot load libsqlite3\.so\.0' "list --status says why"

# The commands that do not need SQLite are not affected by it.
with_libs "$D/garbage" -f "$D/tab" list
expect_rc 0 "list without SQLite"
expect_err_empty "list: no word about SQLite"
expect_out_has '^.*tab:2 +0 3 \* \* \* +a +yes +/bin/true$' "list lists"
with_libs "$D/garbage" check -f "$D/tab"
expect_rc 0 "check without SQLite"
expect_err_lacks 'SQLite' "check: no word about SQLite"

finish
