#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through AT-SPI (issue 16): the Organisations view (单位场所) on the demo village.
Filter the register by risk: only the organisations at that level are listed, as many as
griddesk-ctl counts; open one and see its page with its safety inspections and checklist.

With GRIDDESK_SHOTS=DIR it also saves screenshots of the list and the organisation's page.
Run by tests/ui/run-ui-test.sh. Exit status: 0 pass, 1 fail.
"""

import gettext
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from atspi_helpers import (App, Failure, button, choose, click, ctl, demo_village, log,
                               log_windows, name_of, role_of, select_row, shot, texts,
                               translator, wait_for, walk)
except ImportError as error:  # make deps installs pyatspi: a missing module is a failure
    print("FAIL: %s" % error)
    sys.exit(1)

OPERATOR = "王小梅"
RISK = "major"


def labels(root):
    """Every label's text (GTK 4.8 does not always report SHOWING)."""
    return [name_of(n) for n in walk(root) if role_of(n) == "label"]


def code_names(list_name):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "codes",
                        list_name + ".json")
    with open(path, encoding="utf-8") as f:
        return {item["code"]: item["name_zh"] for item in json.load(f)["items"]}


def main():
    _ = translator()
    catalog = gettext.translation("griddesk", os.environ.get("GRIDDESK_LOCALEDIR"),
                                  languages=[l for l in os.environ.get("LANGUAGE", "").split(":") if l]
                                  or None, fallback=True)

    def count_text(n):
        return catalog.ngettext("%u organisation", "%u organisations", n) % n
    try:
        tmp, db = demo_village()
    except Failure as failure:
        log("FAIL: %s" % failure)
        return 1

    status, out, err = ctl("--db", db, "list", "organisation", "--json")
    if status != 0:
        log("FAIL: griddesk-ctl list organisation: %s" % err)
        return 1
    organisations = json.loads(out)
    risky = sorted((o for o in organisations if (o.get("risk") or {}).get("level") == RISK),
                   key=lambda o: (o["grid"], o["name"]))
    if not risky or len(risky) == len(organisations):
        log("FAIL: the demo village should have some, not all, organisations at risk %s" % RISK)
        return 1
    risk_names = code_names("risk-levels")
    items = code_names("inspection-items")

    # a centre operator is at the desk (settings in a key file): no operator dialog
    config = os.path.join(tmp, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        for path in ("cn/griddesk/GridDesk", "cn/griddesk/GridDesk/Devel"):
            keyfile.write("[%s]\noperator-name='%s'\noperator-role='centre_operator'\n\n"
                          % (path, OPERATOR))
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config)

    app = App(["--db", db, "--view", "organisations"], env=env)
    try:
        main_window = app.node.getChildAtIndex(0)
        wait_for("the count of every organisation",
                 lambda: count_text(len(organisations)) in labels(main_window), timeout=120)
        log("ok: the view lists all %d organisations of the village" % len(organisations))
        before = set(labels(main_window))
        shot("16-organisations-list.png")

        # 1. filter by risk: the count follows; the rows are those at that level only
        choose(main_window, _("Risk level"), risk_names[RISK])
        wait_for("the count of organisations at risk %s" % RISK,
                 lambda: count_text(len(risky)) in labels(main_window), timeout=30)
        shown = set(labels(main_window))
        missing = [o["name"] for o in risky if o["name"] not in shown]
        if missing:
            raise Failure("organisations at risk %s not listed: %s" % (RISK, missing))
        risky_names = {o["name"] for o in risky}
        gone = {o["name"] for o in organisations if o["name"] not in risky_names} & before
        if not gone or gone & shown:
            raise Failure("organisations at other risk levels still listed: %s" % (gone & shown))
        log("ok: filtered by risk %s: %d organisations; the %d others listed before are gone"
            % (risk_names[RISK], len(risky), len(gone)))
        shot("16-organisations-filtered.png")

        # 2. open the first one: its page shows its inspections and their checklists
        organisation = risky[0]
        select_row(main_window, organisation["name"])
        click(button(main_window, _("Open Selected Organisation")))
        page = app.window(title=organisation["name"], timeout=30)
        inspections = sorted(organisation["inspections"], key=lambda i: i["at"], reverse=True)
        newest = inspections[0]
        wait_for("the inspections on the page",
                 lambda: _("Safety Inspections") in labels(page) and
                 all(i["at"][:10] in [name_of(n) for n in walk(page)] for i in inspections),
                 timeout=30)
        names = [name_of(n) for n in walk(page)]
        want = [items[c["item"]] for c in newest["checklist"]]
        if not all(w in names for w in want):
            raise Failure("the newest inspection's checklist is not shown: %s" % want)
        if _("Hazard") not in names:
            raise Failure("a major-risk organisation shows no hazard in its checklist")
        log("ok: the page of %s shows its %d inspections and the newest checklist (%d items)"
            % (organisation["name"], len(inspections), len(want)))
        shot("16-organisation-page.png")

        if app.warnings:
            raise Failure("griddesk printed criticals: %s" % app.warnings)
        return 0
    except Failure as failure:
        log("FAIL: %s" % failure)
        log_windows(app, limit=80)
        return 1
    finally:
        app.stop()


if __name__ == "__main__":
    sys.exit(main())
