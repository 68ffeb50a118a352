#!/usr/bin/env python3
"""gen_lines.py - generate crontab lines to compare cronkeep with real crons.

Deterministic: the same seed and count give the same lines on every machine.
Each line is one crontab line (no newline); the lines are chosen to reach the
corners where the crons differ: numbers that overflow an int or a long, ranges
written backwards, "N-0", steps of every size, names, '~' random values,
options before the command, @keywords followed by '*', and commands that are
only a carriage return.

Usage: gen_lines.py [--seed N] [--count N] [--set fields|lines|busybox]
  fields   five-field schedules and a command (the default)
  lines    prefixes and commands: '-', '-n', @keywords, CR, '*'
  busybox  what busybox crond parses differently (weekday 7, wrapping ranges)
Output: one line per row; a CR is written as the two characters \\r.
"""
import argparse
import random

BIG = ["2147483647", "2147483648", "4294967295", "4294967296", "4294967297",
       "4294967300", "9223372036854775807", "9223372036854775808",
       "18446744073709551616", "00000000000000000000005"]
LIMITS = {  # field: (lo, hi, names)
    0: (0, 59, None),
    1: (0, 23, None),
    2: (1, 31, None),
    3: (1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                "sep", "oct", "nov", "dec"]),
    4: (0, 7, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
}


def number(r, f):
    lo, hi, _ = LIMITS[f]
    k = r.random()
    if k < 0.8:
        return str(r.randint(lo, hi))
    if k < 0.9:
        return str(r.choice([lo - 1 if lo > 0 else 0, hi + 1, hi + 2, 60,
                             99, 100, 0, 7, 8, 13, 24, 32]))
    return r.choice(BIG)


def value(r, f):
    names = LIMITS[f][2]
    if names and r.random() < 0.25:
        n = r.choice(names)
        return n.upper() if r.random() < 0.2 else n
    return number(r, f)


def step(r):
    k = r.random()
    if k < 0.8:
        return str(r.choice([1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 59, 60, 61,
                             100]))
    if k < 0.85:
        return "0"
    return r.choice(BIG)


def element(r, f):
    k = r.random()
    lo, hi, _ = LIMITS[f]
    if k < 0.18:
        return value(r, f)
    if k < 0.28:
        return "*"
    if k < 0.40:
        return "*/" + step(r)
    if k < 0.62:
        return value(r, f) + "-" + value(r, f)
    if k < 0.74:
        return value(r, f) + "-" + value(r, f) + "/" + step(r)
    if k < 0.80:
        return str(r.randint(lo + 1, min(hi, 9))) + "-0"
    if k < 0.86:
        return str(r.randint(lo, hi)) + "-" + str(r.randint(lo, hi))
    if k < 0.92:
        return r.choice(["~", "~~", "1~2~3", value(r, f) + "~",
                         "~" + value(r, f), value(r, f) + "~" + value(r, f),
                         str(lo) + "~" + str(min(hi, lo + 5)) + "~"])
    return r.choice([value(r, f) + "/" + step(r), "*-5", "**", "*,",
                     ",", value(r, f) + ",", "-" + value(r, f)])


def field(r, f):
    n = 1 if r.random() < 0.7 else r.randint(2, 3)
    return ",".join(element(r, f) for _ in range(n))


def gen_fields(r, count):
    out = []
    for _ in range(count):
        fs = []
        odd = set(r.sample(range(5), r.choice([1, 1, 2, 3])))
        for f in range(5):
            if f not in odd:
                fs.append(r.choice(["*", "0", str(LIMITS[f][0])]))
            else:
                fs.append(field(r, f))
        out.append(" ".join(fs) + " echo x")
    return out


KEYWORDS = ["@reboot", "@yearly", "@annually", "@monthly", "@weekly",
            "@daily", "@midnight", "@hourly"]
SCHEDS = ["* * * * *", "0 0 * * *", "5 4 * * sun", "*/5 * * * *"]
COMMANDS = ["echo x", "-n echo x", "-n\techo x", "-ncmd", "-x cmd", "- cmd",
            "-n -n cmd", "-n", "-n ", "-", "--", "-q cmd", "-s cmd",
            "* * * * * cmd", "*cmd", "* cmd", "\\r", "echo x\\r", "",
            "  echo x", "-n  echo x", "-nn cmd", "-n -x cmd", "cmd -n",
            "~ cmd", "% cmd", "echo \\r"]


def gen_lines(r, count):
    out = []
    for _ in range(count):
        k = r.random()
        sched = r.choice(KEYWORDS) if k < 0.4 else r.choice(SCHEDS)
        lead = r.choice(["", "", "-", " -", "--", "- "])
        cmd = r.choice(COMMANDS)
        sep = r.choice([" ", "\t", "  "])
        out.append(lead + sched + (sep + cmd if cmd or r.random() < 0.5
                                   else ""))
    return out


def gen_busybox(r, count):
    out = []
    dows = ["7", "0,7", "0-7", "5-7", "wed-7", "7-1", "7/2", "*/7", "6-7",
            "sun", "sat-sun", "fri-mon", "5-1", "0-6", "1-5", "mon-fri"]
    for _ in range(count):
        k = r.random()
        if k < 0.5:
            d = r.choice(dows)
        else:
            d = field(r, 4)
        mi = field(r, 0) if r.random() < 0.4 else str(r.randint(0, 59))
        h = field(r, 1) if r.random() < 0.4 else str(r.randint(0, 23))
        dom = field(r, 2) if r.random() < 0.3 else "*"
        mon = field(r, 3) if r.random() < 0.3 else "*"
        out.append(" ".join([mi, h, dom, mon, d]) + " echo x")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--set", default="fields",
                    choices=["fields", "lines", "busybox"])
    a = ap.parse_args()
    r = random.Random(a.seed)
    gen = {"fields": gen_fields, "lines": gen_lines,
           "busybox": gen_busybox}[a.set]
    seen = set()
    for line in gen(r, a.count):
        if line in seen:
            continue
        seen.add(line)
        print(line)


if __name__ == "__main__":
    main()
