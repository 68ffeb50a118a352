#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""docs_check.py - the man pages document what the code has.

usage: docs_check.py SRCDIR CRONKEEP [BUILDDIR]

- every page in docs/ passes `mandoc -T lint -W warning` without a word,
  and is installed by install_man() in meson.build;
- libcronkeep(3) has a .Fn (or .Fo) for every CK_API function of
  include/cronkeep.h, and names no ck_ function the header lacks;
- cronkeep(1) has a subsection for every command of `cronkeep --help`, and
  names every long option that `cronkeep help COMMAND` lists, in that
  command's subsection (or among the global options);
- cronkeep(1) lists under ENVIRONMENT every variable src/cli reads with
  getenv(), and under EXIT STATUS every sysexits code src/cli returns;
- every key of the JSON documents the commands print is named in the
  command's subsection of cronkeep(1);
- every .Xr to a cronkeep page names a page in docs/;
- with BUILDDIR, the program in libcronkeep(3)'s EXAMPLES compiles against
  the header and the built library and does what the page says.
"""
import glob
import os
import re
import subprocess
import sys

fails = 0
checks = 0

# Read by the CLI but not an interface: fault injection for the tests
# (documented where they are read: source.c, ping.c).
UNDOCUMENTED_ENV = {"CRONKEEP_FAULT_PAUSE_MS", "CRONKEEP_FAULT_CURL_INIT"}


def fail(msg):
    global fails
    fails += 1
    print("FAIL: " + msg, file=sys.stderr)


def ok():
    global checks
    checks += 1


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def check_mandoc(src, pages):
    meson = read(os.path.join(src, "meson.build"))
    m = re.search(r"install_man\((.*?)\)", meson, re.S)
    installed = set(re.findall(r"'([^']+)'", m.group(1))) if m else set()
    for page in pages:
        rel = os.path.relpath(page, src)
        p = subprocess.run(["mandoc", "-T", "lint", "-W", "warning", page],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0 or p.stdout:
            fail("mandoc -T lint -W warning %s:\n%s" %
                 (rel, p.stdout.decode(errors="replace")))
        else:
            ok()
        if rel in installed:
            ok()
        else:
            fail("%s is not in install_man() in meson.build" % rel)


def check_api(src):
    header = read(os.path.join(src, "include", "cronkeep.h"))
    man = read(os.path.join(src, "docs", "libcronkeep.3"))
    names = []
    for decl in re.findall(r"^CK_API\b([^;]*);", header, re.M):
        m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", decl)
        if m:
            names.append(m.group(1))
        else:
            fail("cannot find the function name in CK_API%s" % decl)
    if len(names) < 100:
        fail("only %d CK_API functions found in cronkeep.h" % len(names))
    documented = set(re.findall(r"^\.It F[no] (ck_[A-Za-z0-9_]+)", man,
                                re.M))
    for n in names:
        if n in documented:
            ok()
        else:
            fail("libcronkeep.3 has no entry .It Fn %s" % n)
    mentioned = set(re.findall(r"\b(ck_[a-z0-9_]+)\b", man))
    types = set(re.findall(r"\b(ck_[a-z0-9_]+)\b", header))
    for n in sorted(mentioned - types):
        fail("libcronkeep.3 names %s, which cronkeep.h lacks" % n)
    return len(names)


def sections(man):
    """cronkeep.1's .Ss subsections of COMMANDS: name -> text."""
    m = re.search(r"^\.Sh COMMANDS\n(.*?)(?=^\.Sh )", man, re.S | re.M)
    if not m:
        fail("cronkeep.1 has no COMMANDS section")
        return {}
    out = {}
    for part in re.split(r"^(?=\.Ss )", m.group(1), flags=re.M):
        h = re.match(r"\.Ss (\S+)", part)
        if h:
            out[h.group(1)] = part
    return out


