# SPDX-License-Identifier: ISC
"""json_schema: every command's --json output against docs/json/.

The commands come from 'cronkeep --help', so a new command without a case
here fails the test.  Each command runs with --json on cases that succeed
(exit 0, or 1: a "no" keeps the command's document) and cases that fail
(exit 2 or more); stdout is validated against docs/json/COMMAND.schema.json,
a failure against the error object of docs/json/common.schema.json (check
and explain keep their document and hold the object in it), and the
object's "exit" must be the process's exit status.  The schemas are then
shown to refuse documents that drifted (an unknown key, a missing one, a
wrong type), so a schema too loose to catch anything fails too.

Run by test_json_schema.sh with the environment meson gives the CLI tests.
"""

import copy
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema

CRONKEEP = os.environ["CRONKEEP"]
SRC = os.environ.get("CK_SRC") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..")
DOCS = os.path.join(SRC, "docs")
HAVE_HISTORY = os.environ.get("CK_HISTORY", "1") == "1"
BASE = "https://cronkeep.invalid/"

# Commands that print no JSON document of their own: only their failures
# (the error object) are checked.
NO_DOCUMENT = {
    "completion": "prints a shell script",
    "shell": "an interactive session",
    "edit": "runs an editor on the crontab",
    "exec": "the job's own output goes to standard output",
}

fails = 0
checks = 0


def fail(msg):
    global fails
    fails += 1
    print("FAIL: " + msg, file=sys.stderr)


# ---- the schemas ----
schemas = {}
for p in glob.glob(os.path.join(DOCS, "json", "*.schema.json")) + [
        os.path.join(DOCS, "inventory.schema.json")]:
    with open(p, encoding="utf-8") as f:
        s = json.load(f)
    schemas[s["$id"]] = s
    jsonschema.Draft202012Validator.check_schema(s)


def validator(name):
    uri = BASE + "json/" + name + ".schema.json"
    if uri not in schemas:
        return None
    try:
        from referencing import Registry, Resource
        reg = Registry().with_resources(
            (k, Resource.from_contents(v)) for k, v in schemas.items())
        return jsonschema.Draft202012Validator(schemas[uri], registry=reg)
    except (ImportError, TypeError):	# before 4.18 (Debian 12: 4.10)
        res = jsonschema.RefResolver(uri, schemas[uri], store=schemas)
        return jsonschema.Draft202012Validator(schemas[uri], resolver=res)


def errors_of(v, doc):
    return sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))


COMMON = validator("common")
ERRDOC = COMMON.evolve(schema={"$ref": "common.schema.json#/$defs/error_document"}) \
    if hasattr(COMMON, "evolve") else None
if ERRDOC is None:
    ERRDOC = jsonschema.Draft202012Validator(
        schemas[BASE + "json/common.schema.json"]["$defs"]["error_document"],
        resolver=jsonschema.RefResolver(BASE + "json/common.schema.json",
                                        schemas[BASE + "json/common.schema.json"],
                                        store=schemas))

# ---- the fixtures ----
T = tempfile.mkdtemp(prefix="ckjson.")
NONE = os.path.join(T, "none")
TAB = os.path.join(T, "tab")
TAB2 = os.path.join(T, "tab2")
W = os.path.join(T, "w.tab")
with open(TAB, "w") as f:
    f.write("MAILTO=ops@example.com\n"
            "# cronkeep: backup\n"
            "0 3 * * * /usr/local/bin/backup --all\n"
            "# the report\n"
            "30 2 * * 1-5 /usr/bin/report % body\n"
            "#*/5 * * * * /bin/disabled\n"
            "# cronkeep: every\n"
            "*/5 * * * * /usr/bin/every\n"
            "# cronkeep: also\n"
            "*/5 * * * * /usr/bin/also\n"
            "# cronkeep: ok\n"
            "0 0 * * * true\n")
with open(TAB2, "w") as f:
    f.write("# cronkeep: backup\n"
            "0 4 * * * /usr/local/bin/backup --all\n"
            "# cronkeep: every\n"
            "*/5 * * * * /usr/bin/every\n"
            "5 5 * * * /bin/new\n")
BAD = os.path.join(T, "bad.tab")
with open(BAD, "w") as f:
    f.write("61 * * * * /bin/true\n")
# A log with a late, a failed and a missed run of 'every' (10:00-10:30).
LOG = os.path.join(T, "syslog")
with open(LOG, "w") as f:
    for m in range(0, 31, 5):
        if m == 10:
            continue			# missed
        s = 50 if m == 15 else 1	# late
        f.write("Nov 20 10:%02d:%02d web-1 CRON[%d]: (alice) CMD "
                "(/usr/bin/every)\n" % (m, s, 1000 + m))
        if m == 20:
            f.write("Nov 20 10:20:09 web-1 CRON[%d]: (CRON) error "
                    "(grandchild #%d failed with exit status 2)\n"
                    % (1000 + m, 2000 + m))
