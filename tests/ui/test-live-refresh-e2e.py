#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through AT-SPI (issues 18 and 20): views refresh themselves on the session's
document-changed. Writes made outside the window — by griddesk-ctl, another connection to
the same file — show at once: a household's new address in the households list, and a step
of an incident on the incidents board (the column counts), without switching views.

Run by tests/ui/run-ui-test.sh. Exit status: 0 pass, 1 fail.
"""

import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from atspi_helpers import (App, Failure, ctl, demo_village, log, log_windows, name_of,
                               role_of, translator, wait_for, walk)
except ImportError as error:  # make deps installs pyatspi: a missing module is a failure
    print("FAIL: %s" % error)
    sys.exit(1)

OPERATOR = "王小梅"
NEW_ADDRESS = "新兴镇幸福路777号（刚改）"


def labels(root):
    return [name_of(n) for n in walk(root) if role_of(n) == "label"]


def counts(root):
    """The pure numbers shown (the board's column counts), in tree order."""
    return [t for t in labels(root) if re.fullmatch(r"[0-9]+", t or "")]


def put(doc_type, doc):
    exe = os.environ.get("GRIDDESK_CTL")
    result = subprocess.run([exe, "--db", DB, "put", doc_type, "-"], input=json.dumps(doc),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise Failure("griddesk-ctl put %s: %s" % (doc_type, result.stderr))


def main():
    global DB
    translator()
    try:
        tmp, DB = demo_village()
    except Failure as failure:
        log("FAIL: %s" % failure)
        return 1

    # a centre operator is at the desk (settings in a key file): no operator dialog
    config = os.path.join(tmp, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        for path in ("cn/griddesk/GridDesk", "cn/griddesk/GridDesk/Devel"):
            keyfile.write("[%s]\noperator-name='%s'\noperator-role='centre_operator'\n\n"
                          % (path, OPERATOR))
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config)

    status, out, err = ctl("--db", DB, "list", "household", "--limit", "1", "--json")
    if status != 0:
        log("FAIL: griddesk-ctl list: %s" % err)
        return 1
    # the list masks personal numbers: the stored copy is what gets written back
    status, out, err = ctl("--db", DB, "get", "household", json.loads(out)[0]["_id"])
    if status != 0:
        log("FAIL: griddesk-ctl get: %s" % err)
        return 1
    household = json.loads(out)
    status, out, err = ctl("--db", DB, "list", "incident", "--status", "registered",
                           "--limit", "1", "--json")
    if status != 0 or not json.loads(out):
        log("FAIL: no registered incident in the demo village: %s" % err)
        return 1
    incident = json.loads(out)[0]

    # 1. another connection changes an address: the households list shows it, nobody reloads
    app = App(["--db", DB, "--view", "households"], env=env)
    try:
        main_window = app.node.getChildAtIndex(0)
        wait_for("the first household's address in the list",
                 lambda: household["address"] in labels(main_window), timeout=120)
        put("household", dict(household, address=NEW_ADDRESS))
        started = time.monotonic()
        wait_for("the new address in the households list",
                 lambda: NEW_ADDRESS in labels(main_window), timeout=15)
        log("ok: the households list shows the address written by griddesk-ctl after %.1f s"
            % (time.monotonic() - started))
        if app.warnings:
            raise Failure("griddesk printed criticals: %s" % app.warnings)
    except Failure as failure:
        log("FAIL: %s" % failure)
        log_windows(app, limit=60)
        return 1
    finally:
        app.stop()

    # 2. the incidents board: a step taken elsewhere moves the column counts at once
    app = App(["--db", DB, "--view", "incidents"], env=env)
    try:
        main_window = app.node.getChildAtIndex(0)
        # the board has counted once the store is open (some column is not 0)
        before = wait_for("the board's column counts",
                          lambda: (lambda c: c if any(x != "0" for x in c) else None)(
                              counts(main_window)), timeout=120)
        time.sleep(1.0)
        before = counts(main_window)
        status, _out, err = ctl("--db", DB, "incident", "transition", incident["_id"],
                                "--to", "dispatched", "--by", "外部", "--role", "centre_operator")
        if status != 0:
            raise Failure("griddesk-ctl incident transition: %s" % err)
        started = time.monotonic()
        def moved_one():
            """One count down by one (登记) and one up by one (分流), nothing else changed."""
            now = counts(main_window)
            if len(now) != len(before):
                return None
            deltas = sorted(int(a) - int(b) for a, b in zip(now, before) if a != b)
            return (now, deltas) if deltas == [-1, 1] else None
        _now, deltas = wait_for("the board's counts to follow", moved_one, timeout=30)
        log("ok: one column count went down and one up (%r) after %.1f s"
            % (deltas, time.monotonic() - started))
        if app.warnings:
            raise Failure("griddesk printed criticals: %s" % app.warnings)
        return 0
    except Failure as failure:
        log("FAIL: %s" % failure)
        log_windows(app, limit=60)
        return 1
    finally:
        app.stop()


if __name__ == "__main__":
    sys.exit(main())
