#!/usr/bin/env python3
"""verdicts.py - ask a real cron program for its verdict on each line.

Reads lines (as gen_lines.py writes them, \\r for a carriage return) on
standard input; writes each as a one-line crontab file and runs the oracle
command on it, the file's path in place of {}.  Prints one row per line:
  accept|reject <TAB> the oracle's message (or -) <TAB> the line
Exit status 0 means "accept", anything else "reject".

Example (cronie's own syntax check, built from its source):
  gen_lines.py --set fields | verdicts.py /tmp/cronie/crontab -T {}
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    argv = sys.argv[1:]
    if not argv or "{}" not in argv:
        sys.exit("usage: verdicts.py COMMAND ... {} ... < lines")
    d = tempfile.mkdtemp(prefix="ckverdict.")
    path = os.path.join(d, "one.crontab")
    for row in sys.stdin:
        line = row.rstrip("\n")
        with open(path, "w", newline="", encoding="utf-8") as f:
            f.write(line.replace("\\r", "\r") + "\n")
        p = subprocess.run([path if a == "{}" else a for a in argv],
                           capture_output=True, text=True, errors="replace")
        msg = "-"
        m = re.search(r":\d+: (.*)", p.stderr)
        if m:
            msg = m.group(1).strip()
        elif p.returncode != 0:
            msg = p.stderr.strip().split("\n")[0][:60] or "-"
        print("%s\t%s\t%s" % ("accept" if p.returncode == 0 else "reject",
                              msg, line))
    os.unlink(path)
    os.rmdir(d)


if __name__ == "__main__":
    main()
