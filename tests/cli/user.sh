# SPDX-License-Identifier: ISC
# user.sh - a throwaway user for the end-to-end tests that need one (the
# real crontab(1), files another user cannot read).  Source it after
# lib.sh; then `need_user` creates $CK_USER (or skips the script when not
# root or without useradd), and the user, its crontab and $T_TMP go at exit.

CK_USER=

_ck_user_cleanup() {
	if [ -n "$CK_USER" ]; then
		crontab -u "$CK_USER" -r >/dev/null 2>&1
		userdel "$CK_USER" >/dev/null 2>&1
		rm -f "/run/cronkeep/crontab-$CK_USER.lock"
	fi
	rm -rf "$T_TMP"
}
trap _ck_user_cleanup EXIT
trap 'exit 1' INT TERM HUP

need_user() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to create a throwaway user"
	command -v useradd >/dev/null 2>&1 || skip "needs useradd"
	command -v runuser >/dev/null 2>&1 || skip "needs runuser"
	CK_USER=ckt$$
	useradd -M -N -s /bin/sh "$CK_USER" ||
		{ CK_USER=; skip "useradd failed"; }
	# The user must be able to reach the binary and the test files.  The
	# build folder may be private to root (a clone under /root, or in a
	# mktemp -d folder as .ci/run's meson dist check does): the user runs
	# a copy of the binary (the library is linked in).
	chmod 755 "$T_TMP"
	CK_USER_EXE=$T_TMP/cronkeep
	cp "$CRONKEEP" "$CK_USER_EXE" && chmod 755 "$CK_USER_EXE" ||
		{ echo "cannot copy $CRONKEEP" >&2; exit 1; }
}

# as_user ARGS...: run cronkeep as $CK_USER, like run().
as_user() {
	RC=0
	runuser -u "$CK_USER" -- "$CK_USER_EXE" "$@" >"$OUT" 2>"$ERR" || RC=$?
}

# expect_no_out DESCRIPTION: stdout is empty (not even a newline).
expect_no_out() {
	if [ -s "$OUT" ]; then fail "$1: stdout not empty"; else ok; fi
}