os.utime(LOG, (1795176000, 1795176000))		# 2026-11-20 12:00 UTC
HDB = os.path.join(T, "h.db")
EMPTYDB = os.path.join(T, "nothing", "h.db")
ROOT = os.path.join(T, "root")
os.makedirs(os.path.join(ROOT, "etc", "cron.d"))
with open(os.path.join(ROOT, "etc", "crontab"), "w") as f:
    f.write("SHELL=/bin/sh\n"
            "17 * * * * root cd / && run-parts --report /etc/cron.hourly\n")
os.makedirs(os.path.join(ROOT, "etc", "cron.hourly"))
with open(os.path.join(ROOT, "etc", "cron.hourly", "tidy"), "w") as f:
    f.write("#!/bin/sh\n")
os.chmod(os.path.join(ROOT, "etc", "cron.hourly", "tidy"), 0o755)
with open(os.path.join(ROOT, "etc", "anacrontab"), "w") as f:
    f.write("1\t5\tcron.daily\trun-parts /etc/cron.daily\n")

NOW = "1795176030"		# 2026-11-20 10:00:30 UTC
ENV = dict(os.environ, TZ="UTC", LC_ALL="C", CRONKEEP_NOW=NOW,
           CRONKEEP_HISTORY_DB=HDB, COLUMNS="80")


def ck(args, env=ENV):
    p = subprocess.run([CRONKEEP] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


if HAVE_HISTORY:
    for cmd in ("/bin/true", "/bin/false"):
        ck(["exec", "--history-db", HDB, "--id", "every", "--", cmd],
           env=dict(ENV, CRONKEEP_NOW=""))
    # The runs exec records without running: "skipped" (--no-overlap
    # while the previous run holds its lock) and "expired" (past
    # --not-after, the job removes itself from the crontab).
    import fcntl
    with open(HDB + ".every.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ck(["exec", "--history-db", HDB, "--id", "every", "--no-overlap",
            "--", "/bin/true"], env=dict(ENV, CRONKEEP_NOW=""))
    shutil.copy(TAB, os.path.join(T, "expiring"))
    ck(["-f", os.path.join(T, "expiring"), "exec", "--history-db", HDB,
        "--id", "also", "--not-after", "2020-01-01", "--", "/bin/true"],
       env=dict(ENV, CRONKEEP_NOW=""))
INV1 = os.path.join(T, "inv1.json")
INV2 = os.path.join(T, "inv2.json")
for path, args in ((INV1, ["-f", TAB, "inventory", "--host", "a",
                           "--group", "web"]),
                   (INV2, ["-f", TAB2, "inventory", "--host", "b",
                           "--group", "web"])):
    rc, out, err = ck(args)
    with open(path, "w") as f:
        f.write(out)


def fresh():
    shutil.copy(TAB, W)
    return W


