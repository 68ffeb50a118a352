#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""Write a synthetic crontab for the benchmark (and the large-file test).

usage: gen_crontab.py LINES [--seed N] [--layout spread|envtop]

The output depends only on the arguments: the same LINES, seed and layout
give the same bytes on every machine (Python's random module with a fixed
seed, no clock, no host data).  It looks like a busy real crontab:

  - about 70% jobs with five time fields, written the ways people write
    them: '*', single values, ranges, steps on '*' and on ranges, lists,
    month and weekday names, a few lines commented out ('#0 5 * * *');
  - about 8% jobs with an @-schedule (@daily, @reboot, ...);
  - comments (about 12%) and blank lines (about 5%);
  - environment assignments: with --layout spread (the default) about 4%
    of the lines, anywhere in the file; with --layout envtop three lines at
    the top and none after them (LINES + 3 lines in all);
  - commands of every length, about one in ten over 200 bytes, some with
    redirections, '%' (standard input, or escaped in a date format) and a
    trailing ' # note'.

Every schedule is valid cron syntax.  Some day/month pairs never occur in
a calendar (31 in April): `cronkeep check` reports those (CK024) and
nothing else as an error; tests/cli/test_check.sh relies on that.
"""
import argparse
import random
import sys

MONTHS = ('jan feb mar apr may jun jul aug sep oct nov dec').split()
WEEKDAYS = ('sun mon tue wed thu fri sat').split()
AT = ('@reboot', '@yearly', '@annually', '@monthly', '@weekly', '@daily',
      '@midnight', '@hourly')
PROGRAMS = (
    '/usr/local/sbin/snapshot --all',
    '/usr/bin/php8.2 /srv/shop/bin/console cron:run',
    'cd /srv/wiki && ./maintenance/runJobs.php --maxjobs 50',
    '/usr/sbin/logrotate -s /var/lib/logrotate/status /etc/logrotate.conf',
    'find /var/tmp/uploads -type f -mmin +120 -delete',
    'wget -q -O /dev/null http://127.0.0.1:8080/internal/heartbeat',
    'run-parts --report /etc/cron.daily',
    '/opt/reports/build.py --period day --dest /srv/reports',
    'rsync -a --delete /home/ archive@192.0.2.10:/srv/home/',
    '[ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean',
    'pg_dump -Fc -f /var/backups/shop.dump shop',
    '/usr/bin/certbot renew --quiet',
)
COMMENTS = ('backups', 'owned by the platform team', 'keep in sync with '
            'the wiki page', 'FIXME: move to a systemd timer', 'reports',
            'do not edit by hand')
ENV = ('MAILTO=root', 'MAILTO=oncall@example.org', 'SHELL=/bin/sh',
       'PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin',
       'HOME=/srv', 'CRON_TZ=UTC', 'LANG=C.UTF-8')


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def field(self, lo, hi, names=None):
        """One time field over lo..hi, optionally with names for lo.."""
        r = self.r
        span = hi - lo
        pick = r.random()
        if pick < 0.33:
            return '*'
        if pick < 0.48:
            steps = [s for s in (2, 3, 4, 5, 6, 10, 12, 15, 20, 30)
                     if s <= span // 2]
            return '*/%d' % r.choice(steps)
        if pick < 0.64:
            return str(r.randint(lo, hi))
        if pick < 0.74:
            a = r.randint(lo, hi - 1)
            return '%d-%d' % (a, r.randint(a + 1, hi))
        if pick < 0.84:
            k = min(r.randint(2, 5), span + 1)
            return ','.join(str(v) for v in
                            sorted(r.sample(range(lo, hi + 1), k)))
        if pick < 0.91 or names is None:
            a = r.randint(lo, hi - 2)
            b = r.randint(a + 2, hi)
            return '%d-%d/%d' % (a, b, r.randint(2, max(2, (b - a) // 2)))
        if r.random() < 0.5:
            a = r.randrange(len(names) - 1)
            return '%s-%s' % (names[a], names[r.randrange(a + 1,
                                                          len(names))])
        k = r.randint(1, 3)
        return ','.join(names[i] for i in
                        sorted(r.sample(range(len(names)), k)))

    def command(self):
        r = self.r
        cmd = r.choice(PROGRAMS)
        if r.random() < 0.10:
            cmd += ''.join(' --include=/srv/data/%s/%04d%s' %
                           (r.choice(('a', 'bb', 'ccc')), r.randrange(10000),
                            '-' * r.randint(4, 24))
                           for _ in range(r.randint(5, 9)))
        pick = r.random()
        if pick < 0.05:
            cmd += ' >> /var/log/cron-$(date +\\%F).log 2>&1'
        elif pick < 0.08:
            cmd = 'mail -s "nightly" root%Report follows.%%-- cron%'
        elif pick < 0.38:
            cmd += ' > /dev/null 2>&1'
        if r.random() < 0.15:
            cmd += ' # ticket %d' % r.randrange(1000)
        return cmd

    def job(self):
        r = self.r
        when = ' '.join((self.field(0, 59), self.field(0, 23),
                         self.field(1, 31), self.field(1, 12, MONTHS),
                         self.field(0, 6, WEEKDAYS)))
        off = '#' if r.random() < 0.03 else ''
        return off + when + ' ' + self.command()

    def line(self, i, envtop):
        r = self.r
        pick = r.random()
        if pick < 0.12:
            return '# ' + r.choice(COMMENTS)
        if pick < 0.17:
            return ''
        if pick < 0.21:
            return '# part %d' % i if envtop else r.choice(ENV)
        if pick < 0.29:
            return r.choice(AT) + ' ' + self.command()
        return self.job()

    def crontab(self, lines, envtop):
        out = list(ENV[1:4]) if envtop else []
        out += [self.line(i, envtop) for i in range(lines)]
        return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('lines', type=int, help='lines to write (not counting '
                    'the three of --layout envtop)')
    ap.add_argument('--seed', type=int, default=42)
    ap.add_argument('--layout', choices=('spread', 'envtop'),
                    default='spread', help='where environment lines go')
    a = ap.parse_args()
    if a.lines < 0:
        ap.error('LINES must be 0 or more')
    sys.stdout.write(Gen(a.seed).crontab(a.lines, a.layout == 'envtop'))


if __name__ == '__main__':
    main()