def check_cli(src, cronkeep):
    man = read(os.path.join(src, "docs", "cronkeep.1"))
    top = subprocess.run([cronkeep, "--help"], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT).stdout.decode()
    cmds = re.findall(r"^  ([a-z]+) {2,}", top.split("commands:", 1)[1], re.M)
    if len(cmds) < 15:
        fail("only %d commands in cronkeep --help" % len(cmds))
    # The global options: "where" (in DESCRIPTION) and OPTIONS.
    m = re.search(r"^\.Sh DESCRIPTION\n(.*?)^\.Sh OPTIONS\n(.*?)(?=^\.Sh )",
                  man, re.S | re.M)
    global_opts = set(re.findall(r"Fl -([a-z0-9-]+)", m.group(1) +
                                 m.group(2))) if m else set()
    if not m:
        fail("cronkeep.1 has no DESCRIPTION and OPTIONS sections")
    for o in re.findall(r"(?<![\w-])--([a-z][a-z0-9-]*)",
                        top.split("commands:", 1)[0]):
        if o in global_opts:
            ok()
        else:
            fail("cronkeep.1 OPTIONS lacks --%s (cronkeep --help)" % o)
    secs = sections(man)
    for c in cmds:
        if c not in secs:
            fail("cronkeep.1 has no '.Ss %s' under COMMANDS" % c)
            continue
        ok()
        text = subprocess.run([cronkeep, "help", c], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT).stdout.decode()
        have = set(re.findall(r"Fl -([a-z0-9-]+)", secs[c])) | global_opts
        for o in sorted(set(re.findall(r"(?<![\w-])--([a-z][a-z0-9-]*)",
                                       text))):
            if o in have:
                ok()
            else:
                fail("cronkeep.1 '%s' lacks --%s (cronkeep help %s)" %
                     (c, o, c))
    for c in secs:
        if c not in cmds and c != "help":
            fail("cronkeep.1 documents '%s', which cronkeep lacks" % c)
    return man, len(cmds)


# JSON documents to produce, and the cronkeep(1) subsection that must name
# every key in them ("key").  Run in a directory holding ex.cron (the
# bundled example), t.cron, h.cron and sys.log.
JSON_RUNS = [
    ("check", ["check", "--format", "json", "t.cron"]),
    ("check", ["check", "--list-rules", "--json"]),
    ("list", ["-f", "ex.cron", "list", "--json", "-v", "--next",
              "--explain"]),
    ("list", ["-f", "ex.cron", "find", "--json", "--id", "backup.nightly"]),
    ("show", ["-f", "ex.cron", "show", "--json"]),
    ("next", ["next", "--json", "-c", "2", "0 * * * *"]),
    ("next", ["next", "--json", "--prev", "-c", "2", "0 * * * *"]),
    ("explain", ["explain", "--json", "0 9 * * 1"]),
    ("explain", ["explain", "--json", "0 9 * * 8"]),
    ("explain", ["explain", "--json", "--when", "every 7 hours"]),
    ("explain", ["-f", "ex.cron", "explain", "--json", "--id",
                 "report.weekly"]),
    ("diff", ["diff", "--json", "ex.cron", "t.cron"]),
    ("stats", ["-f", "ex.cron", "stats", "--json", "--max-concurrent",
               "1"]),
    ("export", ["-f", "ex.cron", "export", "--json", "--to", "systemd"]),
    ("set", ["-f", "h.cron", "set", "--json", "--id", "x", "@daily", "--",
             "true"]),
    ("set", ["-f", "h.cron", "-n", "set", "--json", "--id", "x", "@hourly",
             "--", "true"]),
    ("disable", ["-f", "h.cron", "disable", "--json", "--id", "x"]),
    ("remove", ["-f", "h.cron", "remove", "--json", "--id", "x"]),
    ("install", ["-f", "h.cron", "install", "--json", "g.cron"]),
    ("run", ["-f", "ex.cron", "run", "--json", "-n", "--id",
             "backup.nightly"]),
    ("run", ["-f", "t.cron", "run", "--json", "--line", "3"]),
    ("history", ["exec", "--id", "x", "--", "true"]),
    ("history", ["history", "--json"]),
    ("list", ["-f", "g.cron", "list", "--json", "--status"]),
    ("history", ["exec", "--id", "hi", "--", "true"]),
    ("list", ["-f", "g.cron", "list", "--json", "--status"]),
    ("log", ["log", "--json", "--log-file", "sys.log"]),
]


