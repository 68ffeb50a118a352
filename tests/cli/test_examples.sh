#!/bin/sh
# SPDX-License-Identifier: ISC
# The C examples in docs/examples build against the INSTALLED library and
# its pkg-config file, and do what they say on a temporary crontab.
. "$(dirname "$0")/lib.sh"

command -v cc >/dev/null || skip "no C compiler"
command -v pkg-config >/dev/null || skip "no pkg-config"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DEST=$T_TMP/dest
meson install -C "$CK_BUILD" --no-rebuild --destdir "$DEST" >"$T_TMP/install.log" 2>&1 || {
	cat "$T_TMP/install.log" >&2; fail "meson install"; finish; }
pc=$(find "$DEST" -name cronkeep.pc | head -1)
[ -n "$pc" ] && ok || { fail "no installed cronkeep.pc"; finish; }
export PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_SYSROOT_DIR=$DEST
libdir=$(dirname "$(find "$DEST" -name 'libcronkeep.so*' | head -1)")
export LD_LIBRARY_PATH=$libdir

# A library built with sanitizers needs programs built with them too.
san=
case "${CK_SANITIZE:-none}" in
none|"") ;;
*) san="-fsanitize=$CK_SANITIZE" ;;
esac
for ex in list_jobs add_job next_runs remove_jobs; do
	# shellcheck disable=SC2046
	if cc -std=c99 -Wall -Wextra -Werror $san -o "$T_TMP/$ex" "$SRC/docs/examples/$ex.c" \
	    $(pkg-config --cflags --libs cronkeep) 2>"$T_TMP/cc.log"; then ok; else
		cat "$T_TMP/cc.log" >&2; fail "compile $ex"; fi
done

# add_job: created, unchanged (no rewrite), updated.
printf '# keep me\nMAILTO=""\n0 1 * * * /bin/other\n' > "$T_TMP/tab"
"$T_TMP/add_job" "$T_TMP/tab" backup '30 2 * * *' '/usr/local/bin/backup' > "$OUT" 2>"$ERR"
expect_out created "add_job creates"
ino=$(stat -c %i "$T_TMP/tab")
"$T_TMP/add_job" "$T_TMP/tab" backup '30 2 * * *' '/usr/local/bin/backup' > "$OUT" 2>"$ERR"
expect_out unchanged "add_job is idempotent"
[ "$(stat -c %i "$T_TMP/tab")" = "$ino" ] && ok || fail "unchanged must not rewrite the file"
"$T_TMP/add_job" "$T_TMP/tab" backup '0 3 * * *' '/usr/local/bin/backup' > "$OUT" 2>"$ERR"
expect_out updated "add_job updates"
head -3 "$T_TMP/tab" > "$T_TMP/head"
printf '# keep me\nMAILTO=""\n0 1 * * * /bin/other\n' | cmp -s - "$T_TMP/head" && ok || fail "other lines kept"

# list_jobs sees it, with its description.
"$T_TMP/list_jobs" "$T_TMP/tab" > "$OUT" 2>"$ERR"
expect_out_has '^5	0 3 \* \* \*	backup	/usr/local/bin/backup	at 03:00 every day$' "list_jobs"

# remove_jobs: remove_all(command=...) and a crontab-wide MAILTO.
printf '# mine\n0 1 * * * /opt/old/a\n# cronkeep: k\n5 * * * * /bin/keep\n*/2 * * * * /opt/old/b\n' > "$T_TMP/rm"
"$T_TMP/remove_jobs" "$T_TMP/rm" '^/opt/old/' ops@example.org > "$OUT" 2>"$ERR"
expect_out 2 "remove_jobs removes both"
printf '# mine\nMAILTO=ops@example.org\n# cronkeep: k\n5 * * * * /bin/keep\n' | cmp -s - "$T_TMP/rm" && ok || fail "remove_jobs result"
ino=$(stat -c %i "$T_TMP/rm")
"$T_TMP/remove_jobs" "$T_TMP/rm" '^/opt/old/' ops@example.org > "$OUT" 2>"$ERR"
expect_out 0 "remove_jobs again removes nothing"
[ "$(stat -c %i "$T_TMP/rm")" = "$ino" ] && ok || fail "nothing changed: no rewrite"
"$T_TMP/remove_jobs" "$T_TMP/rm" '(' x > "$OUT" 2>"$ERR"
[ $? -eq 1 ] && ok || fail "remove_jobs: bad ERE exits 1"
expect_err_has 'bad command regular expression' "remove_jobs names the bad ERE"

# next_runs in a real zone from a fixed instant (2024-01-01 00:00 UTC).
"$T_TMP/next_runs" '0 9 * * mon-fri' Europe/Berlin 3 1704067200 > "$OUT" 2>"$ERR"
expect_out_has '^2024-01-01 09:00 Mon CET$' "next_runs first"
expect_out_has '^2024-01-03 09:00 Wed CET$' "next_runs third"

finish
