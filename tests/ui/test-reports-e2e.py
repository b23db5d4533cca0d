#!/usr/bin/python3
"""End to end through AT-SPI (issue 14): the Reports view on the demo village. It opens on
this month; the previous-period button goes to last month; the grid ranking's first row is
the grid with the most incidents reported last month (China time, as the report counts);
choosing it lands on the Incidents view limited to that grid, whose list shows only that
grid's incidents.

With GRIDDESK_SHOTS=DIR it also saves screenshots there.

Run by tests/ui/run-ui-test.sh. Exit status: 0 pass, 1 fail.
"""

import collections
import datetime
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from atspi_helpers import (App, Failure, button, click, ctl, demo_village, log, log_windows,
                               name_of, role_of, select_row, shot, showing, translator,
                               wait_find, wait_for, walk)
except ImportError as error:  # make deps installs pyatspi: a missing module is a failure
    print("FAIL: %s" % error)
    sys.exit(1)

CHINA = datetime.timezone(datetime.timedelta(hours=8))


def listed(db, kind):
    status, out, err = ctl("--db", db, "list", kind, "--json")
    if status != 0:
        raise Failure("griddesk-ctl list %s failed: %s" % (kind, err))
    return json.loads(out)


def china_month(stamp):
    when = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(CHINA)
    return (when.year, when.month)


def last_month():
    today = datetime.datetime.now(CHINA).date()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return (first.year, first.month)


def main():
    _ = translator()
    try:
        tmp, db = demo_village()
        incidents = listed(db, "incident")
        names = {g["code"]: g["name"] for g in listed(db, "grid") if g.get("level") == "grid"}
    except Failure as failure:
        log("FAIL: %s" % failure)
        return 1

    # the expected top grid: most incidents reported last month, then the smaller code
    month = last_month()
    counts = collections.Counter(i["grid"] for i in incidents
                                 if i.get("reported_at") and china_month(i["reported_at"]) == month)
    if not counts:
        log("FAIL: the demo village has no incident last month")
        return 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    top_name = names[top]
    log("# last month %d-%02d: top grid %s %s with %d incidents" % (month + (top, top_name, counts[top])))

    app = App(["--db", db, "--view", "reports"])
    try:
        main_window = app.node.getChildAtIndex(0)
        previous = button(main_window, _("Previous period"), timeout=120)
        period = datetime.datetime.now(CHINA)
        this_label = "%d年%d月" % (period.year, period.month)
        wait_for("this month's report", lambda: any(
            this_label in name_of(n) for n in walk(main_window) if role_of(n) == "label" and showing(n)),
            timeout=60)
        click(previous)
        last_label = "%d年%d月" % month
        wait_for("last month's report", lambda: any(
            last_label in name_of(n) and this_label not in name_of(n)
            for n in walk(main_window) if role_of(n) == "label" and showing(n)), timeout=60)
        log("ok: the previous period is %s" % last_label)

        # the ranking: the grid names in the order shown
        def ranking_node():
            return next((n for n in walk(main_window) if name_of(n) == _("Grid ranking")
                         and role_of(n) != "label"), None)
        ranking = wait_for("the grid ranking", ranking_node, timeout=30)

        def order():
            shown = [name_of(n) for n in walk(ranking) if role_of(n) == "label"
                     and name_of(n) in names.values()]
            return shown if len(shown) == len(names) else None
        shown = wait_for("every grid in the ranking", order, timeout=60)
        if shown[0] != top_name:
            raise Failure("the ranking starts with %r, expected %r (%r)" % (shown[0], top_name, shown))
        log("ok: the ranking starts with %s" % top_name)
        shot("reports-month.png")

        # the top grid: the Incidents view, limited to it
        select_row(ranking, top_name)
        search = wait_find(main_window, name=_("Search incidents"), timeout=30)
        wait_for("the Incidents view", lambda: showing(search), timeout=30)
        wait_for("the title naming the grid", lambda: any(
            name_of(n) == top_name for n in walk(main_window) if role_of(n) == "label" and showing(n)),
            timeout=30)
        numbers = {i["number"]: i["grid"] for i in incidents if i.get("number")}

        def listed_numbers():
            seen = [name_of(n) for n in walk(main_window) if role_of(n) == "label" and showing(n)
                    and name_of(n) in numbers]
            return seen or None
        seen = wait_for("incident numbers on the list", listed_numbers, timeout=30)
        others = [n for n in seen if numbers[n] != top]
        if others:
            raise Failure("incidents of other grids are listed: %r" % others[:5])
        log("ok: the Incidents view lists %d incidents, all of %s" % (len(seen), top_name))

        if app.warnings:
            raise Failure("griddesk printed criticals: %s" % app.warnings)
        return 0
    except Failure as failure:
        log("FAIL: %s" % failure)
        log_windows(app)
        return 1
    finally:
        app.stop()


if __name__ == "__main__":
    sys.exit(main())
