#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""The calendar has one home: src/lib/calendar.c (issue 18).

Fails when another source file under src/ holds a list of month or
weekday names (three or more of them as string literals), the Gregorian
leap-year rule (a "% 400" or "% 100 !=" or "% 4 == 0" test) or a table
of month lengths ("31, 28, 31"), printing each place.  Comments are not
read.  Usage: calendar_guard.py SOURCEROOT [FILE...]
"""
import os
import re
import sys

MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july',
          'august', 'september', 'october', 'november', 'december']
DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
        'saturday']
HOME = os.path.join('src', 'lib', 'calendar.c')

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
RULES = [
    (re.compile(r'%\s*400\b'), 'the leap-year rule (% 400)'),
    (re.compile(r'%\s*100\s*!='), 'the leap-year rule (% 100 !=)'),
    (re.compile(r'\b[A-Za-z_]\w*\s*%\s*4\s*==\s*0'),
     'the leap-year rule (% 4 == 0)'),
    (re.compile(r'\b31\s*,\s*2[89]\s*,\s*31\b'), 'a table of month lengths'),
]


def name_of(word, names):
    """The index of names that word spells (full, plural or 3 letters)."""
    w = word.lower()
    for i, n in enumerate(names):
        if w in (n, n + 's', n[:3]):
            return i
    return None


def blank_comments(text):
    """Comments replaced by blanks, newlines kept (line numbers hold)."""
    return COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text)


def check(path, rel):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = blank_comments(f.read())
    bad = []
    for names, what in ((MONTHS, 'month'), (DAYS, 'weekday')):
        seen = {}
        for m in LITERAL.finditer(text):
            i = name_of(m.group(1), names)
            if i is not None:
                seen.setdefault(i, text.count('\n', 0, m.start()) + 1)
        if len(seen) >= 3:
            bad.append('%s:%d: a list of %s names (%d of them)' %
                       (rel, min(seen.values()), what, len(seen)))
    for rx, what in RULES:
        for m in rx.finditer(text):
            bad.append('%s:%d: %s' %
                       (rel, text.count('\n', 0, m.start()) + 1, what))
    return bad


def main():
    root = sys.argv[1]
    files = sys.argv[2:]
    if not files:
        for d, _, names in os.walk(os.path.join(root, 'src')):
            for n in sorted(names):
                if n.endswith(('.c', '.h')):
                    files.append(os.path.join(d, n))
    bad = []
    for path in sorted(files):
        rel = os.path.relpath(path, root)
        if rel == HOME:
            continue
        bad += check(path, rel)
    for b in bad:
        print(b)
    if bad:
        print('calendar knowledge outside %s: use its functions '
              '(src/lib/calendar.h)' % HOME)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
