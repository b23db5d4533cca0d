#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
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
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from atspi_helpers import (App, Failure, button, choose, click, ctl, demo_village,
                               editable_in, log, log_windows, name_of, role_of, select_row,
                               set_text, shot, text_of, translator,
                               wait_for, walk)
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
        grids = listed(db, "grid")
        names = {g["code"]: g["name"] for g in grids if g.get("level") == "grid"}
        village = next(g["name"] for g in grids if g.get("level") == "village")
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

    # the window at the size of the screenshots (1100×720)
    config = os.path.join(tmp, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        for path in ("cn/griddesk/GridDesk", "cn/griddesk/GridDesk/Devel"):
            keyfile.write("[%s]\nwindow-width=1100\nwindow-height=720\nwindow-maximized=false\n"
                          "operator-name='王小梅'\noperator-role='centre_operator'\n\n" % path)
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config)

    app = App(["--db", db, "--view", "reports"], env=env)
    try:
        main_window = app.node.getChildAtIndex(0)
        previous = button(main_window, _("Previous period"), timeout=120)
        period = datetime.datetime.now(CHINA)
        # the period label: "新兴村 · 2026年12月"
        this_label = "%s · %d年%d月" % (village, period.year, period.month)
        last_label = "%s · %d年%d月" % ((village,) + month)

        def label_is(text):
            return lambda: any(name_of(n) == text for n in walk(main_window) if role_of(n) == "label")
        wait_for("this month's report (%s)" % this_label, label_is(this_label), timeout=60)
        click(previous)
        wait_for("last month's report (%s)" % last_label, label_is(last_label), timeout=60)
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
        if os.environ.get("GRIDDESK_SHOTS"):
            # the week that holds last month's last day, then back to the month
            choose(main_window, _("Report period"), "周")
            for _i in range(2):  # the demo's last busy week
                click(previous)
                time.sleep(1)
            time.sleep(3)
            shot("reports-week.png")
            choose(main_window, _("Report period"), "月")
            wait_for("every grid in the ranking", order, timeout=60)

        # the month saved as a PDF through the file chooser: private, with the scope and period
        pdf = os.path.join(tmp, "report.pdf")
        click(button(main_window, _("Save as P_DF…"), timeout=60))
        chooser = wait_for("the file chooser", lambda: next(
            (app.node.getChildAtIndex(i) for i in range(app.node.childCount)
             if name_of(app.node.getChildAtIndex(i)) == _("Save as PDF")), None), timeout=20)
        name = wait_for("the file name entry", lambda: next(
            (n for n in walk(chooser) if editable_in(n) is n
             and text_of(n).endswith(".pdf")), None), timeout=20)
        set_text(name, pdf)
        time.sleep(0.5)
        click(button(chooser, _("_Save")))
        wait_for("%s on disk" % pdf, lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 1000,
                 timeout=30)
        if os.stat(pdf).st_mode & 0o777 != 0o600:
            raise Failure("the PDF has mode %o" % (os.stat(pdf).st_mode & 0o777))
        flat = "".join(subprocess.run(["pdftotext", pdf, "-"], stdout=subprocess.PIPE,
                                      text=True).stdout.split())
        for wanted in (village, "%d年%d月" % month, top_name):
            if wanted not in flat:
                raise Failure("%r is not in the saved PDF: %s" % (wanted, flat[:300]))
        log("ok: saved the month as %s (%d bytes, mode 600)" % (pdf, os.path.getsize(pdf)))

        # the top grid: the Incidents view, limited to it
        select_row(ranking, top_name)
        keyfile = os.path.join(config, "glib-2.0", "settings", "keyfile")
        wait_for("the Incidents view (last-view in the settings)",
                 lambda: "last-view='incidents'" in open(keyfile, encoding="utf-8").read(), timeout=30)
        # the view's measures line counts the incidents it is limited to: the grid's, not the
        # village's
        fmt = _("%d incidents · closure rate %.0f%% · on time %.0f%% · "
                "average handling %.0f hours · handled in grid / village / above %.0f / %.0f / %.0f%%")
        in_grid = sum(1 for i in incidents if i.get("grid") == top)
        head = fmt.split(" · ")[0].replace("%d", str(in_grid))

        def measures():
            return next((name_of(n) for n in walk(main_window)
                         if role_of(n) == "label" and name_of(n).startswith(head + " · ")), None)
        try:
            line = wait_for("the Incidents view limited to %s (%r)" % (top_name, head), measures,
                            timeout=60)
        except Failure:
            shown = [name_of(n) for n in walk(main_window)
                     if role_of(n) == "label" and fmt.split(" · ")[1][:2] in name_of(n)]
            raise Failure("the Incidents view shows %r, expected %r" % (shown, head))
        log("ok: the Incidents view is limited to %s: %s" % (top_name, line))
        shot("reports-incidents.png")

        if app.warnings:
            raise Failure("griddesk printed criticals: %s" % app.warnings)
        return 0
    except Failure as failure:
        log("FAIL: %s" % failure)
        try:
            log("# labels: %r" % [name_of(n) for n in walk(app.node.getChildAtIndex(0))
                                  if role_of(n) == "label" and "年" in name_of(n)][:20])
        except Exception:
            pass
        log_windows(app)
        return 1
    finally:
        app.stop()


if __name__ == "__main__":
    sys.exit(main())
