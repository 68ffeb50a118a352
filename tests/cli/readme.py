#!/usr/bin/env python3
"""readme.py - run the examples of README.md and compare their output.

usage: readme.py [--update] README CRONKEEP SRCDIR [BUILDDIR]

Every ```console block of the README is a session: each line starting with
"$ " is a command (a line ending in a backslash continues it, and a
here-document runs to its delimiter line); the lines after it, up to the
next command or the end of the block, are what it prints (standard output
and standard error through one pipe).  The commands run with sh -c, in
order, in one temporary directory that holds a copy of docs/examples, with
`cronkeep` on PATH meaning the built binary, a fixed clock (CRONKEEP_NOW),
TZ=UTC, LC_ALL=C and no terminal, so their output is exact.

A command must exit 0, unless it ends with the comment "# exits N".
An HTML comment right before a block changes how it is checked:
  <!-- readme-test: exit-only -->   only the exit statuses count (for
                                    output that depends on the clock)
  <!-- readme-test: file NAME -->   (before any fenced block) the block's
                                    text is written to NAME in the
                                    directory before the commands run
With BUILDDIR, `pkg-config --cflags --libs cronkeep` answers with the
source tree's include/ and BUILDDIR's library (and the sanitizer flags the
library was built with), so the README's C program is compiled as a user
would compile it against the installed library.

Also checked: the quick start has exactly the two commands .ci/run
mirrors and installs the same packages as .ci/run's packages=(...), every relative link points to a file that exists, and the
python-crontab table names only commands and options cronkeep has and
functions cronkeep.h declares.

--update rewrites the README's expected output with what the commands
print now (for a maintainer who changed the output on purpose: read the
diff before committing it).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# 2026-11-25 12:00:00 UTC, a Wednesday.
NOW = "1795608000"

fails = 0
checks = 0


def fail(msg):
    global fails
    fails += 1
    print("FAIL: " + msg, file=sys.stderr)


def ok():
    global checks
    checks += 1


class Command:
    def __init__(self, lineno, text):
        self.lineno = lineno        # 1-based line of the "$ " line
        self.text = text            # the command, continuation included
        self.out_start = None       # index of the first output line
        self.out = []               # expected output lines
        m = re.search(r"#\s*exits\s+(\d+)\s*$", text.splitlines()[0])
        self.rc = int(m.group(1)) if m else 0


class Block:
    def __init__(self, lineno, mode):
        self.lineno = lineno
        self.mode = mode
        self.cmds = []
        self.end = None             # index of the closing fence


def parse(lines, files):
    """The console blocks of lines (a list without line endings); the
    blocks marked "file NAME" go to files[NAME]."""
    blocks = []
    mode = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"\s*<!--\s*readme-test:\s*([a-z-]+(?: \S+)?)\s*-->\s*$",
                     line)
        if m:
            mode = m.group(1)
            if mode != "exit-only" and not re.match(r"file [\w.-]+$", mode):
                fail("README:%d: unknown readme-test mode %r" % (i + 1, mode))
            i += 1
            continue
        if mode is not None and mode.startswith("file ") and \
                line.startswith("```"):
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            files[mode[5:]] = "\n".join(body) + "\n"
            mode = None
            i += 1
            continue
        if line.strip() == "```console":
            b = Block(i + 1, mode or "exact")
            mode = None
            i += 1
            cur = None
            while i < len(lines) and lines[i].strip() != "```":
                if lines[i].startswith("$ "):
                    start = i
                    text = lines[i][2:]
                    while text.endswith("\\") and i + 1 < len(lines):
                        i += 1
                        text += "\n" + lines[i]
                    h = re.search(r"<<-?\s*'?\"?([A-Za-z_]+)'?\"?", text)
                    if h:
                        while i + 1 < len(lines):
                            i += 1
                            text += "\n" + lines[i]
                            if lines[i] == h.group(1):
                                break
                    cur = Command(start + 1, text)
                    cur.out_start = i + 1
                    b.cmds.append(cur)
                elif cur is None:
                    fail("README:%d: output before the first command" %
                         (i + 1))
                else:
                    cur.out.append(lines[i])
                i += 1
            b.end = i
            if not b.cmds:
                fail("README:%d: a console block without a command" %
                     b.lineno)
            blocks.append(b)
        elif line.strip() != "":
            mode = None
        i += 1
    return blocks


def environment(tmp):
    env = {
        "PATH": os.path.join(tmp, "bin") + ":/usr/local/bin:/usr/bin:/bin",
        "HOME": os.path.join(tmp, "home"),
        "TMPDIR": tmp,
        "TZ": "UTC",
        "LC_ALL": "C",
        "NO_COLOR": "1",
        "CRONKEEP_NOW": NOW,
        "CRONKEEP_HISTORY_DB": os.path.join(tmp, "history.db"),
        "XDG_STATE_HOME": os.path.join(tmp, "state"),
        # No README command may touch a real user's crontab.
        "CRONKEEP_CRONTAB": "/bin/false",
    }
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]
    return env


def sanitize_flags(build):
    """-fsanitize=... when the library in build was built with it."""
    import json
    try:
        with open(os.path.join(build, "meson-info",
                               "intro-buildoptions.json")) as f:
            for o in json.load(f):
                v = o.get("value")
                if o.get("name") == "b_sanitize" and v not in \
                        ("none", [], ""):
                    return "-fsanitize=" + (",".join(v)
                                            if isinstance(v, list) else v)
    except (OSError, ValueError):
        pass
    return ""


def pkg_config_shim(path, src, build):
    build = os.path.abspath(build)
    flags = "-I%s %s -L%s -lcronkeep -Wl,-rpath,%s" % (
        os.path.join(os.path.abspath(src), "include"),
        sanitize_flags(build), build, build)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n# readme.py: cronkeep as if installed\n"
                "for a; do [ \"$a\" = cronkeep ] && "
                "{ echo '%s'; exit 0; }; done\n"
                "echo \"pkg-config (readme.py): only cronkeep\" >&2\n"
                "exit 1\n" % flags)
    os.chmod(path, 0o755)


def run_blocks(blocks, files, cronkeep, src, build, update):
    tmp = tempfile.mkdtemp(prefix="ckreadme.")
    try:
        os.makedirs(os.path.join(tmp, "bin"))
        os.makedirs(os.path.join(tmp, "home"))
        os.symlink(os.path.abspath(cronkeep),
                   os.path.join(tmp, "bin", "cronkeep"))
        if build is not None:
            pkg_config_shim(os.path.join(tmp, "bin", "pkg-config"), src,
                            build)
        shutil.copytree(os.path.join(src, "docs", "examples"),
                        os.path.join(tmp, "docs", "examples"))
        for name, body in files.items():
            with open(os.path.join(tmp, name), "w") as f:
                f.write(body)
        env = environment(tmp)
        for b in blocks:
            for c in b.cmds:
                try:
                    p = subprocess.run(["sh", "-c", c.text], cwd=tmp, env=env,
                                       stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, timeout=60)
                except subprocess.TimeoutExpired:
                    fail("README:%d: timed out: %s" % (c.lineno, c.text))
                    continue
                got = p.stdout.decode("utf-8", "backslashreplace")
                # Trailing blanks do not count: editors strip them.
                got_lines = [s.rstrip() for s in got.split("\n")]
                if got_lines and got_lines[-1] == "":
                    got_lines.pop()
                if p.returncode != c.rc:
                    fail("README:%d: %s\n  exit status %d, expected %d\n%s" %
                         (c.lineno, c.text, p.returncode, c.rc, got))
                else:
                    ok()
                if b.mode == "exit-only":
                    continue
                if update:
                    c.out = got_lines
                elif got_lines != [s.rstrip() for s in c.out]:
                    diff = "\n".join(
                        ["  --- README", *["  " + s for s in c.out],
                         "  --- now", *["  " + s for s in got_lines]])
                    fail("README:%d: %s\n  output differs:\n%s" %
                         (c.lineno, c.text, diff))
                else:
                    ok()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def rewrite(lines, blocks):
    """lines with each command's output replaced by c.out."""
    out = []
    i = 0
    for b in blocks:
        for c in b.cmds:
            out.extend(lines[i:c.out_start])
            out.extend(c.out)
            i = c.out_start + len(lines_of(c, lines, b))
    out.extend(lines[i:])
    return out


