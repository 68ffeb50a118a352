# SPDX-License-Identifier: ISC
# test_hashed.sh - hashed times (H): set, explain and next resolve H, H/N,
# H(A-B) and H(A-B)/N to plain cron with the documented hash (a Python
# reference below computes the expected values), keep the request in the
# marker's note, and re-resolve it without drifting.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/tab

# ref HOST OWNER ID SCHEDULE: the resolved schedule, per docs/cronkeep.1
# (HASHED TIMES), computed here independently of the C code.
ref() {
	python3 - "$@" <<'PY'
import sys
def fnv(data, h=0xcbf29ce484222325):
    for c in data:
        h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
    return h
host, owner, id, sched = (a.encode() for a in sys.argv[1:5])
k = fnv(host + b"\0" + owner + b"\0" + id)
LO = [(0, 59), (0, 23), (1, 28), (1, 12), (0, 6)]
out = []
for f, field in enumerate(sched.decode().split()):
    els = []
    for el in field.split(","):
        if not el.startswith("H"):
            els.append(el); continue
        lo, hi = LO[f]; step = 0; rest = el[1:]
        if rest.startswith("("):
            a, b = rest[1:rest.index(")")].split("-"); lo, hi = int(a), int(b)
            rest = rest[rest.index(")") + 1:]
        if rest.startswith("/"): step = int(rest[1:])
        h = fnv(bytes([0, ord("0") + f]), k)
        if not step: els.append(str(lo + h % (hi - lo + 1))); continue
        first = lo + h % min(step, hi - lo + 1)
        els.append(",".join(str(v) for v in range(first, hi + 1, step)))
    out.append(",".join(els))
print(" ".join(out))
PY
}

# ---- H H * * * for three ids: three schedules, as the reference says ----
for id in alpha beta gamma; do
	run -f "$F" set --id "$id" --host web1 'H H * * *' -- /bin/echo "$id"
	expect_out created "set $id with H creates"
	want=$(ref web1 "" "$id" 'H H * * *')
	if grep -qxF "$want /bin/echo $id" "$F"; then ok; else
		fail "$id: want '$want' in $(cat "$F")"; fi
done
n=$(grep -c '^[0-9]' "$F")
[ "$n" -eq 3 ] && ok || fail "three job lines, got $n"
grep -q '^# cronkeep: alpha \[H H \* \* \* key=[0-9a-f]\{16\}\]$' "$F" &&
    ok || fail "the marker keeps the request: $(head -1 "$F")"
if grep '^[0-9]' "$F" | grep -q H; then
	fail "a job line still has H"; else ok; fi

# The same again: unchanged, nothing written; on another machine with the
# same host name (a fresh file): the same lines.
cp "$F" "$D/before"
for id in alpha beta gamma; do
	run -f "$F" set --id "$id" --host web1 'H H * * *' -- /bin/echo "$id"
	expect_out unchanged "set $id again is unchanged"
done
cmp -s "$F" "$D/before" && ok || fail "second run changed the file"
for id in gamma alpha beta; do
	run -f "$D/other" set --id "$id" --host web1 H H '*' '*' '*' -- \
	    /bin/echo "$id"
done
for id in alpha beta gamma; do
	a=$(grep "echo $id\$" "$F")
	b=$(grep "echo $id\$" "$D/other")
	[ "$a" = "$b" ] && ok || fail "$id: '$a' here, '$b' there"
done

# Renamed host: the kept key holds the time where it is.
run -f "$F" set --id alpha --host web2 'H H * * *' -- /bin/echo alpha
expect_out unchanged "a renamed host does not move the job"
# --seed overrides: the key is the seed's hash.
run -f "$F" set --id alpha --seed s1 'H H * * *' -- /bin/echo alpha
expect_out updated "--seed re-resolves"
grep -q '^# cronkeep: alpha \[H H \* \* \* key=08d8ff07b578d149\]' "$F" &&
    ok || fail "seed key: $(grep alpha "$F")"

# ---- H/15: four minutes 15 apart; H(A-B)/N; owner in system crontabs ----
run -f "$D/q" set --id poll --host web1 'H/15 * * * *' -- /bin/poll
want=$(ref web1 "" poll 'H/15 * * * *')
grep -qxF "$want /bin/poll" "$D/q" && ok || fail "H/15: want $want"
python3 -c 'import sys; m=[int(x) for x in sys.argv[1].split()[0].split(",")]
sys.exit(0 if len(m) == 4 and all(b - a == 15 for a, b in zip(m, m[1:])) else 1)' \
    "$want" && ok || fail "H/15 is not four minutes 15 apart: $want"
