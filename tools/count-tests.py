#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in meson testlog.json files: TAP subtests one by one, other tests whole.
Prints 'N passed, N failed' as the last line; exits 1 if anything failed (or a log is missing).
A test marked incomplete (TAP "# TODO") counts as failed: it did not show what it claims."""
import json
import re
import sys

passed = failed = skipped = 0
logs = []
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            logs.extend(log.readlines())
    except OSError as error:
        print(f"cannot read {path}: {error}", file=sys.stderr)
        failed += 1
for line in logs:
    test = json.loads(line)
    result = test.get("result")
    tap = [l for l in (test.get("stdout") or "").splitlines()
           if re.match(r"(not )?ok \d+", l)]
    if tap and result not in ("TIMEOUT", "ERROR"):
        for l in tap:
            if re.search(r"#\s*skip", l, re.I):
                skipped += 1
            elif l.startswith("not ok") or re.search(r"#\s*todo", l, re.I):
                # g_test_incomplete() prints "not ok N … # TODO": unfinished is not passed
                failed += 1
            else:
                passed += 1
        # a crash after the last TAP line still fails the program
        if result == "FAIL" and not any(l.startswith("not ok") for l in tap):
            failed += 1
    elif result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
