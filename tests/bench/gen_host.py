#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""A host tree for the benchmark (deterministic): ROOT/etc/passwd with
NUSERS users, each with a spool crontab of JOBS jobs, ROOT/etc/crontab and
NFILES files in ROOT/etc/cron.d of 50 jobs each, run as the host's users
(one in 50 an unknown one).  Owners and modes are cron's (as root).

usage: gen_host.py ROOT NUSERS NFILES [JOBS [SEED]]
"""
import os
import random
import sys

SCHED = ['*/5 * * * *', '0 * * * *', '30 2 * * *', '15 3 * * 1-5',
         '@hourly', '@daily', '0 */6 * * *', '*/15 8-18 * * 1-5',
         '45 23 * * 0', '0 0 1 * *', '10,40 * * * *', '5 4 * * sun']
CMDS = ['/usr/local/bin/backup.sh >/dev/null 2>&1',
        'run-parts /etc/cron.hourly', 'cd /srv/app && ./manage.py cleanup',
        'curl -fsS https://example.com/ping/%d > /dev/null',
        'find /tmp -type f -mtime +7 -delete',
        '/usr/bin/php /var/www/app/artisan schedule:run',
        'rsync -az /data/ backup@10.0.0.5:/backups/%d/']


def job(r, i):
    c = r.choice(CMDS)
    if '%d' in c:
        c = c % i
    return r.choice(SCHED), c


def main():
    root, nusers, nfiles = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    jobs = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    r = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 42)
    asroot = os.geteuid() == 0
    etc = os.path.join(root, 'etc')
    crond = os.path.join(etc, 'cron.d')
    spool = os.path.join(root, 'var', 'spool', 'cron', 'crontabs')
    for d in (crond, spool):
        os.makedirs(d, exist_ok=True)
    os.chmod(spool, 0o1730)
    users = ['u%05d' % i for i in range(nusers)]
    with open(os.path.join(etc, 'passwd'), 'w') as f:
        f.write('root:x:0:0:root:/root:/bin/sh\n')
        for i, u in enumerate(users):
            f.write('%s:x:%d:%d::/home/%s:/bin/sh\n' % (u, 10000 + i,
                                                       10000 + i, u))
    with open(os.path.join(etc, 'crontab'), 'w') as f:
        f.write('SHELL=/bin/sh\nPATH=/usr/bin:/bin\nMAILTO=root\n'
                '17 * * * * root cd / && run-parts /etc/cron.hourly\n')
    n = 0
    for i, u in enumerate(users):
        p = os.path.join(spool, u)
        with open(p, 'w') as f:
            f.write('MAILTO=%s@example.com\n' % u)
            for k in range(jobs):
                s, c = job(r, n)
                n += 1
                f.write('# job %d\n%s %s\n' % (k, s, c))
        os.chmod(p, 0o600)
        if asroot:
            os.chown(p, 10000 + i, 0)
    for i in range(nfiles):
        p = os.path.join(crond, 'f%05d' % i)
        with open(p, 'w') as f:
            f.write('MAILTO=ops@example.com\nPATH=/usr/bin:/bin\n')
            for k in range(50):
                s, c = job(r, n)
                n += 1
                u = r.choice(users) if users and r.random() > 0.02 \
                    else 'nosuch%d' % k
                f.write('# cronkeep: j%d\n%s %s %s\n' % (k, s, u, c))
        os.chmod(p, 0o644)
        if asroot:
            os.chown(p, 0, 0)


if __name__ == '__main__':
    main()
