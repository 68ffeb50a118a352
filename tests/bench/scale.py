#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""Host- and fleet-scale workloads (issue 26), each at two sizes ten times
apart: diff against GNU diff, check of a file and of a host (--all),
stats --all and a year of stats --max-concurrent, timeline --svg of a week,
list -v and doc --format html of a file, list --all against python-crontab reading the same files.  For each: CPU
time (user + system, the median of --reps runs), peak RSS, the growth
exponent log(t2/t1)/log(10), and the peer's time in the same run.

bench.py runs this as its last part (see docs/performance.md); alone:

usage: scale.py BUILD_DIR [WORKDIR] [--reps N] [--big]
       (results: WORKDIR/scale.json; --big adds check of 1,000,000 lines)
"""
import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys

SRC = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.join(SRC, 'peers.py')


def timed(argv, out=subprocess.DEVNULL):
    """CPU seconds (user+sys), peak RSS (KiB) and exit code of one run.
    The peak includes this Python process's own (a forked child keeps its
    parent's high-water mark through exec): use bench_exec for memory."""
    p = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss, \
        os.waitstatus_to_exitcode(status)


def timed_med(argv, reps, bench_exec=None):
    """The median CPU time, the largest peak RSS and the exit code, through
    bench_exec (posix_spawn from a small C program, after a warm-up run)
    when it is built."""
    if bench_exec:
        p = subprocess.run([bench_exec, str(reps)] + argv,
                           capture_output=True, text=True, check=True)
        r = json.loads(p.stdout)
        return statistics.median(r['cpu_ns']) / 1e9, r['maxrss_kib'], \
            r['status']
    cpu, kib, rc = [], 0, 0
    for _ in range(reps):
        c, k, rc = timed(argv)
        cpu.append(c)
        kib = max(kib, k)
    return statistics.median(cpu), kib, rc


def mutate(src, dst, frac, seed=7):
    r = random.Random(seed)
    with open(src, encoding='utf-8', errors='surrogateescape') as f:
        lines = f.readlines()
    for i, l in enumerate(lines):
        if r.random() < frac and l.strip():
            lines[i] = l.rstrip('\n') + ' x\n'
    with open(dst, 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.writelines(lines)


def have_python_crontab(py):
    return subprocess.run([py, '-c', 'import crontab'],
                          stderr=subprocess.DEVNULL).returncode == 0


def measure(build, work, reps=3, big=False, py=None, log=print):
    """Run every workload; return {'rows': [...], 'exponents': [...]}."""
    py = py or sys.executable
    ck = os.path.join(build, 'src', 'cli', 'cronkeep')
    os.makedirs(work, exist_ok=True)
    rows = []
    pycron = have_python_crontab(py)
    gnu_diff = shutil.which('diff') or '/usr/bin/diff'
    be = os.path.join(build, 'tests', 'bench', 'bench_exec')
    be = be if os.access(be, os.X_OK) else None

    def row(workload, size, argv, peer=None, peer_name=None, **extra):
        cpu, kib, rc = timed_med(argv, reps, be)
        r = {'workload': workload, 'size': size, 'cpu_s': cpu,
             'peak_kib': kib, 'exit': rc}
        r.update(extra)
        if peer:
            r['peer'] = peer_name
            r['peer_cpu_s'], r['peer_peak_kib'], _ = timed_med(
                peer, reps, be)
            # How many times faster cronkeep is (below 1: slower).
            r['ratio'] = r['peer_cpu_s'] / max(cpu, 1e-6)
        rows.append(r)
        log('%-34s %8d  %7.3f s  %8d KiB%s' % (
            workload, size, cpu, kib, '  (%s %.3f s)' % (
                peer_name, r['peer_cpu_s']) if peer else ''))
        return r

    def tab(n):
        base = os.path.join(work, 'tab-%d' % n)
        if not os.path.exists(base):
            with open(base, 'w') as f:
                subprocess.run([py, os.path.join(SRC, 'gen_crontab.py'),
                                str(n)], stdout=f, check=True)
        return base

    for n in (10000, 100000):
        base = tab(n)
        for frac, name in ((0, 'self'), (0, 'copy'), (0.01, '1%'),
                           (0.5, '50%')):
            other = base if name == 'self' else '%s.%s' % (
                base, name.rstrip('%'))
            if name == 'copy' and not os.path.exists(other):
                with open(base, 'rb') as f, open(other, 'wb') as g:
                    g.write(f.read())
            elif frac and not os.path.exists(other):
                mutate(base, other, frac)
            row('diff %s' % name, n, [ck, 'diff', base, other],
                [gnu_diff, base, other], 'GNU diff')
        jobs = len(json.loads(subprocess.run(
            [ck, '-f', base, 'list', '--json'], stdout=subprocess.PIPE,
            check=True).stdout)['jobs'])
        row('stats --max-concurrent, a year', n,
            [ck, '-f', base, 'stats', '--from', '2026-01-01', '--days',
             '365', '--tz', 'UTC', '--max-concurrent', '100000'],
            jobs=jobs)
        row('check', n, [ck, 'check', base],
            file_bytes=os.path.getsize(base))
        svg = os.path.join(work, 'timeline-%d.svg' % n)
        r = row('timeline --week --svg', n,
                [ck, '-f', base, 'timeline', '--week', '--from',
                 '2026-01-05', '--tz', 'UTC', '--svg', svg])
        r['svg_bytes'] = os.path.getsize(svg)
        # Each row's environment, each job's findings (issue 27, item 13:
        # both were quadratic).
        row('list -v', n, [ck, '-f', base, 'list', '-v'])
        row('doc --format html', n, [ck, '-f', base, 'doc', '--format',
                                     'html'])
    if big:
        base = tab(1000000)
        row('check', 1000000, [ck, 'check', base],
            file_bytes=os.path.getsize(base))
    for users, files in ((1000, 100), (10000, 1000)):
        root = os.path.join(work, 'host-%d' % users)
        if not os.path.exists(root):
            subprocess.run([py, os.path.join(SRC, 'gen_host.py'),
                            root, str(users), str(files)], check=True)
        row('check --all (users)', users, [ck, '--root', root, '-a',
                                           'check'])
        row('stats --all, 7 days (users)', users,
            [ck, '--root', root, '-a', 'stats', '--from', '2026-01-01',
             '--days', '7', '--tz', 'UTC'])
        row('list --all --json (users)', users,
            [ck, '--root', root, '-a', 'list', '--json'],
            [py, PEERS, 'list-all', root] if pycron else None,
            'python-crontab')
    exps = []
    for w in sorted({r['workload'] for r in rows}):
        a = sorted((r for r in rows if r['workload'] == w),
                   key=lambda r: r['size'])[:2]
        if len(a) == 2 and a[1]['size'] == 10 * a[0]['size']:
            e = math.log(max(a[1]['cpu_s'], 1e-3) /
                         max(a[0]['cpu_s'], 1e-3)) / math.log(10)
            exps.append({'workload': w, 'exponent': e})
            log('%-34s exponent %.2f' % (w, e))
    return {'rows': rows, 'exponents': exps, 'reps': reps,
            'timer': 'bench_exec' if be else 'wait4'}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('build')
    ap.add_argument('work', nargs='?')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--big', action='store_true')
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    work = os.path.abspath(a.work or os.path.join(build, 'tests', 'bench',
                                                  'scale'))
    res = measure(build, work, a.reps, a.big)
    with open(os.path.join(work, 'scale.json'), 'w') as f:
        json.dump(res, f, indent=1)


if __name__ == '__main__':
    main()
