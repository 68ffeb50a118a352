# SPDX-License-Identifier: ISC
# test_write_safety.sh - writing never loses anything: no lost updates
# between parallel writers, a conflicting change is refused, kill -9 at
# any moment leaves the old or the new file, a failing crontab(1) leaves
# the old crontab, and the real crontab(1) of a throwaway user is written
# through an argument vector.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/tab
CK_USER=

cleanup() {
	if [ -n "$CK_USER" ]; then
		rm -f "/run/cronkeep/crontab-$CK_USER.lock"
		crontab -u "$CK_USER" -r >/dev/null 2>&1
		userdel "$CK_USER" >/dev/null 2>&1
	fi
	rm -rf "$T_TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

same() {
	if cmp -s "$1" "$2"; then ok; else fail "$3: $1 differs from $2"; fi
}

# wait_paused ERRFILE: wait (up to 10 s) for the fault hook's message.
wait_paused() {
	_n=0
	while ! grep -q 'paused:' "$1" 2>/dev/null; do
		_n=$((_n + 1))
		[ $_n -gt 1000 ] && return 1
		sleep 0.01
	done
	return 0
}

# ---- no lost updates: 8 parallel sets with different ids ----
# par_round TARGET-ARGS...: 8 writers at once; each one either landed or
# reported a conflict (75); never a silent loss.
par_round() {
	for i in 1 2 3 4 5 6 7 8; do
		( rc=0; "$CRONKEEP" "$@" set --id "job$i" @daily -- echo "$i" \
		    >"$D/out$i" 2>"$D/err$i" || rc=$?; echo "$rc" >"$D/rc$i" ) &
	done
	wait
}
par_check() {
	_text=$1
	_what=$2
	_landed=0
	for i in 1 2 3 4 5 6 7 8; do
		rc=$(cat "$D/rc$i")
		if [ "$rc" -eq 0 ]; then
			if grep -qx "# cronkeep: job$i" "$_text" &&
			    grep -qx "@daily echo $i" "$_text"; then
				_landed=$((_landed + 1))
			else
				fail "$_what: job$i reported success but is lost"
				return
			fi
		elif [ "$rc" -eq 75 ]; then
			grep -q "changed" "$D/err$i" ||
				fail "$_what: job$i exit 75 without saying why"
		else
			fail "$_what: job$i exit $rc: $(cat "$D/err$i")"
			return
		fi
	done
	ok
	LANDED=$_landed
}

for round in 1 2 3 4 5; do
	printf 'MAILTO=root\n' > "$F"
	par_round -f "$F"
	par_check "$F" "file round $round"
	# flock serialises writers of a file: all 8 land.
	[ "$LANDED" -eq 8 ] && ok || fail "file round $round: $LANDED of 8"
	n=$(grep -c '^# cronkeep: job' "$F")
	[ "$n" -eq "$LANDED" ] && ok || fail "round $round: $n markers"
done

# ---- a change made between read and write is a conflict ----
printf '# cronkeep: a\n0 1 * * * a\n' > "$F"
RC=0
CRONKEEP_FAULT_PAUSE_MS=3000 "$CRONKEEP" -f "$F" set --id b @daily -- b \
    >"$OUT" 2>"$ERR" &
pid=$!
if wait_paused "$ERR"; then ok; else fail "the pause hook never ran"; fi
# Someone else (not cronkeep: no lock) edits the file meanwhile.
printf '# cronkeep: a\n0 1 * * * a\n# hand edit\n' > "$D/theirs"
cat "$D/theirs" > "$F"
wait "$pid" || RC=$?
expect_rc 75 "conflicting change: EX_TEMPFAIL"
expect_err_has "changed" "the conflict is explained"
same "$F" "$D/theirs" "the other change is kept, nothing written"

# ---- kill -9 during a write: the old or the new file, never a mix ----
# A file big enough that writing it takes a while.
awk 'BEGIN { for (i = 0; i < 40000; i++)
	printf "%d %d * * * /usr/bin/job --number %d\n", i % 60, i % 24, i }' \
    > "$D/old"
cp "$D/old" "$D/newf"
"$CRONKEEP" -f "$D/newf" set --id killed @daily -- kill-test >/dev/null
cmp -s "$D/old" "$D/newf" && fail "set did not change the copy"
# At the pause hook: the temporary file is complete, not yet renamed.
cp "$D/old" "$F"
CRONKEEP_FAULT_PAUSE_MS=5000 "$CRONKEEP" -f "$F" set --id killed @daily -- \
    kill-test >/dev/null 2>"$ERR" &
