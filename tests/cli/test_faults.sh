#!/bin/sh
# SPDX-License-Identifier: ISC
# Writes when things break.  A user's crontab through a crontab(1) stub
# (CRONKEEP_CRONTAB) that fails, hangs, is killed or prints garbage while
# listing or installing, or that someone else changes meanwhile; a file
# on a disk that fills up (a real 64 KiB tmpfs in a private mount
# namespace when root, and the failwrite LD_PRELOAD shim for write, fsync,
# close, rename and mkstemp everywhere).  In every case: a non-zero exit,
# a message that says what happened, the old crontab intact, nothing
# installed after a failed read, no temporary file left behind.
. "$(dirname "$0")/lib.sh"

# ---- a user's crontab through a stateful crontab(1) stub ----
# The stub keeps the crontab in $ST; $ST.mode picks a fault; every
# install is logged in $ST.log.
ST=$T_TMP/spool
cat > "$T_TMP/crontab" <<STUB
#!/bin/sh
[ "\$1" = -u ] && shift 2
mode=\$(cat "$ST.mode" 2>/dev/null)
if [ "\$1" = -l ]; then
	case \$mode in
	list-fail) echo "crontab: cannot read spool: Input/output error" >&2
		exit 1 ;;
	list-garbage) printf '\001\002\377garbage'; exit 2 ;;
	list-killed) head -c 40 "$ST"; kill -9 \$\$ ;;
	list-hang) exec sleep 30 ;;
	race) cat "$ST"; echo "# added by someone else" >> "$ST"
		rm -f "$ST.mode"; exit 0 ;;
	esac
	if [ -f "$ST" ]; then cat "$ST"; exit 0; fi
	echo "no crontab for alice" >&2
	exit 1
fi
case \$mode in
install-fail) echo "crontab: write error: No space left on device" >&2
	exit 1 ;;
install-hang) exec sleep 30 ;;
install-killed) kill -9 \$\$ ;;
install-garbage) printf '\001\002\377' >&2; exit 3 ;;
esac
cp "\$1" "$ST.new" && mv "$ST.new" "$ST" && echo installed >> "$ST.log"
STUB
chmod 755 "$T_TMP/crontab"
CRONKEEP_CRONTAB=$T_TMP/crontab
CRONKEEP_CRONTAB_TIMEOUT_MS=1000
export CRONKEEP_CRONTAB CRONKEEP_CRONTAB_TIMEOUT_MS

cat > "$T_TMP/orig" <<'TAB'
MAILTO=""
# cronkeep: backup
30 2 * * * /usr/local/bin/backup --full
@hourly echo hi
TAB
reset_spool() {
	cp "$T_TMP/orig" "$ST"
	rm -f "$ST.log" "$ST.mode"
	[ -z "${1:-}" ] || echo "$1" > "$ST.mode"
}
intact() {	# DESCRIPTION: the crontab is the original, nothing installed
	if cmp -s "$ST" "$T_TMP/orig"; then ok; else
		fail "$1: the crontab changed"; fi
	if [ -e "$ST.log" ]; then fail "$1: something was installed"; else
		ok; fi
}

# The stub works: set installs, once.
reset_spool
run -u alice set --id new '0 0 * * *' -- /bin/new
expect_rc 0 "set through the stub"
expect_out created "set created the job"
if [ "$(cat "$ST.log")" = installed ] && grep -q '^0 0 \* \* \* /bin/new$' "$ST" &&
    head -4 "$ST" | cmp -s - "$T_TMP/orig"; then ok; else
	fail "the job was not appended to the untouched crontab"; fi

# fault MODE RC STDERR-REGEX DESCRIPTION: each write command fails.
set -f	# the schedules below are split into words, never globbed
fault() {
	for cmd in "set --id new 0 0 * * * -- /bin/new" "remove --id backup" \
	    "disable --id backup"; do
		reset_spool "$1"
		start=$(date +%s)
		# shellcheck disable=SC2086
		run -u alice $cmd
		end=$(date +%s)
		expect_rc "$2" "$4 ($cmd)"
		expect_err_has "$3" "$4: message ($cmd)"
		expect_out_lacks "created|updated|removed" "$4: no success ($cmd)"
		intact "$4 ($cmd)"
		if [ $((end - start)) -lt 8 ]; then ok; else
			fail "$4: took $((end - start)) s"; fi
	done
}
# Never an empty read on a failed crontab -l: nothing is installed.
fault list-fail 69 "cannot read spool: Input/output error" "crontab -l fails"
fault list-garbage 69 "exit 2" "crontab -l prints garbage and fails"
fault list-killed 69 "killed by signal 9" "crontab -l killed mid-output"
fault list-hang 69 "did not finish within 1000 ms and was killed" \
	"crontab -l hangs"
# A failed install leaves the old crontab.
fault install-fail 69 "No space left on device" "crontab FILE fails"
fault install-hang 69 "did not finish within 1000 ms and was killed" \
	"crontab FILE hangs"
fault install-killed 69 "killed by signal 9" "crontab FILE killed"
fault install-garbage 69 "exit 3" "crontab FILE prints garbage and fails"

