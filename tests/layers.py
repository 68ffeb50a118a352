#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""No cycle between source files (docs/dev/architecture.md).

For the library (libcronkeep_core.a) and the program (cronkeep), reads
which functions each object file defines and which it calls (nm), draws
an arrow from a file to every other file whose functions it calls, and
fails on any cycle, printing the files of each and the functions that
make its arrows.  Usage: layers.py BUILDDIR
"""
import collections
import glob
import os
import subprocess
import sys


def symbols(paths):
    defs, uses = {}, collections.defaultdict(set)
    # One nm for every file: "-A" prefixes each line with its file.
    out = subprocess.run(['nm', '-A'] + paths, capture_output=True,
                         text=True, check=True).stdout
    for line in out.splitlines():
        path, _, rest = line.rpartition(':')
        name = os.path.basename(path)
        for suffix in ('.c.o', '.o'):
            if name.endswith(suffix):
                name = name[:-len(suffix)]
                break
        name = name.replace('src_lib_', '')
        f = rest.split()
        if len(f) == 3 and f[1] in 'TDBRC':
            defs[f[2]] = name
        elif len(f) == 2 and f[0] == 'U':
            uses[name].add(f[1])
    return defs, uses


def cycles(edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main():
    build = sys.argv[1]
    groups = [('library', 'libcronkeep_core.a.p'),
              ('program', os.path.join('src', 'cli', 'cronkeep.p'))]
    bad = 0
    for label, sub in groups:
        objs = sorted(glob.glob(os.path.join(build, sub, '*.o')))
        if len(objs) < 5:
            print('%s: no object files under %s' % (label, sub))
            return 1
        defs, uses = symbols(objs)
        edges = collections.defaultdict(set)
        for f, called in uses.items():
            for s in called:
                if s in defs and defs[s] != f:
                    edges[f].add(defs[s])
        for comp in cycles(edges):
            bad += 1
            print('%s: cycle between %s' % (label, ' '.join(comp)))
            for f in comp:
                for g in sorted(edges[f] & set(comp)):
                    why = sorted(s for s in uses[f] if defs.get(s) == g)
                    print('  %s -> %s: %s' % (f, g, ' '.join(why)))
        print('%s: %d files, %d arrows, %s' % (
            label, len(objs), sum(len(e) for e in edges.values()),
            'no cycle' if not bad else 'cycles'))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
