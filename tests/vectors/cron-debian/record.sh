#!/bin/sh
# SPDX-License-Identifier: ISC
# record.sh - how syslog and crontab here were recorded (as root, on a
# Debian host with cron 3.0pl1 and no other cron or syslog daemon): the
# real cron daemon in the foreground with every log level (-L 15: start,
# end, failure, pid), its syslog(3) datagrams taken from /dev/log and
# written as rsyslog's traditional file format does ("Mmm dd hh:mm:ss
# HOST TAG: MSG"), for about two minutes.  Only cron's lines are kept.
set -eu
out=${1:-syslog}
cp crontab /etc/cron.d/ck-record
python3 - "$out" <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
host = socket.gethostname()
with open(sys.argv[1], "w") as f:
    while True:
        m = s.recv(8192).decode("utf-8", "replace").rstrip("\n")
        m = m[m.index(">") + 1:] if m.startswith("<") else m
        if "CRON[" in m[15:40]:
            f.write("%s %s %s\n" % (m[:15], host, m[16:]))
            f.flush()
PY
listener=$!
sleep 1
/usr/sbin/cron -f -L 15 &
cron=$!
sleep 130
kill "$cron" "$listener"
rm -f /etc/cron.d/ck-record /dev/log
