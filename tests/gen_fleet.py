#!/usr/bin/env python3
"""gen_fleet.py DIR N [JOBS]: N host inventories (cronkeep inventory --json
documents, version 1) in DIR/hNNNN.json, JOBS jobs each (default 50), and
DIR/../expected.json: what the fleet view must find in them.

Seeded: the same fleet every time.  Hosts are in three groups (web, db,
batch, by host number).  Every host runs "backup" at 00:00 (the herd);
each group shares its own ids; a few jobs per host have no id and a
command of their own.  Injected on purpose, and listed in expected.json:
  drift       web hosts 3 and 6 lack "rotate", web host 9 runs it at
              another time; db host 1 has "vacuum" disabled
  duplicates  hosts 10 and 20 run backup's command a second time
  lint        host 5 has one job with an error
No other minute, id or command is shared in a way that would make more.
"""
import json
import os
import random
import sys

GROUPS = ["web", "db", "batch"]
OWN = {"web": [("rotate", "15 3 * * *", "/usr/sbin/logrotate /etc/lr.conf"),
               ("purge-cache", "7-59/15 * * * *", "/usr/local/bin/purge")],
       "db": [("vacuum", "30 1 * * *", "/usr/bin/vacuumdb --all"),
              ("dump", "10 2 * * *", "/usr/local/bin/dump")],
       "batch": [("report", "20 6 * * 1-5", "/opt/batch/report"),
                 ("ingest", "5 */2 * * *", "/opt/batch/ingest")]}
BACKUP = ("backup", "0 0 * * *", "/usr/local/bin/backup --all")
NOW = "2026-11-18T11:06:40+00:00"


def job(host, line, jid, sched, cmd, owner="root", enabled=True, lint=None):
    return {"source": "/etc/cron.d/fleet", "line": line, "kind": "cron",
            "id": jid,
            "owner": owner, "schedule": sched, "command": cmd,
            "comment": None, "zone": "UTC", "enabled": enabled,
            "next": [], "lint": lint or [], "last_run": None}


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    per = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    rnd = random.Random(22)
    os.makedirs(out, exist_ok=True)
    names = ["h%04d" % i for i in range(n)]
    group_of = {h: GROUPS[i % 3] for i, h in enumerate(names)}
    errors = 0
    for i, h in enumerate(names):
        g = group_of[h]
        jobs = []
        line = 1

        def add(*a, **k):
            nonlocal line
            jobs.append(job(h, line, *a, **k))
            line += 2
        add(*BACKUP)
        for jid, sched, cmd in OWN[g]:
            if g == "web" and jid == "rotate" and i in (3, 6):
                continue
            if g == "web" and jid == "rotate" and i == 9:
                sched = "45 3 * * *"
            add(jid, sched, cmd, enabled=not (g == "db" and jid == "vacuum"
                                              and i == 1))
        if i in (10, 20):
            add(None, "30 0 * * *", BACKUP[2])
        gi = GROUPS.index(g)
        for k in range(per - 9):
            # The group's own tasks (on each of its hosts): never at :00,
            # never in the same minute as another group's.
            add("%s-task%d" % (g, k), "%d %d * * *" % (
                1 + (k * 7 + 19 * gi) % 58, k % 24),
                "/opt/%s/task%d" % (g, k))
        while len(jobs) < per:
            lint = None
            if i == 5 and len(jobs) == per - 1:
                lint = [{"line": line, "column": 5, "severity": "error",
                         "code": "CK009", "rule": "out-of-range",
                         "message": "day-of-month 32 out of range 1-31"}]
                errors += 1
            add(None, "%d %d * * *" % (rnd.randrange(1, 60),
                                       rnd.randrange(24)),
                "/home/u%d/bin/job --host %s" % (len(jobs), h),
                owner="u%d" % len(jobs), lint=lint)
        doc = {"format": "cronkeep-inventory", "version": 1,
               "generator": "cronkeep gen_fleet.py", "host": h, "group": g,
               "root": "/", "flavour": "debian", "dialect": "debian",
               "zone": "UTC", "now": NOW,
               "window": {"from": NOW, "to": "2026-12-19T11:06:40+00:00",
                          "count": 0},
               "crontabs": [{"source": "/etc/cron.d/fleet",
                             "path": "/etc/cron.d/fleet", "kind": "cron.d",
                             "owner": None, "jobs": len(jobs),
                             "lint": []}],
               "jobs": jobs, "skipped": [],
               "summary": {"crontabs": 1, "jobs": len(jobs),
                           "enabled": sum(j["enabled"] for j in jobs),
                           "errors": sum(len(j["lint"]) for j in jobs),
                           "warnings": 0, "notes": 0}}
        with open(os.path.join(out, h + ".json"), "w") as f:
            json.dump(doc, f, separators=(",", ":"))
    web = [h for h in names if group_of[h] == "web"]
    drift = []
    if len(web) > 9:
        drift.append({"group": "web", "id": "rotate",
                      "missing": [names[3], names[6]], "variants": 2})
    if n > 1:
        drift.append({"group": "db", "id": "vacuum", "missing": [],
                      "variants": 2})
    expected = {
        "hosts": n, "jobs": n * per,
        "herd": {"at": "2026-11-19T00:00:00+00:00", "starts": n,
                 "hosts": n},
        "backup_groups": {g: sum(1 for h in names if group_of[h] == g)
                          for g in GROUPS if any(group_of[h] == g
                                                 for h in names)},
        "drift": sorted(drift, key=lambda d: (d["group"], d["id"])),
        "duplicates": [names[i] for i in (10, 20) if i < n],
        "errors": errors,
    }
    with open(os.path.join(os.path.dirname(os.path.abspath(out)),
                           "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