def json_keys(d, out, skip=("environment",)):
    if isinstance(d, dict):
        for k, v in d.items():
            out.add(k)
            if k not in skip:
                json_keys(v, out)
    elif isinstance(d, list):
        for v in d:
            json_keys(v, out)


def check_json(src, cronkeep, secs):
    """Every key of every JSON document is named in its subsection."""
    import json
    import shutil
    import tempfile
    tmp = tempfile.mkdtemp(prefix="ckjson.")
    try:
        shutil.copy(os.path.join(src, "docs", "examples", "example.crontab"),
                    os.path.join(tmp, "ex.cron"))
        with open(os.path.join(tmp, "t.cron"), "w") as f:
            f.write("MAILTO=\"\"\n0 0 32 * * /bin/x\n* * * * * echo hi\n")
        with open(os.path.join(tmp, "g.cron"), "w") as f:
            f.write("MAILTO=\"\"\n# cronkeep: hi\n0 1 * * * echo hi\n")
        with open(os.path.join(tmp, "sys.log"), "w") as f:
            f.write("Nov 25 13:00:01 host CRON[12]: (root) CMD (/bin/true)\n"
                    "Nov 25 13:00:02 host CRON[12]: (root) END (/bin/true)\n")
        env = dict(os.environ, TZ="UTC", LC_ALL="C", HOME=tmp,
                   CRONKEEP_NOW="1795608000", CRONKEEP_CRONTAB="/bin/false",
                   CRONKEEP_HISTORY_DB=os.path.join(tmp, "h.db"))
        for sec, args in JSON_RUNS:
            p = subprocess.run([os.path.abspath(cronkeep), *args], cwd=tmp,
                               env=env,
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            if "--json" not in args and "json" not in args:
                continue
            try:
                doc = json.loads(p.stdout)
            except ValueError:
                fail("cronkeep %s: not JSON (exit %d): %r %r" %
                     (" ".join(args), p.returncode, p.stdout[:200],
                      p.stderr[:200]))
                continue
            keys = set()
            json_keys(doc, keys)
            text = secs.get(sec, "").replace("\\(dq", '"')
            for k in sorted(keys):
                if '"%s"' % k in text or \
                        re.search(r"\bQq %s\b" % re.escape(k), text):
                    ok()
                else:
                    fail("cronkeep.1 '%s' lacks the JSON key \"%s\" "
                         "(cronkeep %s)" % (sec, k, " ".join(args)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_env_exit(src, man):
    m = re.search(r"^\.Sh ENVIRONMENT\n(.*?)(?=^\.Sh )", man, re.S | re.M)
    env_doc = set()
    for item in re.findall(r"^\.It (Ev .*)", m.group(1) if m else "", re.M):
        env_doc |= set(re.findall(r"Ev ([A-Z_]+)", item))
    m = re.search(r"^\.Sh EXIT STATUS\n(.*?)(?=^\.Sh )", man, re.S | re.M)
    exit_doc = m.group(1) if m else ""
    used_env = set()
    used_ex = set()
    for path in glob.glob(os.path.join(src, "src", "cli", "*.c")):
        text = read(path)
        used_env |= set(re.findall(r'getenv\("([A-Z_]+)"\)', text))
        used_ex |= set(re.findall(r"\b(EX_[A-Z]+)\b", text))
    for v in sorted(used_env - UNDOCUMENTED_ENV):
        if v in env_doc:
            ok()
        else:
            fail("cronkeep.1 ENVIRONMENT lacks %s (read in src/cli)" % v)
    for e in sorted(used_ex):
        if re.search(r"\b%s\b" % e, exit_doc):
            ok()
        else:
            fail("cronkeep.1 EXIT STATUS lacks %s (returned in src/cli)" % e)


def check_xrefs(src, pages):
    names = {os.path.basename(p) for p in pages}
    for page in pages:
        for name, sec in re.findall(r"^\.Xr ((?:lib)?cronkeep\S*) (\d)",
                                    read(page), re.M):
            if "%s.%s" % (name, sec) in names:
                ok()
            else:
                fail("%s refers to %s(%s), which docs/ lacks" %
                     (os.path.basename(page), name, sec))


def check_example(src, build):
    """libcronkeep(3)'s EXAMPLES program compiles and does what it says."""
    import json
    import shutil
    import tempfile
    man = read(os.path.join(src, "docs", "libcronkeep.3"))
    m = re.search(r"^\.Sh EXAMPLES\n.*?^\.Bd -literal\n(.*?)^\.Ed", man,
                  re.S | re.M)
    if not m:
        fail("libcronkeep.3 has no example program")
        return
    prog = m.group(1).replace("\\e", "\\")
    cc = shutil.which("cc")
    if cc is None:
        print("note: no C compiler: the example is not built",
              file=sys.stderr)
        return
    flags = []
    try:
        with open(os.path.join(build, "meson-info",
                               "intro-buildoptions.json")) as f:
            for o in json.load(f):
                if o["name"] == "b_sanitize" and o["value"] not in \
                        ("none", [], ""):
                    v = o["value"]
                    flags.append("-fsanitize=" +
                                 (",".join(v) if isinstance(v, list) else v))
    except (OSError, ValueError, KeyError):
        pass
    tmp = tempfile.mkdtemp(prefix="ckdocs.")
    try:
        c = os.path.join(tmp, "add.c")
        with open(c, "w") as f:
            f.write(prog)
        exe = os.path.join(tmp, "add")
        p = subprocess.run([cc, "-std=c99", "-D_DEFAULT_SOURCE", "-Wall",
                            "-Wextra", "-Werror", *flags,
                            "-I", os.path.join(src, "include"), "-o", exe, c,
                            "-L", build, "-lcronkeep",
                            "-Wl,-rpath," + os.path.abspath(build)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            fail("the libcronkeep.3 example does not compile:\n" +
                 p.stdout.decode(errors="replace"))
            return
        ok()
        tab = os.path.join(tmp, "tab")
        with open(tab, "w") as f:
            f.write("# keep me\nMAILTO=\"\"\n0 1 * * * /bin/other\n")
        for want in ("created", "unchanged"):
            p = subprocess.run([exe, tab], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            lines = p.stdout.decode(errors="replace").split("\n")
            if p.returncode == 0 and lines[0] == want and \
                    lines[1].startswith("/bin/other: "):
                ok()
            else:
                fail("the libcronkeep.3 example printed %r (exit %d), "
                     "expected %s" % (lines, p.returncode, want))
        if read(tab) == ("# keep me\nMAILTO=\"\"\n0 1 * * * /bin/other\n"
                         "# cronkeep: backup\n30 2 * * * "
                         "/usr/local/bin/backup\n"):
            ok()
        else:
            fail("the libcronkeep.3 example wrote %r" % read(tab))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    src, cronkeep = sys.argv[1:3]
    pages = sorted(glob.glob(os.path.join(src, "docs", "*.[1-9]")))
    check_mandoc(src, pages)
    nfn = check_api(src)
    man, ncmd = check_cli(src, cronkeep)
    check_json(src, cronkeep, sections(man))
    check_env_exit(src, man)
    check_xrefs(src, pages)
    if len(sys.argv) == 4:
        check_example(src, sys.argv[3])
    print("%d pages, %d API functions, %d commands: %d checks, %d failed" %
          (len(pages), nfn, ncmd, checks + fails, fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
