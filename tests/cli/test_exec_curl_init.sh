#!/bin/sh
# SPDX-License-Identifier: ISC
# exec --ping when libcurl cannot start (curl_global_init() fails, forced
# by CRONKEEP_FAULT_CURL_INIT): the job still runs and keeps its exit
# status, a warning says so, and no request reaches the monitor.
. "$(dirname "$0")/lib.sh"
[ "${CK_HISTORY:-1}" = 1 ] || skip "built without the run history"
[ "${CK_CURL:-1}" = 1 ] || skip "built without libcurl"
export CRONKEEP_HISTORY_DB="$T_TMP/history.db"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

LOG=$T_TMP/requests.jsonl
python3 "$CK_SRC/tests/cli/pingserver.py" "$LOG" "$T_TMP/port" &
SRV=$!
trap 'kill $SRV 2>/dev/null; rm -rf "$T_TMP"' EXIT
i=0
while [ ! -s "$T_TMP/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -s "$T_TMP/port" ] || { fail "the HTTP server did not start"; finish; exit; }
URL=http://127.0.0.1:$(cat "$T_TMP/port")

# requests DESCRIPTION: how many requests the server has seen must be $1.
requests() {
	n=$(cat "$LOG" 2>/dev/null | wc -l | tr -d ' ')
	if [ "$n" = "$1" ]; then ok; else
		fail "$2: $n requests, expected $1 ($(cat "$LOG" 2>/dev/null))"; fi
}

# The server answers: a run without the fault is pinged (start, end).
run exec --id j --ping "$URL/j" -- true
expect_rc 0 "without the fault"
requests 2 "without the fault, start and end pinged"
: > "$LOG"

# libcurl cannot start: the job runs, its exit status is exec's, no ping.
export CRONKEEP_FAULT_CURL_INIT=1
run exec --id j --ping "$URL/j" -- sh -c "touch '$T_TMP/ran'; echo out; exit 3"
expect_rc 3 "the job's exit status"
if [ -e "$T_TMP/ran" ]; then ok; else fail "the job did not run"; fi
expect_out 'out' "the job's output passes through"
printf 'cronkeep: --ping: cannot start libcurl\n' > "$T_TMP/experr"
if cmp -s "$ERR" "$T_TMP/experr"; then ok; else
	fail "one warning, and only it: stderr is '$(cat "$ERR")'"; fi
requests 0 "no request reaches the server"
run history --json --id j
expect_json 'd["runs"][0]["status"] == "failed" and d["runs"][0]["exit"] == 3' \
    "the run is recorded"

# Success stays success; an empty value is no fault.
run exec --id k --ping "$URL/k" -- true
expect_rc 0 "success stays success"
expect_err_has 'cannot start libcurl' "warned again"
requests 0 "still no request"
CRONKEEP_FAULT_CURL_INIT=
run exec --id k --ping "$URL/k" -- true
expect_rc 0 "an empty CRONKEEP_FAULT_CURL_INIT"
requests 2 "an empty value injects nothing: pinged"

finish