run -f "$D/sys" --system-format set --id rep --user www --host h \
    'H(0-29)/10 H(1-5) * * H(1-5)' -- /bin/rep
want=$(ref h www rep 'H(0-29)/10 H(1-5) * * H(1-5)')
grep -qxF "$want www /bin/rep" "$D/sys" && ok ||
    fail "system crontab, owner www: want '$want' in $(cat "$D/sys")"

# ---- --when "some minute" ----
run -f "$D/w" set --id night --host web1 \
    --when 'daily at some minute between 01:00 and 05:00' -- /bin/night
expect_rc 0 "--when some minute"
want=$(ref web1 "" night 'H H(1-4) * * *')
grep -qxF "$want /bin/night" "$D/w" && ok || fail "--when: want $want"
run -f "$D/w" set --id night2 --when 'daily at some minute between 01:30 and 05:00' -- /bin/x
expect_rc 65 "a window no H form says is refused"
expect_err_has "no exact cron form" "says why"

# ---- a plain schedule drops the hashed note, keeps the user's ----
run -f "$F" set --id beta --comment 'nightly mail' 'H H * * *' -- /bin/echo beta
grep -q '^# cronkeep: beta nightly mail \[H H' "$F" && ok ||
    fail "comment and request: $(grep beta "$F")"
run -f "$F" set --id beta '5 4 * * *' -- /bin/echo beta
grep -q '^# cronkeep: beta nightly mail$' "$F" && ok ||
    fail "plain schedule drops the request: $(grep beta "$F")"

# ---- errors ----
run -f "$F" set --id bad 'H/0 * * * *' -- /bin/x
expect_rc 65 "H/0 refused"
expect_err_has 'schedule:1: H/N' "with the column"
run -f "$F" set --id bad --seed x '5 * * * *' -- /bin/x
expect_rc 2 "--seed without H is a usage error"

# ---- explain and next say what H resolves to ----
want=$(ref web1 "" alpha 'H H * * *')
run explain --host web1 --hash-id alpha 'H H * * *'
expect_rc 0 "explain H"
head -1 "$OUT" | grep -qxF "$want" && ok || fail "explain: first line $want"
run explain --json --host web1 --hash-id alpha H H '*' '*' '*'
expect_json "d['request'] == 'H H * * *' and d['schedule'] == '$want'" \
    "explain --json has request and schedule"
want=$(ref web1 "" "" 'H/20 * * * *')
CRONKEEP_NOW=0 run next --tz UTC -c 3 --host web1 'H/20 * * * *'
expect_rc 0 "next H"
expect_err_has "resolves to $want" "next says what it resolves to"
m=$(printf %02d "$(echo "$want" | cut -d, -f1)")
expect_out_has "^Thu 1970-01-01 00:$m " "next fires at the resolved minute"

# H in the builder's options: --at H:H, --at 'H(1-4):H', --on minute=H.
B=$T_TMP/builder.cron
run -f "$B" set --id b1 --host web1 --every day --at H:H -- /bin/b1
expect_rc 0 "--every day --at H:H"
run -f "$B" set --id b2 --host web1 --every day --at 'H(1-4):H' -- /bin/b2
run -f "$B" set --id b3 --host web1 --every hour --on minute=H -- /bin/b3
run -f "$B" set --id b4 --host web1 --every monday --at 03:H -- /bin/b4
python3 - "$B" <<'PY' && ok || fail "builder H: $(cat "$B")"
import sys
lines = open(sys.argv[1]).read().splitlines()
want = {"b1": "H H * * *", "b2": "H H(1-4) * * *", "b3": "H * * * *", "b4": "H 3 * * 1"}
for k in range(0, len(lines), 2):
    marker, job = lines[k], lines[k + 1]
    jid = marker.split()[2]
    assert "[" + want[jid] + " key=" in marker, marker
    m, h, dom, mon, dow = job.split()[:5]
    assert 0 <= int(m) <= 59, job
    if jid == "b1": assert 0 <= int(h) <= 23 and (dom, mon, dow) == ("*", "*", "*"), job
    if jid == "b2": assert 1 <= int(h) <= 4, job
    if jid == "b3": assert h == "*", job
    if jid == "b4": assert h == "3" and dow == "1", job
PY
cp "$B" "$T_TMP/builder.before"
run -f "$B" set --id b1 --host web1 --every day --at H:H -- /bin/b1
expect_out unchanged "the same request again: unchanged"
if cmp -s "$B" "$T_TMP/builder.before"; then ok; else fail "a second set moved it"; fi

finish
