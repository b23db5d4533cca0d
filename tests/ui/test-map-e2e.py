#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through AT-SPI (issue 6): the Map view opens on the demo village with the
offline basemap made by `griddesk-ctl demo-basemap`, shows as many households as the database
holds and its legend, and "Show the Whole Area" works; no warnings on the way.

Run by tests/ui/run-ui-test.sh. Exit status: 0 pass, 1 fail.
"""

import json
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from atspi_helpers import (App, Failure, button, click, ctl, field, log, name_of, role_of,
                               set_text, translator, wait_for, walk)
except ImportError as error:  # make deps installs pyatspi: a missing module is a failure
    print("FAIL: %s" % error)
    sys.exit(1)


def main():
    _ = translator()
    tmp = tempfile.mkdtemp(prefix="griddesk-map-", dir=os.environ.get("GRIDDESK_TEST_TMPDIR"))
    db = os.path.join(tmp, "village.sqlite")
    for args in (("demo", "--scale", "village"), ("demo-basemap",)):
        status, _out, err = ctl("--db", db, *args)
        if status != 0:
            log("FAIL: griddesk-ctl %s: %s" % (args[0], err))
            return 1
    basemap = os.path.join(tmp, "village.basemap.mbtiles")
    if not os.path.exists(basemap):
        log("FAIL: demo-basemap did not write %s" % basemap)
        return 1
    status, out, _err = ctl("--db", db, "stats", "--json")
    households = json.loads(out)["counts"]["households"]

    app = App(["--db", db, "--view", "map"])
    try:
        set_text_and_continue(app, _)

        # the summary over the map: "%u households · %u open incidents · …" in the UI language
        pattern = re.escape(_("%u households · %u open incidents · %u open disputes on the map"))
        pattern = pattern.replace(re.escape("%u"), r"(\d+)").replace("%u", r"(\d+)")

        def summary():
            for n in walk(app.node):
                if role_of(n) == "label":
                    m = re.search(pattern, name_of(n))
                    if m:
                        return m
            return None
        m = wait_for("the map's summary", summary, timeout=60)
        if int(m.group(1)) != households:
            raise Failure("the map shows %s households, the database holds %d" % (m.group(1), households))
        log("ok: the map shows %d households, %s open incidents, %s open disputes"
            % (households, m.group(2), m.group(3)))

        wait_for("the legend", lambda: any(role_of(n) == "label" and name_of(n) == _("Legend")
                                           for n in walk(app.node)), timeout=10)
        log("ok: the legend is shown")

        click(button(app.node, _("Show the Whole Area"), timeout=10))
        time.sleep(1.0)
        no_basemap = _("No offline basemap: %s. Choose a map file in Preferences → Map.").split("%s")[0]
        if any(no_basemap in name_of(n) for n in walk(app.node)):
            raise Failure("the offline basemap was not found")
        if app.warnings:
            raise Failure("warnings: %s" % app.warnings)
        log("ok: whole area shown, offline basemap in use, no warnings")
    finally:
        app.stop()
    return 0


def set_text_and_continue(app, _):
    """First start: who works here (the operator dialog), then let it go away."""
    set_text(field(app.node, _("Your Name"), timeout=120), "王小梅")
    click(button(app.node, _("_Continue")))
    time.sleep(1.0)
    wait_for("the operator dialog to close", lambda: app.node.childCount == 1, timeout=20)
    time.sleep(1.0)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        log("FAIL: %s" % failure)
        sys.exit(1)