# ---- the cases: (arguments, exit status) ----
# A function is called for its arguments right before the run (a fresh
# copy to write to).  Failures are exit 2 or more.
F = ["-f", TAB]
FW = lambda: ["-f", fresh()]
CASES = {
    "list": [(F + ["list"], 0), (F + ["list", "-v", "--next", "--explain",
                                      "--status"], 0),
             (["--root", ROOT, "-a", "list"], 0),
             (["list", "--inventory", INV1, INV2], 0),
             (["-f", NONE, "list"], 66), (F + ["list", "extra"], 2)],
    "show": [(F + ["show"], 0), (["-f", NONE, "show"], 66)],
    "next": [(["next", "0 3 * * *"], 0), (["next", "--prev", "-c", "2",
                                           "H 3 * * *"], 0),
             (["next", "0 0 30 2 *"], 1),
             (F + ["next", "--id", "backup"], 0),
             (["next", "61 * * * *"], 65), (F + ["next", "--id", "nope"], 66)],
    "explain": [(["explain", "*/5 9-17 * * 1-5"], 0),
                (["explain", "--when", "every weekday at 18:30"], 0),
                (F + ["explain", "--id", "backup"], 0),
                (["explain", "61 * * * *"], 65),
                (["explain", "--when", "every 7 hours"], 65),
                (F + ["explain", "--id", "nope"], 66)],
    "check": [(["check", TAB], 0), (["check", BAD], 1),
              (["check", "--list-rules"], 0),
              (["check", "--inventory", INV1, INV2], 1),
              (["check", NONE], 66), (["check", "--fail-on", "x", TAB], 2)],
    "find": [(F + ["find", "--at", "2026-11-21 03:00"], 0),
             (F + ["find", "--command", "^/nonexistent"], 1),
             (["find", "--inventory", INV1, INV2, "--id", "backup"], 0),
             (F + ["find", "--at", "tomorrow-ish"], 65),
             (F + ["find", "--id", "nope"], 66)],
    "export": [(F + ["export", "--to", "systemd"], 0),
               (F + ["export", "--to", "kubernetes", "--image", "busybox",
                     "--id", "backup"], 0),
               (F + ["export", "--to", "nowhere"], 2),
               (F + ["export", "--to", "systemd", "--id", "nope"], 66)],
    "diff": [(["diff", TAB, TAB], 0), (["diff", TAB, TAB2], 1),
             (["diff", "--format", "unified", TAB, TAB2], 1),
             (["diff", TAB, NONE], 66)],
    "timeline": [(F + ["timeline"], 0), (F + ["timeline", "--week"], 0),
                 (["timeline", "--inventory", INV1, INV2], 0),
                 (F + ["timeline", "--day", "someday"], 65),
                 (["-f", NONE, "timeline"], 66)],
    "doc": [(F + ["doc"], 0), (["--root", ROOT, "-s", "doc"], 0),
            (["-f", NONE, "doc"], 66)],
    "stats": [(F + ["stats"], 0), (F + ["stats", "--max-concurrent", "1"], 1),
              (["stats", "--inventory", INV1, INV2], 0),
              (F + ["stats", "--from", "someday"], 65),
              (["-f", NONE, "stats"], 66)],
    "history": [(["history", "--history-db", HDB], 0),
                (["history", "--history-db", EMPTYDB], 0),
                (["history", "--history-db", HDB, "--since", "someday"], 65)],
    "log": [(F + ["log", "--log-file", LOG], 0),
            (F + ["log", "--log-file", LOG, "--id", "backup"], 1),
            (["log", "--log-file", NONE], 66),
            (F + ["log", "--log-file", LOG, "--id", "nope"], 66)],
    "missed": [(F + ["missed", "--since", "2026-11-20 09:58", "--until",
                     "2026-11-20 10:31", "--log-file", LOG,
                     "--history-db", HDB], 1),
               (F + ["missed", "--since", "2026-11-20 10:04", "--until",
                     "2026-11-20 10:06", "--log-file", LOG, "--id", "every",
                     "--history-db", HDB], 0),
               (F + ["missed", "--since", "someday", "--log-file", LOG], 65),
               (F + ["missed", "--since", "1h", "--log-file", NONE], 66)],
    "inventory": [(F + ["inventory"], 0), (["--root", ROOT, "-a",
                                           "inventory"], 0),
                  (["-f", NONE, "inventory"], 66)],
    "spread": [(F + ["spread", "-n", "--max", "2"], 0),
               (F + ["spread", "-n", "--max", "1"], 1),
               (["spread", "-n", "--inventory", INV1, "--inventory", INV2],
                0),
               (F + ["spread", "-n", "--max", "x"], 2),
               (["spread", "-n", "--inventory", NONE], 66)],
    "run": [(F + ["run", "-n", "--id", "backup"], 0),
            (lambda: ["-f", fresh(), "run", "--line", "12"], 0),
            (lambda: ["-f", fresh(), "run", "--line", "8"], 1),
            (F + ["run", "-n", "--id", "nope"], 66)],
    "set": [(lambda: ["-f", fresh(), "set", "-n", "--id", "x", "1 1 * * *",
                      "--", "/bin/x"], 0),
            (lambda: ["-f", fresh(), "set", "--id", "backup", "0 3 * * *",
                      "--", "/usr/local/bin/backup --all"], 0),
            (lambda: ["-f", fresh(), "set", "--id", "x", "61 * * * *", "--",
                      "/bin/x"], 65)],
    "enable": [(lambda: ["-f", fresh(), "enable", "--id", "backup"], 0),
               (lambda: ["-f", fresh(), "enable", "--id", "nope"], 66)],
    "disable": [(lambda: ["-f", fresh(), "disable", "-n", "--id", "backup"],
                 0),
                (lambda: ["-f", fresh(), "disable", "--id", "nope"], 66)],
    "remove": [(lambda: ["-f", fresh(), "remove", "-n", "--id", "backup"], 0),
               (lambda: ["-f", fresh(), "remove", "--id", "nope"], 66)],
    "install": [(lambda: ["-f", fresh(), "install", "-n", TAB2], 0),
                (lambda: ["-f", fresh(), "install", NONE], 66),
                (lambda: ["-f", fresh(), "install", BAD], 65)],
    # No document of their own: failures only.
    "completion": [(["completion", "tcsh"], 2)],
    "shell": [(["-f", NONE, "shell", "--no-such-option"], 2)],
    "edit": [(["edit", "--no-such-option"], 2)],
    "exec": [(["exec", "--", "/bin/true"], 2)],
}
if not HAVE_HISTORY:
    CASES["history"] = [c for c in CASES["history"] if c[1] != 0]