def lines_of(c, lines, b):
    """The README's current output lines of command c."""
    j = c.out_start
    while j < b.end and not lines[j].startswith("$ "):
        j += 1
    return lines[c.out_start:j]


def check_quick_start(text, src):
    """The quick start's two commands, and .ci/run running the same."""
    m = re.search(r"^## Quick start\n(.*?)(?=^## )", text, re.S | re.M)
    if not m:
        fail("README has no '## Quick start' section")
        return
    cmds = re.findall(r"```sh\n(.*?)\n```", m.group(1), re.S)
    if len(cmds) != 2 or any("\n" in c for c in cmds):
        fail("the quick start must hold exactly two one-line sh blocks, "
             "not %r" % cmds)
        return
    ok()
    build, test = cmds
    for part in ("apt-get install -y", "meson setup build",
                 "ninja -C build"):
        if part in build:
            ok()
        else:
            fail("quick start command 1 lacks %r" % part)
    ci_path = os.path.join(src, ".ci", "run")
    try:
        with open(ci_path) as f:
            ci = f.read()
    except OSError as e:
        fail("cannot read .ci/run: %s" % e)
        return
    if re.search(r"^\s*" + re.escape(test) + r"(\s|$)", ci, re.M):
        ok()
    else:
        fail(".ci/run does not run the quick start's test command %r" % test)
    if re.search(r"^\s*meson setup build(\s|$)", ci, re.M):
        ok()
    else:
        fail(".ci/run does not run 'meson setup build'")
    pk = re.search(r"apt-get install -y ([a-z0-9. +-]+?) &&", build)
    ci_pk = re.search(r"^packages=\((.*?)\)", ci, re.S | re.M)
    if not pk or not ci_pk:
        fail("cannot find the package lists of the README and .ci/run")
        return
    readme_pk = set(pk.group(1).split())
    ci_set = set(re.sub(r"#.*", "", ci_pk.group(1)).split())
    missing = readme_pk - ci_set
    if missing:
        fail(".ci/run does not install %s, which the README does" %
             " ".join(sorted(missing)))
    else:
        ok()
    missing = ci_set - readme_pk
    if missing:
        fail("the README's quick start does not install %s, which .ci/run's "
             "packages=(...) has (CI-only packages go in ci_packages)" %
             " ".join(sorted(missing)))
    else:
        ok()


