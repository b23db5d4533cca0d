#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""include-cycles.py [--areas] [--edges] DIR...: include cycles among the modules (a gd-x.c/.h pair is one
module; a class split over files, gd-x.c and gd-x-part.c sharing gd-x-private.h, is one module
too) of the source folders given, found from their #include "..." lines (Tarjan's strongly
connected components). With --areas the nodes are the folders under src/app instead (an area
is its folder; files at src/app's top are the area "app"). Prints each cycle (with --edges,
first every node's includes); exit status 1 when there is one."""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def modules(dirs):
    found = {}
    for top in dirs:
        for root, _, files in os.walk(top):
            for name in files:
                if name.endswith(('.c', '.h')):
                    path = os.path.join(root, name)
                    stem = re.sub(r'-private$', '', name[:-2])
                    found.setdefault(stem, []).append(path)
    return found


def area_of(path):
    parts = os.path.normpath(path).split(os.sep)
    if 'app' in parts:
        rest = parts[parts.index('app') + 1:]
        return rest[0] if len(rest) > 1 else 'app'
    return None


def private_owner(path):
    """The module whose -private.h this file includes, if any (it is a part of that class)."""
    with open(path, encoding='utf-8') as f:
        for included in INCLUDE.findall(f.read()):
            name = os.path.basename(included)
            if name.endswith('-private.h'):
                return name[:-len('-private.h')]
    return None


def graph(found, areas):
    node_of = {}
    for stem, paths in found.items():
        owner = next((private_owner(p) for p in paths if p.endswith('.c')), None)
        for path in paths:
            node_of[path] = area_of(path) if areas else (owner or stem)
    header_node = {}
    for stem, paths in found.items():
        for path in paths:
            if path.endswith('.h'):
                header_node[os.path.basename(path)] = node_of[path]
    edges = {}
    for path, node in node_of.items():
        if node is None:
            continue
        with open(path, encoding='utf-8') as f:
            for included in INCLUDE.findall(f.read()):
                target = header_node.get(os.path.basename(included))
                if target is not None and target != node:
                    edges.setdefault(node, set()).add(target)
    return edges


def cycles(edges):
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in list(edges):
        if v not in index:
            visit(v)
    return result


def main(argv):
    areas = '--areas' in argv
    dirs = [a for a in argv if a not in ('--areas', '--edges')]
    edges = graph(modules(dirs), areas)
    if '--edges' in argv:
        for node in sorted(edges):
            print('%s -> %s' % (node, ' '.join(sorted(edges[node]))))
    found = cycles(edges)
    for component in found:
        print('cycle of %d: %s' % (len(component), ' '.join(component)))
    if not found:
        print('no include cycle among %s in %s' % ('areas' if areas else 'modules', ' '.join(dirs)))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
