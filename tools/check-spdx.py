#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lists the source files without an SPDX licence line; exits 1 if there is any.

Walks the source tree (no git needed, so it also works in a release tarball): C, headers,
Python, shell, meson, GtkBuilder and CSS files, outside test fixtures and vendored modules."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ["src", "tests", "tools", "fuzz", "ui", "data", "po", ".ci"]
SKIP = {"tests/fixtures", "tests/sync/node_modules", "fuzz/corpus"}
SUFFIXES = (".c", ".h", ".py", ".sh", ".ui", ".css", ".build")


def sources():
    yield os.path.join(ROOT, "meson.build")
    yield os.path.join(ROOT, "Makefile")
    for top in DIRS:
        for folder, subdirs, names in os.walk(os.path.join(ROOT, top)):
            subdirs[:] = [d for d in subdirs if not d.startswith("_")
                          and os.path.relpath(os.path.join(folder, d), ROOT) not in SKIP]
            for name in names:
                if name.endswith(SUFFIXES) or name == "run":
                    yield os.path.join(folder, name)


missing = []
for path in sources():
    if not os.path.exists(path):
        continue
    with open(path, encoding="utf-8", errors="replace") as f:
        if "SPDX-License-Identifier:" not in f.read(4096):
            missing.append(os.path.relpath(path, ROOT))
for path in sorted(missing):
    print("no SPDX-License-Identifier line:", path)
print("%d source files without a licence line" % len(missing))
sys.exit(1 if missing else 0)