def check_links(text, src):
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        if os.path.exists(os.path.join(src, target)):
            ok()
        else:
            fail("README links to %s, which does not exist" % target)


def check_mapping(text, src, cronkeep):
    """The python-crontab table names real options and real functions."""
    m = re.search(r"^## From python-crontab\n(.*?)(?=^## )", text,
                  re.S | re.M)
    if not m:
        fail("README has no '## From python-crontab' section")
        return
    rows = [r for r in m.group(1).split("\n")
            if r.startswith("| `") or r.startswith("| any")]
    if len(rows) < 40:
        fail("only %d rows in the python-crontab table" % len(rows))
    helps = subprocess.run([cronkeep, "--help"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT).stdout.decode()
    cmds = re.findall(r"^  ([a-z]+) {2,}", helps.split("commands:", 1)[1],
                      re.M)
    for c in cmds:
        helps += subprocess.run([cronkeep, "help", c], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT).stdout.decode()
    opts = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", helps))
    with open(os.path.join(src, "include", "cronkeep.h")) as f:
        header = f.read()
    names = set(re.findall(r"\b(ck_[a-z0-9_]+)\b", header))
    for r in rows:
        cells = [c.strip() for c in r.strip("|").split(" | ")]
        if len(cells) != 3:
            fail("README table row without three cells: %s" % r)
            continue
        for word in re.findall(r"`cronkeep ([a-z]+)", cells[1]):
            if word in cmds:
                ok()
            else:
                fail("README table: no command %r: %s" % (word, r))
        for o in re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", cells[1]):
            if o in opts:
                ok()
            else:
                fail("README table: cronkeep has no option %s: %s" % (o, r))
        for n in re.findall(r"\b(ck_[a-z0-9_]+)", cells[2]):
            if n in names:
                ok()
            else:
                fail("README table: cronkeep.h has no %s: %s" % (n, r))


def main():
    args = sys.argv[1:]
    update = False
    if args and args[0] == "--update":
        update = True
        args = args[1:]
    if len(args) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    readme, cronkeep, src = args[:3]
    build = args[3] if len(args) == 4 else None
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    files = {}
    blocks = parse(lines, files)
    if len(blocks) < 10:
        fail("only %d console blocks found in %s" % (len(blocks), readme))
    ncmd = sum(len(b.cmds) for b in blocks)
    if not update:
        check_quick_start(text, src)
        check_links(text, src)
        check_mapping(text, src, cronkeep)
    if files and build is None:
        fail("the README has files to compile: give BUILDDIR")
        return 1
    run_blocks(blocks, files, cronkeep, src, build, update)
    if update:
        with open(readme, "w", encoding="utf-8") as f:
            f.write("\n".join(rewrite(lines, blocks)))
        print("updated %d commands in %d blocks" % (ncmd, len(blocks)))
        return 0
    print("%d blocks, %d commands: %d checks, %d failed" %
          (len(blocks), ncmd, checks + fails, fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