# ---- every command of 'cronkeep --help' has cases ----
rc, out, err = ck(["--help"])
commands = []
on = False
for line in out.splitlines():
    if line.startswith("commands:"):
        on = True
    elif on and line.startswith("  ") and line[2:3].isalpha():
        commands.append(line.split()[0])
if len(commands) < 20:
    fail("no command list in --help: %r" % out[:200])
for c in commands:
    if c not in CASES:
        fail("%s: no case (add it to CASES in %s)" % (c, __file__))
        continue
    rcs = [x[1] for x in CASES[c]]
    if c not in NO_DOCUMENT and not any(r < 2 for r in rcs):
        fail("%s: no case that succeeds" % c)
    if not any(r >= 2 for r in rcs):
        fail("%s: no case that fails" % c)
    if c not in NO_DOCUMENT and validator(c) is None:
        fail("%s: no docs/json/%s.schema.json" % (c, c))
for c in CASES:
    if c not in commands:
        fail("%s: a case for a command 'cronkeep --help' does not list" % c)

# ---- run them ----
for c in commands:
    v = validator(c)
    for args, want in CASES.get(c, []):
        if callable(args):
            args = args()
        # --json after the command (before "--") or, every other time,
        # before it as a global option.
        if checks % 2 == 0 and "--" not in args:
            argv = args + ["--json"]
        else:
            argv = ["--json"] + args
        checks += 1
        rc, out, err = ck(argv)
        what = "cronkeep " + " ".join(argv)
        if rc != want:
            fail("%s: exit %d, expected %d\n%s%s" % (what, rc, want,
                                                     out[:500], err[:500]))
            continue
        try:
            doc = json.loads(out)
        except ValueError as e:
            fail("%s: stdout is not one JSON document (%s):\n%s"
                 % (what, e, out[:500]))
            continue
        if rc >= 2:
            if v is not None and "error" in doc and set(doc) != {"error"}:
                errs = errors_of(v, doc)	# check, explain: their document
            else:
                errs = errors_of(ERRDOC, doc)
            if not errs and doc["error"]["exit"] != rc:
                fail("%s: error object says exit %d, the status is %d"
                     % (what, doc["error"]["exit"], rc))
            if not err.strip():
                fail("%s: no message on standard error" % what)
        else:
            errs = errors_of(v, doc)
        if errs:
            e = jsonschema.exceptions.best_match(errs)
            fail("%s: %s at /%s (%d errors)\n%s" % (
                what, e.message[:300], "/".join(map(str, e.absolute_path)),
                len(errs), out[:300]))

# ---- the schemas catch drift ----
def refused(name, doc, mutate, what):
    global checks
    checks += 1
    d = copy.deepcopy(doc)
    mutate(d)
    if not errors_of(validator(name), d):
        fail("docs/json/%s.schema.json accepts %s" % (name, what))


rc, out, err = ck(F + ["list", "--json"])
lst = json.loads(out)
refused("list", lst, lambda d: d["jobs"][0].update(extra=1), "an unknown key")
refused("list", lst, lambda d: d["jobs"][0].pop("line"), "a job without line")
refused("list", lst, lambda d: d["jobs"][0].update(line="3"), "a line as string")
rc, out, err = ck(["-f", NONE, "--json", "list"])
er = json.loads(out)
checks += 1
if not errors_of(ERRDOC, dict(er, extra=1)) or \
        not errors_of(ERRDOC, {"error": dict(er["error"], exit=65)}):
    fail("the error object accepts an unknown key or a wrong exit")
rc, out, err = ck(["check", BAD, "--json"])
chk = json.loads(out)
refused("check", chk, lambda d: d["files"][0]["diagnostics"][0].update(
    severity="info"), "severity 'info'")
if HAVE_HISTORY:
    rc, out, err = ck(["history", "--history-db", HDB, "--json"])
    h = json.loads(out)
    checks += 1
    have = set(r["status"] for r in h["runs"])
    if not {"skipped", "expired", "ok", "failed"} <= have:
        fail("history: the runs recorded are %s, not skipped, expired, "
             "ok and failed" % sorted(have))
    refused("history", h, lambda d: d["runs"][0].update(duration="1s"),
            "a duration that is no number of seconds")
rc, out, err = ck(F + ["run", "-n", "--id", "backup", "--json"])
refused("run", json.loads(out), lambda d: d.update(duration_ms=1),
        "duration_ms")

shutil.rmtree(T, ignore_errors=True)
print("%d checks, %d failed" % (checks, fails))
sys.exit(1 if fails else 0)