# No lost update: another writer between our read and our install.
reset_spool race
run -u alice set --id new '0 0 * * *' -- /bin/new
expect_rc 75 "a change since the read is a conflict"
expect_err_has "changed since it was read" "conflict message"
if [ "$(tail -1 "$ST")" = "# added by someone else" ] &&
    [ "$(wc -l < "$ST")" -eq 5 ] && [ ! -e "$ST.log" ]; then ok; else
	fail "the other writer's change was lost or ours installed"; fi

# ---- files on a full disk: the failwrite shim ----
FILE=$T_TMP/dir/crontab
mkdir -p "$T_TMP/dir"
# ASan wants to be first among the preloaded libraries; the shim is fine
# second.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
shim() {	# OP ERRNO-TEXT DESCRIPTION [AFTER]
	cp "$T_TMP/orig" "$FILE"
	chmod 640 "$FILE"
	RC=0
	FAILWRITE_OP=$1 FAILWRITE_PATH=/dir/ FAILWRITE_AFTER=${4:-0} \
	    LD_PRELOAD=$CK_FAILWRITE "$CRONKEEP" -f "$FILE" set --id new \
	    '0 0 * * *' -- /bin/new >"$OUT" 2>"$ERR" || RC=$?
	expect_rc 74 "$3: EX_IOERR"
	expect_err_has "$2" "$3: the system's reason"
	expect_out_lacks created "$3: no success"
	if cmp -s "$FILE" "$T_TMP/orig"; then ok; else
		fail "$3: the file changed"; fi
	if [ "$(ls -A "$T_TMP/dir")" = crontab ]; then ok; else
		fail "$3: left behind: $(ls -A "$T_TMP/dir" | tr '\n' ' ')"; fi
	if [ "$(stat -c %a "$FILE")" = 640 ]; then ok; else
		fail "$3: mode changed"; fi
}
[ -n "${CK_FAILWRITE:-}" ] && [ -f "$CK_FAILWRITE" ] ||
	skip "CK_FAILWRITE does not name the built shim"
shim write "No space left on device" "write fails at once"
shim write "No space left on device" "disk fills after 50 bytes" 50
shim fsync "No space left on device" "fsync fails"
shim close "No space left on device" "close reports a delayed error"
shim rename "No space left on device" "rename fails"
shim mkstemp "No space left on device" "no room for the temporary file"
FAILWRITE_ERRNO=5 shim write "Input/output error" "an I/O error"

# --backup on a full disk: the backup fails first, nothing is written.
cp "$T_TMP/orig" "$FILE"
RC=0
FAILWRITE_OP=write FAILWRITE_PATH=/dir/ LD_PRELOAD=$CK_FAILWRITE \
    "$CRONKEEP" -f "$FILE" --backup "$T_TMP/dir/crontab.bak" set --id new \
    '0 0 * * *' -- /bin/new >"$OUT" 2>"$ERR" || RC=$?
expect_rc 74 "backup on a full disk"
expect_err_has "cannot write the backup" "backup message"
if cmp -s "$FILE" "$T_TMP/orig"; then ok; else
	fail "backup failure: the crontab changed"; fi
rm -f "$T_TMP/dir/crontab.bak"

# The shim really is in the way: without a fault the same write works.
cp "$T_TMP/orig" "$FILE"
RC=0
FAILWRITE_OP= LD_PRELOAD=$CK_FAILWRITE "$CRONKEEP" -f "$FILE" set \
    --id new '0 0 * * *' -- /bin/new >"$OUT" 2>"$ERR" || RC=$?
expect_rc 0 "the shim without a fault"
expect_out created "the shim without a fault writes"

# ---- a real full disk: 64 KiB of tmpfs in a private mount namespace ----
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null 2>&1 ||
    ! unshare -m true 2>/dev/null; then
	printf 'note: not root or no unshare -m: tmpfs case not run\n' >&2
	finish
	exit $?
fi
i=0
: > "$T_TMP/big"
while [ $i -lt 1000 ]; do
	printf '%d * * * * /usr/bin/job-%06d --x\n' $((i % 60)) $i
	i=$((i + 1))
done > "$T_TMP/big"
mkdir "$T_TMP/small"
RC=0
unshare -m sh -c '
	mount --make-rprivate / &&
	mount -t tmpfs -o size=64k tmpfs "$1" || exit 99
	cp "$2" "$1/crontab"
	"$3" -f "$1/crontab" set --id new "0 0 * * *" -- /bin/new >"$4" 2>"$5"
	echo $? > "$6"
	cmp -s "$2" "$1/crontab" && echo same > "$7"
	ls -A "$1" >> "$7"
' sh "$T_TMP/small" "$T_TMP/big" "$CRONKEEP" "$OUT" "$ERR" "$T_TMP/rc" \
    "$T_TMP/after" || RC=$?
if [ "$RC" -eq 99 ]; then
	printf 'note: cannot mount tmpfs: tmpfs case not run\n' >&2
else
	RC=$(cat "$T_TMP/rc")
	expect_rc 74 "a real full disk"
	expect_err_has "No space left on device" "full disk message"
	if [ "$(cat "$T_TMP/after")" = "$(printf 'same\ncrontab')" ]; then ok
	else fail "full disk: $(cat "$T_TMP/after" | tr '\n' ' ')"; fi
fi

finish
