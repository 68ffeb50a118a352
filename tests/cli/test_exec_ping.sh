#!/bin/sh
# SPDX-License-Identifier: ISC
# exec --ping URL against an HTTP server on 127.0.0.1 that records every
# request: start and success, a failure with the tail of the output in the
# body, a kill by --timeout, a server that is down (the job keeps its exit
# status, a warning says so) and one slower than --ping-timeout.
. "$(dirname "$0")/lib.sh"
[ "${CK_HISTORY:-1}" = 1 ] || skip "built without the run history"
export CRONKEEP_HISTORY_DB="$T_TMP/history.db"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

if [ "${CK_CURL:-1}" != 1 ]; then
	run exec --id p --ping http://127.0.0.1:9/x -- echo ran
	expect_rc 69 "--ping without libcurl"
	expect_out_empty "the job does not run"
	expect_err_has 'without libcurl' "says why"
	finish
	exit
fi

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

# reqs PYEXPR DESCRIPTION: a check over r, the requests recorded so far.
reqs() {
	if python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])] if __import__("os").path.exists(sys.argv[1]) else []
sys.exit(0 if eval(sys.argv[2]) else 1)' "$LOG" "$1"; then ok; else
		fail "$2: $1 (requests: $(cat "$LOG" 2>/dev/null))"; fi
}

# Success: /start, then the URL itself with the output.
run exec --id good --ping "$URL/abc" -- sh -c 'echo all well'
expect_rc 0 "success"
expect_out 'all well' "output passed through"
expect_err_empty "no warning"
reqs '[(x["method"], x["path"]) for x in r] == [("POST", "/abc/start"), ("POST", "/abc")]' "start then success"
reqs 'r[1]["body"] == "all well\n"' "the success ping carries the output"
: > "$LOG"

# Failure: URL/EXIT_CODE, the body the last 10 KiB of output.
run exec --id bad --ping "$URL/abc/" -- sh -c 'i=0; while [ $i -lt 2000 ]; do echo "line $i of the output"; i=$((i+1)); done; echo LAST LINE; exit 3'
expect_rc 3 "the job's exit status"
reqs '[x["path"] for x in r] == ["/abc/start", "/abc/3"]' "failure pinged as /3 (a trailing slash in URL is dropped)"
reqs 'r[1]["body"].endswith("LAST LINE\n") and 10000 < len(r[1]["body"]) <= 10240' "the body is the last 10 KiB"
reqs '"line 0 of" not in r[1]["body"]' "the head of the output is not in the body"
: > "$LOG"

# Killed by --timeout: URL/fail, recorded as timeout.
run exec --id slowjob --timeout 1s --ping "$URL/t" -- sh -c 'echo started; sleep 30'
expect_rc 124 "timeout"
reqs '[x["path"] for x in r] == ["/t/start", "/t/fail"]' "a timeout is pinged as /fail"
reqs '"killed by --timeout" in r[1]["body"] and r[1]["body"].startswith("started\n")' "the body says why"
run history --json --id slowjob
expect_json 'd["runs"][0]["status"] == "timeout"' "the kill recorded as timeout"
: > "$LOG"

# Killed by a signal: /fail.
run exec --id sig --ping "$URL/s" -- sh -c 'kill -KILL $$'
expect_rc 137 "killed"
reqs '[x["path"] for x in r] == ["/s/start", "/s/fail"]' "a signal is pinged as /fail"
: > "$LOG"

# --retry with --ping: one start, one result (of the last try).
run exec --id rp --retry 2 --retry-delay 0s --ping "$URL/r" -- sh -c 'echo x; exit 2'
expect_rc 2 "retries fail"
reqs '[x["path"] for x in r] == ["/r/start", "/r/2"]' "one start, one end for all tries"
: > "$LOG"

# A 500 is tried 3 times; the job's status is kept.
run exec --id e5 --ping "$URL/err500" -- true
expect_rc 0 "a failing monitor does not fail the job"
expect_err_has 'HTTP status 500' "the 500 reported"
reqs 'len(r) == 6' "each ping tried 3 times on a 500"
: > "$LOG"

# The server is slower than --ping-timeout: exec ends in time, job status kept.
timed exec --id slowsrv --ping-timeout 1s --ping "$URL/slow" -- sh -c 'exit 5'
if [ "$RC" -eq 5 ]; then ok; else fail "slow server: exit $RC, expected 5"; fi
expect_err_has 'timed out|Timeout' "the timeout reported"
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 20 else 1)' "$SECS" && ok ||
	fail "slow server: exec took ${SECS}s (bound: 2 pings x 3 tries x 1s + pauses)"
reqs '[x["path"] for x in r] == ["/slow/start"] * 3 + ["/slow/5"] * 3' "each ping tried 3 times"

# The server is down: connection refused, warnings, the job's status.
kill $SRV
wait $SRV 2>/dev/null
run exec --id down --ping "$URL/abc" -- sh -c 'echo done; exit 7'
expect_rc 7 "server down: the job's exit status"
expect_out 'done' "the job ran"
expect_err_has 'abc/start.*(Couldn.t connect|refused)' "the refused start ping reported"
expect_err_has 'abc/7.*try 3 of 3' "the end ping tried 3 times"
run exec --id down --ping "$URL/abc" -- true
expect_rc 0 "server down: success stays success"

run exec --id p --ping ftp://127.0.0.1/x -- true
expect_rc 2 "--ping takes http or https only"
run exec --id p --ping-timeout 0s --ping "$URL" -- true
expect_rc 2 "--ping-timeout 0 refused"

finish
