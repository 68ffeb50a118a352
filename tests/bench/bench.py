#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""cronkeep against python-crontab and croniter, side by side, in one run.

Normally started through tests/bench/run.sh (or `meson compile -C build
bench-run`), which installs the peers and builds the benchmark programs.

Inputs come from tests/bench/gen_crontab.py (deterministic): 1,000, 10,000
and 100,000 lines, with environment lines spread through the file
("spread", the generator's default) and at the top ("envtop").  Every
figure is the median of several runs in this invocation; the ratio column
says how many times faster (or smaller) cronkeep is than the peer.

Last, tests/bench/scale.py: the host- and fleet-scale commands (diff
against GNU diff, check, check --all, stats, timeline --svg, list --all
against python-crontab) at two sizes ten times apart, CPU time medians,
peak memory and growth exponents (--no-scale skips it, --scale-only runs
only it).

Writes a table to standard output and the same results as JSON (--json,
default BUILD/bench-results.json).  Exit status 0 even when a target is
missed (the benchmark is not a test); --strict exits 1 then.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

LAYOUTS = ('spread', 'envtop')
START = 1767225600          # 2026-01-01T00:00:00Z, the next-fire origin


def fmt_num(v):
    if v is None:
        return 'n/a'
    if v >= 100:
        return '{:,.0f}'.format(v)
    if v >= 10:
        return '{:.1f}'.format(v)
    return '{:.2f}'.format(v)


def median_s(times_ns):
    return statistics.median(times_ns) / 1e9


class Bench:
    def __init__(self, args):
        self.a = args
        self.src = os.path.abspath(args.source)
        self.build = os.path.abspath(args.build)
        self.bdir = os.path.join(self.build, 'tests', 'bench')
        self.data = os.path.join(self.bdir, 'data')
        self.py = args.python
        self.peers_py = os.path.join(self.src, 'tests', 'bench', 'peers.py')
        self.exprs = os.path.join(self.src, 'tests', 'bench',
                                  'expressions.txt')
        self.cronkeep = os.path.join(self.build, 'src', 'cli', 'cronkeep')
        self.rows = []
        self.targets = []
        self.files = {}
        self.res = {'rows': self.rows, 'targets': self.targets}

    # ---- helpers -------------------------------------------------------
    def med(self, r):
        """Median seconds of a run's times: wall clock, or CPU time with
        --clock cpu (steadier when other work shares the machine).  Both
        medians are kept for the JSON."""
        self.last_medians = {'wall_s': median_s(r['times_ns']),
                             'cpu_s': median_s(r['cpu_ns']),
                             'runs': len(r['times_ns'])}
        return self.last_medians['%s_s' % self.a.clock]

    def prog(self, name):
        p = os.path.join(self.bdir, name)
        return p if os.access(p, os.X_OK) else None

    def run_json(self, argv, timeout=None):
        """Run argv, parse its JSON; None (and a note) on failure."""
        if self.a.verbose:
            sys.stderr.write('bench: %s\n' % ' '.join(
                os.path.basename(a) if i < 2 else a
                for i, a in enumerate(argv)))
        try:
            p = subprocess.run(argv, capture_output=True, text=True,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            return {'timeout': timeout}
        if p.returncode != 0:
            sys.stderr.write('bench: %s failed (%d): %s\n' %
                             (' '.join(argv), p.returncode,
                              p.stderr.strip()[-400:]))
            return None
        return json.loads(p.stdout)

    def row(self, group, workload, unit, ck, peer, peer_name, ratio=None,
            note='', bound=False, **extra):
        """One table row.  ratio: how many times better cronkeep is."""
        if ratio is None and ck is not None and peer is not None and peer:
            ratio = ck / peer
        r = {'group': group, 'workload': workload, 'unit': unit,
             'cronkeep': ck, 'peer': peer, 'peer_name': peer_name,
             'ratio': ratio, 'ratio_is_lower_bound': bound, 'note': note}
        r.update(extra)
        self.rows.append(r)
        return r

    def target(self, name, goal, measured, ok, detail=''):
        self.targets.append({'target': name, 'goal': goal,
                             'measured': measured, 'met': ok,
                             'detail': detail})

    # ---- inputs ----------------------------------------------------------
    def gen_inputs(self):
        gen = self.a.gen or os.path.join(self.src, 'tests', 'bench',
                                         'gen_crontab.py')
        gen = os.path.normpath(gen)
        if not os.path.exists(gen):
            sys.exit('bench: generator not found: %s' % gen)
        os.makedirs(self.data, exist_ok=True)
        gmt = os.path.getmtime(gen)
        for n in self.a.sizes:
            for lay in LAYOUTS:
                path = os.path.join(self.data, 'crontab-%d-%s' % (n, lay))
                if not os.path.exists(path) or os.path.getmtime(path) < gmt:
                    argv = [self.py, gen, str(n), '--layout', lay]
                    with open(path + '.tmp', 'w') as f:
                        subprocess.run(argv, stdout=f, check=True)
                    os.replace(path + '.tmp', path)
                with open(path, 'rb') as f:
                    b = f.read()
                self.files[(n, lay)] = {'path': path, 'bytes': len(b),
                                        'lines': b.count(b'\n')}
        empty = os.path.join(self.data, 'empty')
        open(empty, 'w').close()
        self.empty = empty
        self.res['inputs'] = {'generator': gen, 'files': [
            dict(size=n, layout=lay, **v)
            for (n, lay), v in sorted(self.files.items())]}

    # ---- machine -----------------------------------------------------------
    def machine(self):
        m = {'nproc': os.cpu_count(), 'uname': ' '.join(platform.uname()),
             'python': sys.version.split()[0],
             'loadavg_start': os.getloadavg()}
        try:
            out = subprocess.run(['lscpu'], capture_output=True,
                                 text=True).stdout.splitlines()
            m['lscpu'] = out[:10]
            for l in out:
                if l.startswith('Model name:'):
                    m['cpu'] = l.split(':', 1)[1].strip()
        except OSError:
            pass
        try:
            with open('/proc/meminfo') as f:
                m['memtotal'] = f.readline().split(':', 1)[1].strip()
        except OSError:
            pass
        try:
            import crontab
            m['python-crontab'] = getattr(crontab, '__version__', '?')
        except ImportError:
            m['python-crontab'] = None
        try:
            import croniter  # noqa: F401
            from importlib import metadata
            m['croniter'] = metadata.version('croniter')
        except Exception:
            m['croniter'] = None
        self.res['machine'] = m
        self.res['date'] = datetime.datetime.now(
            datetime.timezone.utc).isoformat(timespec='seconds')

    # ---- 1, 2: in-process parse + render / check --------------------------
    def inproc(self, mode):
        """mode: 'parse' (parse + render) or 'check' (parse + full check)."""
        bp = self.prog('bench_parse')
        title = {'parse': 'parse + render', 'check': 'parse + check'}[mode]
        ck_t, peer_t = {}, {}
        # cronkeep's runs first, in rounds over all the files: a shared
        # machine changes speed over minutes, and the linear ratios
        # compare sizes, so every size gets runs from every moment (and
        # none waits behind a peer's minutes).
        runs = {}
        for _ in range(self.a.rounds):
            for lay in LAYOUTS:
                for n in self.a.sizes:
                    fi = self.files[(n, lay)]
                    r = self.run_json([bp, mode, fi['path'],
                                       str(self.a.reps)])
                    if (n, lay) in runs:
                        for k in ('times_ns', 'cpu_ns'):
                            runs[(n, lay)][k] += r[k]
                    else:
                        runs[(n, lay)] = r
        for lay in LAYOUTS:
            prev = None
            for n in self.a.sizes:
                fi = self.files[(n, lay)]
                r = runs[(n, lay)]
                ck_t[(n, lay)] = self.med(r)
                ck = fi['lines'] / ck_t[(n, lay)]
                ck_raw = self.last_medians
                if mode == 'check':
                    self.res['check_impl'] = r['check']
                    fi['diagnostics'] = r['diagnostics']
                self.res['buildtype'] = r['buildtype']
                peer, note, bound, extra = None, '', False, {}
                if (n, lay) in self.peer_skip:
                    note = 'peer not run (too slow at this size, see ' \
                        'parse + render)'
                elif not self.a.no_peers:
                    peer, note, bound, prev, extra = self.peer_inproc(
                        mode, n, lay, fi, prev)
                    if bound or 'timed out' in note:
                        self.peer_skip[(n, lay)] = True
                    elif peer is not None:
                        peer_t[(n, lay)] = fi['lines'] / peer
                ratio = (ck / peer) if peer else None
                self.row(title, '%s, %s lines, %s' % (
                    title, '{:,}'.format(n), lay), 'lines/s', ck, peer,
                    'python-crontab', ratio, note, bound,
                    cronkeep_medians=ck_raw, **extra)
        return ck_t, peer_t

    def peer_inproc(self, mode, n, lay, fi, prev):
        """Returns (rate, note, is_bound, prev, extra)."""
        budget, limit = self.a.peer_budget, self.a.peer_timeout
        if prev is not None:
            pn, pt = prev
            # Scaled linearly: a lower bound on the time of a peer that
            # is linear or worse, so the rate below is an upper bound.
            est = pt * n / pn
            if est > self.a.peer_max:
                rate = fi['lines'] / est
                return (rate, 'not run: would take > %.0f s (%.1f s at '
                        '%s lines, scaled linearly); peer rate is an upper '
                        'bound' % (est, pt, '{:,}'.format(pn)), True,
                        (n, est), {})
        r = self.run_json([self.py, self.peers_py, mode, fi['path'],
                           str(self.a.reps), str(budget)], timeout=limit)
        if r is None:
            return None, 'peer failed', False, prev, {}
        if 'timeout' in r:
            if self.a.clock == 'cpu':
                # CPU time under a wall-clock limit: no bound.
                return (None, 'timed out after %d s' % limit, False,
                        (n, limit), {})
            return (fi['lines'] / limit, 'timed out after %d s; peer rate '
                    'is an upper bound' % limit, True, (n, limit), {})
        t = self.med(r)
        extra = {'peer_medians': self.last_medians}
        note = ''
        if mode == 'parse' and not r.get('roundtrip', True):
            note = 'python-crontab output differs from its input'
            extra['peer_roundtrip'] = False
        if len(r['times_ns']) < self.a.reps:
            note = (note + '; ' if note else '') + \
                'peer: %d run(s) (time budget)' % len(r['times_ns'])
        return fi['lines'] / t, note, False, (n, t), extra

    # ---- memory --------------------------------------------------------
    def memory(self):
        """Peak memory (VmHWM) of one process per file: after the parse
        (the document in memory) and after the render (the document and
        its rendering).  Rows for both; ratios to the file size."""
        bp = self.prog('bench_parse')
        b = self.run_json([bp, 'mem', self.empty])
        base = b['vmhwm_kib']
        pbase = None
        if not self.a.no_peers:
            r = self.run_json([self.py, self.peers_py, 'mem', self.empty])
            pbase = r and r['vmhwm_kib']
        self.res['memory_baseline_kib'] = {'cronkeep': base,
                                           'python-crontab': pbase}
        out = {}
        for n in self.a.sizes:
            for lay in LAYOUTS:
                fi = self.files[(n, lay)]
                r = self.run_json([bp, 'mem', fi['path']])
                pr, note = None, ''
                if self.a.no_peers:
                    pass
                elif (n, lay) in self.peer_skip:
                    note = 'peer not run (too slow at this size)'
                else:
                    pr = self.run_json([self.py, self.peers_py, 'mem',
                                        fi['path']],
                                       timeout=self.a.peer_timeout)
                    if pr is not None and 'timeout' in pr:
                        pr, note = None, 'peer timed out'
                for what, key, pkey in (
                        ('parse', 'parsed_vmhwm_kib', 'parsed_vmhwm_kib'),
                        ('parse + streamed render', 'streamed_vmhwm_kib',
                         'vmhwm_kib'),
                        ('parse + render to a copy', 'vmhwm_kib',
                         'vmhwm_kib')):
                    kib = r[key]
                    peer = pr[pkey] if pr else None
                    ratio = kib * 1024 / fi['bytes']
                    out[(n, lay, what)] = (kib, ratio)
                    self.row('peak memory', 'peak memory, %s, %s lines, %s '
                             '(file %.1f MB)' % (what, '{:,}'.format(n),
                                                 lay, fi['bytes'] / 1e6),
                             'KiB', kib, peer, 'python-crontab',
                             (peer / kib) if peer else None,
                             note + ('; ' if note else '') +
                             'cronkeep %.2fx the file size (%.2fx without '
                             'the %d KiB of an empty run)' % (
                                 ratio, (kib - base) * 1024 / fi['bytes'],
                                 base),
                             cronkeep_per_file_size=ratio,
                             cronkeep_net_per_file_size=(kib - base) *
                             1024 / fi['bytes'],
                             peer_per_file_size=(peer * 1024 / fi['bytes'])
                             if peer else None)
        return out, base

    # ---- 3: next fire times -----------------------------------------------
    def next_fire(self):
        """Rows for UTC and Europe/Berlin, successive and scattered
        searches; returns the UTC successive rate (the target's)."""
        first = None
        for zone, scattered in (('UTC', False), ('UTC', True),
                                ('Europe/Berlin', False),
                                ('Europe/Berlin', True)):
            rate = self.next_one(zone, scattered)
            if first is None:
                first = rate
        return first

    def next_one(self, zone, scattered):
        bn = self.prog('bench_next')
        count = self.a.next_count
        ck = peer = r = None
        note = ''
        agree = None
        extra = {}
        if bn is None:
            note = 'n/a (ck_expr_next not built yet: branch next)'
        else:
            argv = [bn, '-z', zone] + (['-s'] if scattered else [])
            r = self.run_json(argv + [self.exprs, str(count),
                                      str(self.a.reps), str(START)])
            ck = r['expressions'] * count / self.med(r)
            extra['cronkeep_medians'] = self.last_medians
        if not self.a.no_peers:
            p = self.run_json([self.py, self.peers_py, 'next', self.exprs,
                               str(count), str(self.a.reps), str(START),
                               zone] + (['scattered'] if scattered else []),
                              timeout=self.a.peer_timeout * 4)
            if p and 'timeout' not in p:
                peer = p['expressions'] * count / self.med(p)
                extra['peer_medians'] = self.last_medians
                if r is not None:
                    diff = [a['expr'] for a, b in zip(r['results'],
                                                      p['results'])
                            if (a['sum'], a['last']) != (b['sum'], b['last'])]
                    agree = len(r['results']) - len(diff)
                    note = 'same fire times as croniter: %d/%d' % (
                        agree, len(r['results']))
                    extra['differ'] = diff
                    if diff:
                        note += ' (list in the JSON)'
        self.row('next fire', 'next fire times, 20 schedules x %d, %s, %s'
                 % (count, zone, 'scattered starts' if scattered else
                    'successive'), 'fires/s', ck, peer, 'croniter', None,
                 note, agree=agree, zone=zone, scattered=scattered, **extra)
        return ck

    # ---- 4: whole process ---------------------------------------------------
    def has_cmd(self, cmd):
        p = subprocess.run([self.cronkeep, cmd, '-h'], capture_output=True)
        return p.returncode == 0

    def whole(self):
        be = self.prog('bench_exec')
        n = self.a.exec_runs
        out = {}
        cmds = [('check', ['check', '-f'], 'cli-check', [1000, 10000])]
        if self.has_cmd('list'):
            cmds.append(('list --json', ['list', '--json', '-f'], 'cli-list',
                         [1000, 10000]))
        else:
            self.row('whole process', 'cronkeep list -f FILE --json', 'ms',
                     None, None, 'python-crontab', None,
                     'n/a (cronkeep list not built yet: branch store)')
        for name, argv, pmode, sizes in cmds:
            for size in sizes:
                if size not in self.a.sizes:
                    continue
                fi = self.files[(size, 'spread')]
                r = self.run_json([be, str(n), self.cronkeep] + argv +
                                  [fi['path']])
                ck = self.med(r) * 1e3
                extra = {'cronkeep_medians': self.last_medians}
                out[(name, size)] = ck
                peer, note = None, 'exit status %d' % r['status']
                if not self.a.no_peers and (size, 'spread') not in \
                        self.peer_skip:
                    # Slow peer runs: as many as fit in the budget.
                    ps = self.peer_parse_s.get((size, 'spread'), 0)
                    pn = max(1, min(n, int(self.a.peer_budget /
                                           max(ps, 1e-3))))
                    p = self.run_json([be, str(pn), self.py, self.peers_py,
                                       pmode, fi['path']],
                                      timeout=self.a.peer_timeout * 4)
                    if p and 'timeout' not in p:
                        peer = self.med(p) * 1e3
                        extra['peer_medians'] = self.last_medians
                self.row('whole process', 'cronkeep %s, %s lines (whole '
                         'process)' % (name, '{:,}'.format(size)), 'ms',
                         ck, peer, 'python-crontab',
                         (peer / ck) if peer else None, note,
                         cronkeep_maxrss_kib=r['maxrss_kib'], **extra)
        return out

    # ---- host and fleet scale (scale.py) -----------------------------------------
    def scale(self):
        sys.path.insert(0, os.path.join(self.src, 'tests', 'bench'))
        import scale
        work = os.path.join(self.bdir, 'scale')
        res = scale.measure(self.build, work, reps=self.a.scale_reps,
                            big=self.a.scale_big, py=self.py,
                            log=lambda m: sys.stderr.write('scale: %s\n'
                                                           % m))
        self.res['scale'] = res
        p = subprocess.run(['diff', '--version'], capture_output=True,
                           text=True)
        self.res['machine']['gnu_diff'] = (p.stdout.splitlines() or
                                           ['?'])[0]
        by = {(r['workload'], r['size']): r for r in res['rows']}
        exps = {e['workload']: e['exponent'] for e in res['exponents']}
        for r in res['rows']:
            note = 'peak %s KiB' % '{:,}'.format(r['peak_kib'])
            if 'file_bytes' in r:
                note += ' (%.2fx the file)' % (r['peak_kib'] * 1024 /
                                               r['file_bytes'])
            if 'svg_bytes' in r:
                note += ', SVG %s bytes' % '{:,}'.format(r['svg_bytes'])
            self.row('scale', '%s, %s' % (r['workload'],
                                          '{:,}'.format(r['size'])),
                     's CPU', r['cpu_s'], r.get('peer_cpu_s'),
                     r.get('peer'), r.get('ratio'), note)
        for w in ('diff self', 'diff copy', 'diff 1%', 'diff 50%'):
            r = by.get((w, 100000))
            if r:
                q = r['cpu_s'] / max(r['peer_cpu_s'], 1e-3)
                self.target('%s, 100,000 lines / GNU diff' % w, '<= 10',
                            q, q <= 10, '%.3f s, GNU diff %.3f s' % (
                                r['cpu_s'], r['peer_cpu_s']))
        # The targets are for 10,000 users and for 10,000 jobs:
        # the 10,000-line file (its job count is said) is the nearest.
        for w, goal in (('check --all (users)', 1.0),
                        ('stats --all, 7 days (users)', 2.0),
                        ('stats --max-concurrent, a year', 2.0)):
            r = by.get((w, 10000))
            if r:
                self.target('%s, %s%s' % (w, '{:,}'.format(r['size']),
                            ' lines, {:,} jobs'.format(r['jobs'])
                            if 'jobs' in r else ''),
                            '<= %g s CPU' % goal, r['cpu_s'],
                            r['cpu_s'] <= goal, 'peak %d KiB' %
                            r['peak_kib'])
        r = by.get(('stats --max-concurrent, a year', 10000))
        if r:
            self.target('stats --max-concurrent, a year, 10,000 lines, '
                        'peak memory',
                        '<= 100 MiB', r['peak_kib'] / 1024,
                        r['peak_kib'] <= 100 * 1024)
        for n in (100000, 1000000):
            r = by.get(('check', n))
            if r:
                q = r['peak_kib'] * 1024 / r['file_bytes']
                self.target('check, %s lines, peak / file' %
                            '{:,}'.format(n), '<= 3', q, q <= 3,
                            '%d KiB' % r['peak_kib'])
        r = by.get(('timeline --week --svg', 10000))
        if r:
            self.target('timeline --week --svg, 10,000 lines, bytes',
                        '<= 4 MB', r['svg_bytes'], r['svg_bytes'] <= 4e6)
        for w, e in sorted(exps.items()):
            self.target('growth exponent, %s' % w, '<= 1.05', e, e <= 1.05)

    # ---- run everything -------------------------------------------------------
    def run(self):
        self.machine()
        if self.a.scale_only:
            self.scale()
            return
        self.gen_inputs()
        self.peer_skip = {}
        # Files the peer could not parse in time are skipped elsewhere too.
        parse_t, self.peer_parse_s = self.inproc('parse')
        check_t, _ = self.inproc('check')
        mem, base = self.memory()
        nxt = self.next_fire()
        whole = self.whole()
        self.evaluate(parse_t, check_t, mem, nxt, whole)
        if not self.a.no_scale:
            self.scale()

    def evaluate(self, parse_t, check_t, mem, nxt, whole):
        big, mid = 100000, 10000
        for lay in LAYOUTS:
            if (big, lay) in parse_t:
                rate = self.files[(big, lay)]['lines'] / parse_t[(big, lay)]
                self.target('parse + render, 100,000 lines, %s' % lay,
                            '>= 2,500,000 lines/s', rate, rate >= 2.5e6)
            if (big, lay) in parse_t and (mid, lay) in parse_t:
                q = parse_t[(big, lay)] / parse_t[(mid, lay)]
                self.target('linear: time(100,000) / time(10,000), %s'
                            % lay, '<= 12', q, q <= 12)
            if (big, lay) in check_t and (mid, lay) in check_t:
                # Not one of the targets: it caught a quadratic
                # CRON_TZ lookup in lint.
                q = check_t[(big, lay)] / check_t[(mid, lay)]
                self.target('(extra) linear parse + check, %s' % lay,
                            '<= 12', q, q <= 12)
            for what in ('parse', 'parse + streamed render',
                         'parse + render to a copy'):
                if (big, lay, what) in mem:
                    kib, ratio = mem[(big, lay, what)]
                    self.target('peak memory / file size, %s, 100,000 '
                                'lines, %s' % (what, lay), '< 3', ratio,
                                ratio < 3, '%d KiB peak for a %d-byte file'
                                % (kib, self.files[(big, lay)]['bytes']))
        self.target('next fire times', '>= 2,000,000/s', nxt,
                    nxt is not None and nxt >= 2e6,
                    '' if nxt is not None else 'not built yet')
        if ('check', 1000) in whole:
            ms = whole[('check', 1000)]
            self.target('cronkeep check, 1,000 lines, whole process',
                        '< 3 ms', ms, ms < 3)

    # ---- output -----------------------------------------------------------------
    def report(self):
        m = self.res['machine']
        m['loadavg_end'] = os.getloadavg()
        self.res['clock'] = self.a.clock
        print('cronkeep benchmark  %s  (%s, %s CPUs, %s, build %s)' % (
            self.res['date'], m.get('cpu', '?'), m['nproc'],
            m.get('memtotal', '?'), self.res.get('buildtype', '?')))
        print('peers: python-crontab %s, croniter %s, Python %s; check = %s'
              % (m['python-crontab'], m['croniter'], m['python'],
                 self.res.get('check_impl', '?')))
        print('median of %d runs (cronkeep in-process: %d rounds of %d; '
              'peers: fewer when a run is slow), %s time; ratio = how many '
              'times faster/smaller cronkeep is' % (
                  self.a.reps, self.a.rounds, self.a.reps,
                  'wall-clock' if self.a.clock == 'wall' else 'CPU'))
        load = max(m['loadavg_start'][0], m['loadavg_end'][0])
        print('load average %.2f at the start, %.2f at the end%s' % (
            m['loadavg_start'][0], m['loadavg_end'][0],
            ' -- BUSY MACHINE: wall times are inflated; try --clock cpu'
            if load > m['nproc'] / 2 and self.a.clock == 'wall' else ''))
        w = max(len(r['workload']) for r in self.rows)
        print()
        print('%-*s  %12s  %12s  %9s  %s' % (w, 'workload', 'cronkeep',
                                             'peer', 'ratio', 'unit / note'))
        print('-' * (w + 50))
        for r in self.rows:
            ratio = 'n/a' if r['ratio'] is None else \
                ('>' if r['ratio_is_lower_bound'] else '') + \
                fmt_num(r['ratio']) + 'x'
            peer = fmt_num(r['peer'])
            if r['ratio_is_lower_bound'] and r['peer'] is not None:
                peer = '<' + peer
            print('%-*s  %12s  %12s  %9s  %s%s' % (
                w, r['workload'], fmt_num(r['cronkeep']), peer, ratio,
                r['unit'], ('  ' + r['note']) if r['note'] else ''))
        print()
        print('targets:')
        for t in self.targets:
            print('  %-4s %-52s %-16s measured %s%s' % (
                'ok' if t['met'] else 'MISS', t['target'], t['goal'],
                fmt_num(t['measured']),
                ('  (' + t['detail'] + ')') if t['detail'] else ''))
        path = self.a.json or os.path.join(self.build, 'bench-results.json')
        with open(path, 'w') as f:
            json.dump(self.res, f, indent=1)
            f.write('\n')
        print('\nresults: %s' % path)
        return all(t['met'] for t in self.targets)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--source', required=True, help='cronkeep source tree')
    ap.add_argument('--build', required=True, help='meson build directory')
    ap.add_argument('--gen', help='the input generator (default: '
                    '<source>/tests/bench/gen_crontab.py)')
    ap.add_argument('--python', default=sys.executable,
                    help='python for the peers (default: this one)')
    ap.add_argument('--reps', type=int, default=7, help='runs per figure')
    ap.add_argument('--rounds', type=int, default=3,
                    help='cronkeep in-process runs: rounds over all files, '
                    '--reps runs per file each (the median of all)')
    ap.add_argument('--clock', choices=('wall', 'cpu'), default='wall',
                    help='figures from wall-clock time (default) or CPU '
                    'time (steadier on a shared machine); JSON has both')
    ap.add_argument('--exec-runs', type=int, default=50,
                    help='process starts per whole-process figure')
    ap.add_argument('--next-count', type=int, default=1000,
                    help='fire times per schedule')
    ap.add_argument('--sizes', default='1000,10000,100000',
                    help='comma-separated line counts')
    ap.add_argument('--peer-budget', type=float, default=20,
                    help='seconds of peer runs per figure before stopping '
                    'early')
    ap.add_argument('--peer-timeout', type=float, default=300,
                    help='seconds before a peer run is abandoned')
    ap.add_argument('--peer-max', type=float, default=60,
                    help='do not start a peer run expected (from the '
                    'smaller file, scaled linearly) to take longer')
    ap.add_argument('--no-peers', action='store_true',
                    help='measure cronkeep only')
    ap.add_argument('--json', help='results file (default: '
                    'BUILD/bench-results.json)')
    ap.add_argument('-v', '--verbose', action='store_true',
                    help='say on stderr what runs')
    ap.add_argument('--strict', action='store_true',
                    help='exit 1 when a target is missed')
    ap.add_argument('--no-scale', action='store_true',
                    help='skip the host and fleet scale part (scale.py)')
    ap.add_argument('--scale-only', action='store_true',
                    help='only the host and fleet scale part')
    ap.add_argument('--scale-reps', type=int, default=3,
                    help='runs per scale figure (CPU time, median)')
    ap.add_argument('--scale-big', action='store_true',
                    help='scale: add check of 1,000,000 lines')
    a = ap.parse_args()
    a.sizes = [int(s) for s in a.sizes.split(',')]
    b = Bench(a)
    t0 = time.time()
    b.run()
    b.res['elapsed_s'] = round(time.time() - t0, 1)
    ok = b.report()
    return 0 if ok or not a.strict else 1


if __name__ == '__main__':
    sys.exit(main())
