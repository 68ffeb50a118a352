#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""The peers' side of the benchmark: python-crontab and croniter doing the
same work as bench_parse / bench_next / the cronkeep CLI.  Run with Debian's
/usr/bin/python3 (python3-crontab, python3-croniter).

usage: peers.py parse FILE REPS BUDGET     CronTab(tab=text) + render()
       peers.py check FILE REPS BUDGET     CronTab(tab=text) + is_valid()
       peers.py mem FILE [check]           one of those, then peak memory
       peers.py next EXPRFILE COUNT REPS START [ZONE [scattered]]
                                           croniter get_next()
       peers.py cli-check FILE             a whole-process "check"
       peers.py cli-list FILE              a whole-process "list --json"
       peers.py list-all ROOT              "--root ROOT -a list --json"

The timing modes print one JSON object.  They stop early (after at least
one run) once the runs took BUDGET seconds, so a quadratic case cannot
stall the benchmark; the number of runs is in the output.
"""
import json
import os
import sys
import time


def read(path):
    # python-crontab works on str; decoding is part of reading, not timed.
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        return f.read()


def timed(fn, reps, budget):
    """Wall times (ns) of up to reps runs; CPU times go to cpu_times."""
    # A warm-up run (imports, caches), like bench_parse's; a slow one (more
    # than a second) is kept as the first measurement instead.
    cpu_times.clear()
    t0, c0 = time.perf_counter_ns(), time.process_time_ns()
    fn()
    spent = (time.perf_counter_ns() - t0) / 1e9
    times = []
    if spent > 1:
        times.append(int(spent * 1e9))
        cpu_times.append(time.process_time_ns() - c0)
        if spent >= budget:
            return times
    while len(times) < reps:
        t0, c0 = time.perf_counter_ns(), time.process_time_ns()
        fn()
        cpu_times.append(time.process_time_ns() - c0)
        dt = time.perf_counter_ns() - t0
        times.append(dt)
        spent += dt / 1e9
        if spent >= budget:
            break
    return times


cpu_times = []


def parse_render(text):
    from crontab import CronTab
    tab = CronTab(tab=text)
    return tab, tab.render()


def parse_check(text):
    from crontab import CronTab
    tab = CronTab(tab=text)
    bad = sum(1 for job in tab if not job.is_valid())
    return tab, bad


def peak_kib():
    import resource
    hwm = -1
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (hwm if hwm >= 0 else rss), rss


def main(argv):
    mode = argv[1]
    if mode in ('parse', 'check'):
        path, reps, budget = argv[2], int(argv[3]), float(argv[4])
        text = read(path)
        if mode == 'parse':
            tab, out = parse_render(text)
            extra = {'roundtrip': out == text}
            times = timed(lambda: parse_render(text), reps, budget)
        else:
            tab, bad = parse_check(text)
            extra = {'invalid_jobs': bad}
            times = timed(lambda: parse_check(text), reps, budget)
        res = {'mode': mode, 'file': path, 'lines': len(text.splitlines()),
               'jobs': len(list(tab)), 'times_ns': times,
               'cpu_ns': cpu_times}
        res.update(extra)
        print(json.dumps(res))
    elif mode == 'mem':
        from crontab import CronTab
        path = argv[2]
        text = read(path)
        if len(argv) > 3 and argv[3] == 'check':
            keep = parse_check(text)
            hwm, rss = peak_kib()
            print(json.dumps({'mode': 'mem', 'what': 'check', 'file': path,
                              'vmhwm_kib': hwm, 'maxrss_kib': rss}))
            return 0
        tab = CronTab(tab=text)
        parsed, _ = peak_kib()
        out = tab.render()
        hwm, rss = peak_kib()
        del out, tab
        print(json.dumps({'mode': 'mem', 'what': 'parse', 'file': path,
                          'parsed_vmhwm_kib': parsed, 'vmhwm_kib': hwm,
                          'maxrss_kib': rss}))
    elif mode == 'next':
        import datetime
        from croniter import croniter
        path, count, reps, start = argv[2], int(argv[3]), int(argv[4]), \
            int(argv[5])
        zone = argv[6] if len(argv) > 6 else 'UTC'
        scattered = len(argv) > 7 and argv[7] == 'scattered'
        if zone == 'UTC':
            tz = datetime.timezone.utc
        else:
            from zoneinfo import ZoneInfo
            tz = ZoneInfo(zone)
        with open(path) as f:
            exprs = [l.strip() for l in f
                     if l.strip() and not l.startswith('#')]
        st = datetime.datetime.fromtimestamp(start, tz)
        # The same scattered instants as bench_next.c -s.
        starts = [datetime.datetime.fromtimestamp(
            start + (k * 2654435761) % 126230400, tz) for k in range(count)]
        results = []

        def run():
            results.clear()
            for e in exprs:
                s = 0
                t = 0
                if scattered:
                    for k in range(count):
                        t = int(croniter(e, starts[k]).get_next(float))
                        s += t
                else:
                    it = croniter(e, st)
                    for _ in range(count):
                        t = int(it.get_next(float))
                        s += t
                results.append({'expr': e, 'sum': s, 'last': t})
        times = timed(run, reps, 10)
        print(json.dumps({'expressions': len(exprs), 'count': count,
                          'zone': zone, 'scattered': scattered,
                          'times_ns': times, 'cpu_ns': cpu_times,
                          'results': results}))
    elif mode == 'cli-check':
        # What a user would write to lint a crontab with python-crontab.
        from crontab import CronTab
        tab = CronTab(tab=read(argv[2]))
        bad = 0
        for job in tab:
            if not job.is_valid():
                bad += 1
                sys.stderr.write('%s: invalid job: %s\n' % (argv[2], job))
        return 1 if bad else 0
    elif mode == 'cli-list':
        from crontab import CronTab
        tab = CronTab(tab=read(argv[2]))
        jobs = [{'schedule': str(job.slices), 'enabled': job.is_enabled(),
                 'command': job.command, 'comment': job.comment or None}
                for job in tab]
        json.dump({'jobs': jobs}, sys.stdout)
        sys.stdout.write('\n')
    elif mode == 'list-all':
        # Every crontab of a host tree (tests/bench/gen_host.py), as
        # `cronkeep --root ROOT -a list --json` lists them.
        from crontab import CronTab
        root = argv[2]
        spool = os.path.join(root, 'var', 'spool', 'cron', 'crontabs')
        crond = os.path.join(root, 'etc', 'cron.d')
        files = [(os.path.join(root, 'etc', 'crontab'), False)]
        files += [(os.path.join(crond, n), False)
                  for n in sorted(os.listdir(crond))]
        files += [(os.path.join(spool, n), True)
                  for n in sorted(os.listdir(spool))]
        jobs = []
        for path, user in files:
            tab = CronTab(tab=read(path), user=None if user else False)
            jobs += [{'file': path, 'schedule': str(job.slices),
                      'user': getattr(job, 'user', None),
                      'enabled': job.is_enabled(), 'command': job.command}
                     for job in tab]
        json.dump({'jobs': jobs}, sys.stdout)
        sys.stdout.write('\n')
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
