#!/usr/bin/env python3
"""compare.py - cronkeep's verdicts against a real cron's, kept as data.

  compare.py CRONKEEP DIALECT VERDICTS.tsv [--allow FILE] [--show N]

VERDICTS.tsv rows: accept|reject <TAB> message <TAB> line (see verdicts.py;
'#' rows are the header).  Every line goes into one crontab, checked once with
`cronkeep --dialect DIALECT check --json`; a line agrees when cronkeep reports
an error on it exactly when the cron rejects it.  Prints the figures and each
disagreement; exit 1 when there is one that --allow FILE does not list
(rows: the line <TAB> the reason the difference stays).
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = 20
    if "--show" in sys.argv:
        show = int(sys.argv[sys.argv.index("--show") + 1])
        args.remove(str(show))
    allow = {}
    if "--allow" in sys.argv:
        path = sys.argv[sys.argv.index("--allow") + 1]
        args.remove(path)
        for row in open(path, encoding="utf-8"):
            if row.strip() and not row.startswith("#"):
                line, why = row.rstrip("\n").split("\t", 1)
                allow[line] = why
    exe, dialect, tsv = args[:3]
    rows = []
    for row in open(tsv, encoding="utf-8"):
        if row.startswith("#") or not row.strip():
            continue
        verdict, msg, line = row.rstrip("\n").split("\t", 2)
        rows.append((verdict, msg, line))
    fd, path = tempfile.mkstemp(suffix=".crontab")
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
        for _, _, line in rows:
            f.write(line.replace("\\r", "\r") + "\n")
    p = subprocess.run([exe, "--dialect", dialect, "check", "--json", path],
                       capture_output=True, text=True)
    os.unlink(path)
    try:
        diags = json.loads(p.stdout)["files"][0]["diagnostics"]
    except (ValueError, KeyError, IndexError):
        print("cronkeep check gave no JSON: %s" % p.stderr[:500])
        return 1
    errors = {}
    for d in diags:
        if d["severity"] == "error":
            errors.setdefault(d["line"], d)
    bad = []
    for i, (verdict, msg, line) in enumerate(rows, 1):
        err = errors.get(i)
        if (verdict == "reject") != (err is not None):
            bad.append((verdict, msg, line, err))
    n = len(rows)
    print("%s: %d lines, %d agree (%.2f%%), %d differ" % (
        os.path.basename(tsv), n, n - len(bad),
        100.0 * (n - len(bad)) / n if n else 100.0, len(bad)))
    unexplained = 0
    for verdict, msg, line, err in bad:
        why = allow.get(line)
        if why is None:
            unexplained += 1
        if why is None or show > 0:
            print("  cron %s (%s) %r; cronkeep: %s%s" % (
                verdict, msg, line,
                "%s %s" % (err["code"], err["message"]) if err else
                "no error", "\n    known: " + why if why else ""))
    for line in allow:
        if not any(b[2] == line for b in bad):
            print("  listed as a difference but agrees now: %r" % line)
            unexplained += 1
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
