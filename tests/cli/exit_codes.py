# SPDX-License-Identifier: ISC
"""exit_codes: cronkeep(1)'s EXIT STATUS table, command by command.

The codes come from the table in docs/cronkeep.1, the commands and their
options from 'cronkeep --help' and 'cronkeep help CMD', so that the page,
the program and this test cannot drift apart:

- every command exits 0 on a case that works and 2 on an unknown option;
- every option whose argument is a date (DATE, TIME, 'YYYY-MM-DD ...'),
  and those the table names for 65, refuses a word and a date that does
  not exist (2027-02-30) with 65, in every command that has it;
- every command with --id that looks the job up exits 66 for an id no
  job has, and every command that reads a crontab exits 66 for a -f file
  that does not exist;
- every write command exits 73 when --backup cannot be created and 75
  when the crontab changed while it was being written;
- the cases below cover the rest; every code of the table is triggered by
  some command unless UNREACHABLE says why not, and a code a case expects
  must be in the table.

Run by test_exit_codes.sh with the environment meson gives the CLI tests.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

CRONKEEP = os.environ["CRONKEEP"]
SRC = os.environ.get("CK_SRC") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..")
fails = 0
checks = 0


def fail(msg):
    global fails
    fails += 1
    print("FAIL: " + msg, file=sys.stderr)


# ---- the table ----
man = open(os.path.join(SRC, "docs", "cronkeep.1"), encoding="utf-8").read()
m = re.search(r"^\.Sh EXIT STATUS\n(.*?)^\.Sh ", man, re.S | re.M)
section = m.group(1) if m else ""
TABLE = {}
for code, body in re.findall(r"^\.It ([0-9]+)[^\n]*\n(.*?)(?=^\.It |^\.El)",
                             section, re.S | re.M):
    TABLE[int(code)] = body
if sorted(TABLE)[:3] != [0, 1, 2] or 65 not in TABLE:
    fail("no EXIT STATUS table in docs/cronkeep.1: %r" % sorted(TABLE))
# The options the table names for dates (.Po Fl -from , -day , ... .Pc).
m = re.search(r"\.Po Fl (.*?)\n\.Pc", TABLE.get(65, ""), re.S)
DATE_OPTS = set("--" + x for x in re.findall(r"-([a-z][a-z-]*)",
                                              m.group(1))) if m else set()
if len(DATE_OPTS) < 5:
    fail("no date options under 65 in the table: %r" % DATE_OPTS)

# Codes no case can trigger here, and why.
UNREACHABLE = {
    70: "an internal error",
    71: "out of memory",
    77: "the test runs as one user (root or not): no one else's job",
}

# ---- the fixtures ----
T = tempfile.mkdtemp(prefix="ckexit.")
NONE = os.path.join(T, "none")
TAB = os.path.join(T, "tab")
TEXT = ("# cronkeep: backup\n0 3 * * * /usr/local/bin/backup --all\n"
        "# cronkeep: off\n#0 1 * * * /bin/off\n"
        "# cronkeep: ok\n*/5 * * * * true\n"
        "# cronkeep: bad\n*/5 * * * * false\n")
with open(TAB, "w") as f:
    f.write(TEXT)
TAB2 = os.path.join(T, "tab2")
with open(TAB2, "w") as f:
    f.write(TEXT + "5 5 * * * /bin/new\n")
BAD = os.path.join(T, "bad.tab")
with open(BAD, "w") as f:
    f.write("61 * * * * /bin/true\n")
NOSHELL = os.path.join(T, "noshell.tab")
with open(NOSHELL, "w") as f:
    f.write("SHELL=%s/no/shell\n# cronkeep: x\n* * * * * true\n" % T)
LOG = os.path.join(T, "syslog")
with open(LOG, "w") as f:
    f.write("Nov 20 10:05:01 web-1 CRON[10]: (root) CMD (true)\n")
HDB = os.path.join(T, "h.db")
ROOT = os.path.join(T, "root")
os.makedirs(os.path.join(ROOT, "etc", "cron.d"))
IGN = os.path.join(ROOT, "etc", "cron.d", "loose")
with open(IGN, "w") as f:
    f.write("# cronkeep: x\n* * * * * root true\n")
os.chmod(IGN, 0o666)		# cron ignores a file others can write
W = os.path.join(T, "w.tab")
NODIR = os.path.join(T, "no", "such", "dir")
ENV = dict(os.environ, TZ="UTC", LC_ALL="C", CRONKEEP_NOW="1795176030",
           CRONKEEP_HISTORY_DB=HDB)
ENV.pop("VISUAL", None)
ENV["EDITOR"] = "true"


def fresh():
    shutil.copy(TAB, W)
    return W


def ck(args, env=ENV, stdout=subprocess.PIPE):
    p = subprocess.run([CRONKEEP] + args, stdout=stdout,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       env=env)
    return p.returncode, p.stderr.decode("utf-8", "replace")


seen = {}		# code -> commands that exit with it here


def expect(cmd, args, want, why, stdout=subprocess.PIPE):
    global checks
    checks += 1
    if callable(args):
        args = args()
    rc, err = ck(args, stdout=stdout)
    if rc != want:
        fail("%s (%s): cronkeep %s: exit %d, expected %d\n%s" % (
            cmd, why, " ".join(args), rc, want, err[:400]))
    else:
        seen.setdefault(want, set()).add(cmd)
    if want not in TABLE:
        fail("%s: exit %d is not in cronkeep(1)'s EXIT STATUS" % (cmd, want))


# ---- the commands and their options ----
rc, err = ck(["--help"])
out = subprocess.run([CRONKEEP, "--help"], stdout=subprocess.PIPE,
                     env=ENV).stdout.decode()
COMMANDS = re.findall(r"^  ([a-z][a-z-]*) ", out.split("commands:", 1)[-1],
                      re.M)
OPTS = {}
for c in COMMANDS:
    h = subprocess.run([CRONKEEP, "help", c], stdout=subprocess.PIPE,
                       env=ENV).stdout.decode()
    own = h.split("\nwhere", 1)[0].split("\nglobal options:", 1)[0]
    OPTS[c] = {}
    for name, arg in re.findall(
            r"^ +(?:-[a-zA-Z], )?(--[a-z0-9-]+)(?: ('[^']*'|[A-Z][^ \n]*))?",
            own, re.M):
        OPTS[c][name] = arg

# How to run each command: the arguments before and after the option
# under test (a function: a fresh copy of the crontab to write to).
BASE = {
    "check": (lambda: [], lambda: [TAB]),
    "completion": (lambda: [], lambda: ["bash"]),
    "diff": (lambda: [], lambda: [TAB, TAB]),
    "disable": (lambda: ["-f", fresh()], lambda: ["--id", "backup"]),
    "doc": (lambda: ["-f", TAB], lambda: []),
    "edit": (lambda: ["-f", fresh()], lambda: []),
    "enable": (lambda: ["-f", fresh()], lambda: ["--id", "off"]),
    "exec": (lambda: [], lambda: ["--id", "ok", "--history-db", HDB, "--",
                                  "true"]),
    "explain": (lambda: [], lambda: ["0 3 * * *"]),
    "export": (lambda: ["-f", TAB], lambda: ["--to", "systemd"]),
    "find": (lambda: ["-f", TAB], lambda: ["--id", "backup"]),
    "history": (lambda: [], lambda: ["--history-db", HDB]),
    "install": (lambda: ["-f", fresh()], lambda: [TAB2]),
    "inventory": (lambda: ["-f", TAB], lambda: []),
    "list": (lambda: ["-f", TAB], lambda: []),
    "log": (lambda: ["-f", TAB], lambda: ["--log-file", LOG]),
    "missed": (lambda: ["-f", TAB], lambda: ["--log-file", LOG,
                                             "--history-db", HDB]),
    "next": (lambda: [], lambda: ["0 3 * * *"]),
    "remove": (lambda: ["-f", fresh()], lambda: ["--id", "backup"]),
    "run": (lambda: ["-f", TAB], lambda: ["--id", "ok"]),
    "set": (lambda: ["-f", fresh()], lambda: ["--id", "new", "@daily", "--",
                                              "/bin/new"]),
    "shell": (lambda: ["-f", fresh()], lambda: []),
    "show": (lambda: ["-f", TAB], lambda: []),
    "spread": (lambda: ["-f", fresh()], lambda: ["-n", "--max", "2"]),
    "stats": (lambda: ["-f", TAB], lambda: []),
    "timeline": (lambda: ["-f", TAB], lambda: []),
}
# Options the base must carry for the command to run (missed --since).
# (A window without fire times: nothing missed.)
NEEDS = {"missed": ["--since", "2026-11-20 10:06", "--until",
                    "2026-11-20 10:09"]}


def with_opt(c, extra):
    pre, post = BASE[c]
    a, b = pre(), post()
    need = []
    n = NEEDS.get(c, [])
    for i in range(0, len(n), 2):
        if n[i] not in extra:
            need += n[i:i + 2]
    if c == "set" and "--once" in extra:
        b.remove("@daily")	# --once is the schedule
    # Options go before "--" (exec, set) and before the operands.
    return a + [c] + need + extra + b


for c in COMMANDS:
    if c not in BASE:
        fail("%s: no BASE arguments in %s: add its cases" % (c, __file__))
        continue
    # 0: a case that works; 2: an unknown option.
    if c == "shell":
        expect(c, lambda: with_opt(c, []), 0, "works (no input: quits)")
    elif c != "edit":
        expect(c, lambda: with_opt(c, []), 0, "works")
    expect(c, lambda: with_opt(c, ["--no-such-option"]), 2, "unknown option")
    # 65: every date option refuses a word and a date that does not exist.
    for o, arg in OPTS[c].items():
        is_date = o in DATE_OPTS and arg not in ("", "HH:MM") or \
            re.search(r"DATE|YYYY", arg or "")
        if not is_date:
            continue
        for bad in ("someday", "2027-02-30"):
            expect(c, lambda: with_opt(c, [o, bad]), 65,
                   "%s %s: not a date" % (o, bad))
    # 66: an id no job has, where the command looks the job up.
    if "--id" in OPTS[c] and c not in ("exec", "set", "history"):
        def idcase(c=c):
            if c in ("next", "explain"):	# the id instead of EXPR
                return ["-f", TAB, c, "--id", "nope"]
            a = with_opt(c, [])
            i = a.index("--id") if "--id" in a else None
            if i is not None:
                del a[i:i + 2]
            return a[:a.index(c) + 1] + ["--id", "nope"] + a[a.index(c) + 1:]
        expect(c, idcase, 66, "--id of no job")

# 66: a -f file that does not exist, in every command that reads one.
for c in ("list", "show", "find", "stats", "timeline", "doc", "export",
          "inventory", "next", "explain", "run", "log", "missed"):
    extra = {"next": ["--id", "x"], "explain": ["--id", "x"],
             "run": ["--id", "x"], "export": ["--to", "systemd"],
             "log": ["--id", "x", "--log-file", LOG],
             "missed": ["--since", "1h", "--log-file", LOG]}.get(c, [])
    expect(c, ["-f", NONE, c] + extra, 66, "-f missing")
expect("check", ["check", NONE], 66, "a missing file")
expect("diff", ["diff", TAB, NONE], 66, "a missing file")
expect("install", lambda: ["-f", fresh(), "install", NONE], 66,
       "a missing file")
expect("log", ["log", "--log-file", NONE], 66, "a missing log")
expect("missed", ["-f", TAB, "missed", "--since", "1h", "--log-file",
                  NONE], 66, "a missing log")

# 1: the "no" of each command the table names.
expect("check", ["check", BAD], 1, "an error found")
expect("find", ["-f", TAB, "find", "--command", "^/nonexistent"], 1,
       "no match")
expect("diff", ["diff", TAB, TAB2], 1, "different")
expect("run", ["-f", TAB, "run", "--id", "bad"], 1, "the job failed")
expect("next", ["next", "0 0 30 2 *"], 1, "never fires")
expect("remove", lambda: ["-f", fresh(), "remove", "--command",
                          "^/nonexistent"], 1, "nothing to remove")
expect("stats", ["-f", TAB, "stats", "--max-concurrent", "1"], 1,
       "over budget")
expect("missed", ["-f", TAB, "missed", "--since", "2026-11-20 10:00",
                  "--until", "2026-11-20 10:20", "--log-file", LOG,
                  "--history-db", HDB], 1, "runs missed")
expect("log", ["-f", TAB, "log", "--log-file", LOG, "--id", "backup"], 1,
       "no runs")
expect("spread", lambda: ["-f", fresh(), "spread", "-n", "--max", "1"], 1,
       "still over --max")

# 65: schedules, phrases, zones, lint errors in a write.
expect("next", ["next", "61 * * * *"], 65, "a bad schedule")
expect("next", ["next", "--tz", "Nowhere/Zone", "0 3 * * *"], 65,
       "a bad zone")
expect("explain", ["explain", "61 * * * *"], 65, "a bad schedule")
expect("explain", ["explain", "--when", "every 7 hours"], 65,
       "an inexact phrase")
expect("check", ["check", "--expr", "61 * * * *"], 1,
       "a bad --expr is a finding")
expect("set", lambda: ["-f", fresh(), "set", "--id", "x", "61 * * * *",
                       "--", "x"], 65, "a bad schedule")
expect("install", lambda: ["-f", fresh(), "install", BAD], 65,
       "a lint error")
expect("timeline", ["-f", TAB, "timeline", "--tz", "Nowhere/Zone"], 65,
       "a bad zone")
expect("stats", ["-f", TAB, "stats", "--tz", "Nowhere/Zone"], 65,
       "a bad zone")
expect("missed", ["-f", TAB, "missed", "--since", "1h", "--grace", "soon",
                  "--log-file", LOG], 65, "a bad duration")

# 67, 69, 78: run.
for c in ("run", "list", "set"):
    expect(c, ["-u", "no-such-user-ck", c] + (["--id", "x"] if c == "run"
           else ["--id", "x", "@daily", "--", "x"] if c == "set" else []),
           67, "-u of no such user")
expect("run", ["-f", NOSHELL, "run", "--id", "x"], 69,
       "the job's SHELL does not exist")
expect("run", ["--root", ROOT, "--cron-d", "loose", "run", "--id", "x"], 78,
       "cron ignores the crontab")

# 73: an output that cannot be created.
expect("doc", ["-f", TAB, "doc", "-o", os.path.join(NODIR, "x.md")], 73,
       "-o in no directory")
expect("timeline", ["-f", TAB, "timeline", "--svg",
                    os.path.join(NODIR, "x.svg")], 73, "--svg in no directory")
expect("export", ["-f", TAB, "export", "--to", "systemd", "-o", NODIR],
       73, "-o DIR that does not exist")
for c in ("set", "enable", "disable", "remove", "install", "spread"):
    expect(c, lambda c=c: with_opt(c, ["--backup", os.path.join(NODIR, "b")])
           if c != "spread" else ["-f", fresh(), "spread", "--max", "1",
                                  "--backup", os.path.join(NODIR, "b")],
           73, "--backup in no directory")

# 74: standard output cannot be written.
if os.path.exists("/dev/full"):
    with open("/dev/full", "w") as full:
        for c in ("list", "show", "explain"):
            expect(c, with_opt(c, []), 74, "stdout is /dev/full",
                   stdout=full)

# 75: the crontab changed between read and write: nothing written.
def conflict(c, args):
    global checks
    checks += 1
    w = fresh()
    p = subprocess.Popen([CRONKEEP] + args, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         env=dict(ENV, CRONKEEP_FAULT_PAUSE_MS="3000"))
    buf = b""
    deadline = time.monotonic() + 30
    os.set_blocking(p.stderr.fileno(), False)
    while b"paused" not in buf and time.monotonic() < deadline and \
            p.poll() is None:
        try:
            buf += p.stderr.read() or b""
        except (BlockingIOError, TypeError):
            pass
        time.sleep(0.02)
    with open(w, "a") as f:
        f.write("# a hand edit\n")
    rc = p.wait()
    if rc != 75:
        fail("%s: a change meanwhile: exit %d, expected 75 (%r)" % (
            c, rc, buf[:300]))
    else:
        seen.setdefault(75, set()).add(c)


for c, extra in (("set", ["set", "--id", "x", "@daily", "--", "x"]),
                 ("enable", ["disable", "--id", "backup"]),
                 ("remove", ["remove", "--id", "backup"]),
                 ("install", ["install", TAB2]),
                 ("spread", ["spread", "--max", "1"])):
    conflict(c, ["-f", W] + extra)

# ---- every code of the table is reached ----
for code in sorted(TABLE):
    if code in UNREACHABLE:
        continue
    if code not in seen:
        fail("exit %d of cronkeep(1) is triggered by no case" % code)
for code in UNREACHABLE:
    if code not in TABLE:
        fail("UNREACHABLE names %d, which the table does not have" % code)
for c in COMMANDS:
    if not any(c in v for k, v in seen.items() if k == 2):
        fail("%s: no usage case" % c)

shutil.rmtree(T, ignore_errors=True)
print("%d checks, %d failed; codes reached: %s" % (
    checks, fails, " ".join("%d(%d)" % (k, len(v))
                            for k, v in sorted(seen.items()))))
sys.exit(1 if fails else 0)
