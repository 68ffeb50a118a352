#!/usr/bin/env python3
"""gen_anacrontab.py SEED COUNT - print a test anacrontab of COUNT lines
built at random (seeded: the same SEED gives the same file) from pieces
that exercise every branch of anacron's parser: periods in digits or
@names (valid, misspelt, Debian-unknown, prefixes), delays, identifiers
with '/', '=' and odd bytes, blanks and tabs, missing fields, numbers
past INT_MAX, assignments, comments, carriage returns, backslashes and
continued lines.  test_anacron.sh compares `cronkeep check` with
`anacron -T` line by line on it."""
import random
import sys

PERIODS = ["1", "7", "0", "30", "01", "007", "2147483647", "2147483648",
           "99999999999", "@monthly", "@yearly", "@daily", "@weekly",
           "@annually", "@annualy", "@monthl", "@month", "@monthlyx",
           "@yearlyy", "@", "@x", "1x", "+1", "-1", "x", "", "1.5"]
DELAYS = ["0", "5", "15", "60", "2147483647", "2147483648", "", "x",
          "-5", "5m", "010"]
IDENTS = ["cron.daily", "a", "job-1", "a/b", "/x", "x/", "a=b", "=",
          "caf\xe9", "#x", "id.with.dots", "", "x\r"]
COMMANDS = ["run-parts --report /etc/cron.daily", "echo hi", "x", "",
            " ", "a b c", "echo 100%", "cmd\r", "# not a comment",
            "cmd # trailing", "tab\there"]
SEPS = [" ", "\t", "  ", " \t ", ""]
ENVS = ["SHELL=/bin/sh", "PATH=/usr/bin:/bin", "MAILTO=root",
        "START_HOURS_RANGE=3-22", "START_HOURS_RANGE=3pm",
        "START_HOURS_RANGE=22-3", "RANDOM_DELAY=45", "RANDOM_DELAY=x",
        "A =b", " B= c", "=b", "C=", "D==", "E\t=\tf", "1=2",
        "@monthly=1", "LONG_NAME_1=value with blanks"]
OTHER = ["", " ", "\t", "# comment", "  # indented", "#", "\r",
         "garbage", "two words", "1", "1 5", "1 5 id", "1 5 id ",
         "\\", "\\#x", "x\\y", "1 5 a\\b cmd", "1\\ 5 a cmd"]


def job(r):
    parts = [r.choice(PERIODS), r.choice(DELAYS), r.choice(IDENTS),
             r.choice(COMMANDS)]
    # Mostly well-separated, sometimes a missing or doubled separator.
    line = r.choice(["", " ", "\t"])
    for i, p in enumerate(parts):
        line += p
        if i < 3:
            line += r.choice(SEPS) if r.random() < 0.2 else \
                r.choice(SEPS[:4])
    return line


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    r = random.Random(seed)
    lines = []
    while len(lines) < count:
        k = r.random()
        if k < 0.55:
            line = job(r)
        elif k < 0.75:
            line = r.choice(ENVS)
        elif k < 0.93:
            line = r.choice(OTHER)
        else:
            # A job continued on the next physical line.
            a = job(r)
            cut = r.randrange(len(a) + 1)
            line = a[:cut] + "\\\n" + a[cut:]
        lines.append(line)
    sys.stdout.buffer.write(("\n".join(lines) + "\n").encode("latin-1"))


main()