pid=$!
wait_paused "$ERR" || fail "no pause before the rename"
kill -9 "$pid"
wait "$pid" 2>/dev/null
same "$F" "$D/old" "killed before the rename: the old file"
# At varying moments.
olds=0
news=0
# Delays spread over a whole run (measured, in milliseconds).
t0=$(date +%s%N)
cp "$D/old" "$D/timed"
"$CRONKEEP" -f "$D/timed" set --id killed @daily -- kill-test >/dev/null
span=$(( ($(date +%s%N) - t0) / 1000000 + 20 ))
for i in $(seq 1 40); do
	cp "$D/old" "$F"
	"$CRONKEEP" -f "$F" set --id killed @daily -- kill-test \
	    >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' $(( (i * 7919) % span % 1000 )))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if cmp -s "$F" "$D/old"; then
		olds=$((olds + 1))
	elif cmp -s "$F" "$D/newf"; then
		news=$((news + 1))
	else
		fail "kill -9 round $i left a file that is neither old nor new"
		break
	fi
done
[ $((olds + news)) -eq 40 ] && ok
printf 'kill -9: %d old, %d new\n' "$olds" "$news"
# Stale temporaries are dot files, which cron ignores; never the target.
find "$D" -maxdepth 1 -name '.tab.*' -exec rm -f {} +

# ---- crontab(1) failing: the old crontab stays, the temp file goes, the
# error carries crontab's own message ----
mkdir "$D/stage"
cat > "$D/stub" <<'EOF'
#!/bin/sh
# A crontab(1) whose installs fail: -l prints $STUB_TAB.
for a; do last=$a; done
if [ "$last" = "-l" ]; then cat "$STUB_TAB"; exit 0; fi
echo "crontab: write error: No space left on device" >&2
exit 1
EOF
chmod +x "$D/stub"
printf '# cronkeep: a\n0 1 * * * a\n' > "$D/stubtab"
cp "$D/stubtab" "$D/before"
STUB_TAB=$D/stubtab CRONKEEP_CRONTAB=$D/stub TMPDIR=$D/stage \
    run set --id b @daily -- b
if [ "$RC" -ne 0 ]; then ok; else fail "a failed crontab(1) reported success"; fi
expect_err_has "No space left on device" "crontab's message is shown"
same "$D/stubtab" "$D/before" "the old crontab stays"
n=$(ls -A "$D/stage" | wc -l)
[ "$n" -eq 0 ] && ok || fail "$n temporary files left after a failed install"

# ---- the real crontab(1), for a throwaway user ----
if [ "$(id -u)" -ne 0 ]; then
	skip "crontab(1) tests need root (to create a throwaway user)"
fi
command -v crontab >/dev/null 2>&1 || skip "crontab(1) is not installed"
command -v useradd >/dev/null 2>&1 || skip "useradd is not installed"
CK_USER=ckw$$
useradd -M -N -s /bin/sh "$CK_USER" || { CK_USER=; skip "useradd failed"; }

run -u "$CK_USER" set --id hello '*/5 * * * *' -- echo "it's me"
expect_rc 0 "set through crontab(1)"
expect_out created "created in an empty crontab"
crontab -u "$CK_USER" -l > "$D/got" 2>&1
printf "# cronkeep: hello\n*/5 * * * * echo it's me\n" > "$D/want"
same "$D/got" "$D/want" "crontab -l shows the job"
run -u "$CK_USER" set --id hello '*/5 * * * *' -- echo "it's me"
expect_out unchanged "second set through crontab(1) is unchanged"
run -u "$CK_USER" disable --id hello
expect_out disabled "disable through crontab(1)"
crontab -u "$CK_USER" -l > "$D/got" 2>&1
printf "# cronkeep: hello\n#*/5 * * * * echo it's me\n" > "$D/want"
same "$D/got" "$D/want" "disabled in the real crontab"
run -u "$CK_USER" remove --id hello
expect_out "removed 1" "remove through crontab(1)"
crontab -u "$CK_USER" -l > "$D/got" 2>&1
[ ! -s "$D/got" ] && ok || fail "crontab not empty: $(cat "$D/got")"

# crontab(1) refusing the text: its message, the old crontab kept.
printf '# cronkeep: keep\n0 1 * * * keep\n' | crontab -u "$CK_USER" -
printf '0 1 * * * fine\n' > "$D/new"
CRONKEEP_CRONTAB=$D/stub STUB_TAB=$D/stubtab run -u "$CK_USER" install \
    "$D/new"
expect_err_has "No space left on device" "install: crontab's message"
crontab -u "$CK_USER" -l > "$D/got" 2>&1
printf '# cronkeep: keep\n0 1 * * * keep\n' > "$D/want"
same "$D/got" "$D/want" "real crontab untouched by the failed install"

# Parallel writers through crontab(1): each lands or reports a conflict.
for round in 1 2 3; do
	crontab -u "$CK_USER" -r >/dev/null 2>&1
	par_round -u "$CK_USER"
	crontab -u "$CK_USER" -l > "$D/got" 2>/dev/null
	par_check "$D/got" "crontab(1) round $round"
	printf 'crontab(1) round %d: %d of 8 landed\n' "$round" "$LANDED"
done

finish
