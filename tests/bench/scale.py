#!/usr/bin/python3
"""Host- and fleet-scale workloads (issue 26): diff against GNU diff,
check --all and stats --all on generated host trees, a year of
stats --max-concurrent, each at two sizes ten times apart, with CPU time,
peak memory and the growth exponent log(t2/t1)/log(10).  One run each.

usage: scale.py BUILD_DIR [WORKDIR]      (results: WORKDIR/scale.json)
"""
import json
import math
import os
import random
import resource
import subprocess
import sys

SRC = os.path.dirname(os.path.abspath(__file__))


def timed(argv, out=subprocess.DEVNULL):
    """CPU seconds (user+sys) and peak RSS (KiB) of one child run."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    cpu = ru.ru_utime + ru.ru_stime
    del r0
    return cpu, ru.ru_maxrss, os.waitstatus_to_exitcode(status)


def mutate(src, dst, frac, seed=7):
    r = random.Random(seed)
    with open(src, encoding='utf-8', errors='surrogateescape') as f:
        lines = f.readlines()
    for i, l in enumerate(lines):
        if r.random() < frac and l.strip():
            lines[i] = l.rstrip('\n') + ' x\n'
    with open(dst, 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.writelines(lines)


def main():
    build = os.path.abspath(sys.argv[1])
    work = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else
                           os.path.join(build, 'tests', 'bench', 'scale'))
    os.makedirs(work, exist_ok=True)
    ck = os.path.join(build, 'src', 'cli', 'cronkeep')
    rows = []

    def row(workload, size, argv, peer=None, out=subprocess.DEVNULL):
        cpu, kib, rc = timed(argv, out)
        r = {'workload': workload, 'size': size, 'cpu_s': cpu,
             'peak_kib': kib, 'exit': rc}
        if peer:
            r['gnu_diff_cpu_s'] = timed(peer)[0]
        rows.append(r)
        print('%-34s %8d  %7.3f s  %8d KiB%s' % (
            workload, size, cpu, kib, '  (GNU diff %.3f s)' %
            r['gnu_diff_cpu_s'] if peer else ''), flush=True)

    for n in (10000, 100000):
        base = os.path.join(work, 'tab-%d' % n)
        if not os.path.exists(base):
            with open(base, 'w') as f:
                subprocess.run([sys.executable, os.path.join(
                    SRC, 'gen_crontab.py'), str(n)], stdout=f, check=True)
        for frac, name in ((0, 'self'), (0.01, '1%'), (0.5, '50%')):
            other = base if frac == 0 else '%s.%s' % (base, name[:-1])
            if frac and not os.path.exists(other):
                mutate(base, other, frac)
            row('diff %s' % name, n, [ck, 'diff', base, other],
                peer=['diff', base, other])
        row('stats --max-concurrent, a year', n,
            [ck, '-f', base, 'stats', '--from', '2026-01-01', '--days',
             '365', '--tz', 'UTC', '--max-concurrent', '100000'])
        row('check', n, [ck, 'check', base])
    for users, files in ((1000, 100), (10000, 1000)):
        root = os.path.join(work, 'host-%d' % users)
        if not os.path.exists(root):
            subprocess.run([sys.executable, os.path.join(SRC, 'gen_host.py'),
                            root, str(users), str(files)], check=True)
        row('check --all (users)', users, [ck, '--root', root, '-a',
                                           'check'])
        row('stats --all, 7 days (users)', users,
            [ck, '--root', root, '-a', 'stats', '--from', '2026-01-01',
             '--days', '7', '--tz', 'UTC'])
    exps = []
    for w in sorted({r['workload'] for r in rows}):
        a = [r for r in rows if r['workload'] == w]
        if len(a) == 2 and a[0]['cpu_s'] > 0:
            e = math.log(max(a[1]['cpu_s'], 1e-3) /
                         max(a[0]['cpu_s'], 1e-3)) / \
                math.log(a[1]['size'] / a[0]['size'])
            exps.append({'workload': w, 'exponent': e})
            print('%-34s exponent %.2f' % (w, e))
    with open(os.path.join(work, 'scale.json'), 'w') as f:
        json.dump({'rows': rows, 'exponents': exps}, f, indent=1)


if __name__ == '__main__':
    main()
