#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through AT-SPI (issue 4): a centre operator registers an incident with the New
Incident form (category found by search, grid, urgency, address, reporter, a linked
household), then walks it round the closed loop in the detail pane — returned (the reason is
required) and resubmitted, dispatched, handled, verified, fed back and archived with the
resident's satisfaction — checking the database with griddesk-ctl after every step.

Run by tests/ui/run-ui-test.sh. Exit status: 0 pass, 1 fail.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from atspi_helpers import (App, Failure, button, choose, click, ctl, demo_village,
                               editable_in, field, log, log_windows, name_of, role_of,
                               select_row, sensitive, set_text, translator, wait_find, wait_for,
                               walk)
except ImportError as error:  # make deps installs pyatspi: a missing module is a failure
    print("FAIL: %s" % error)
    sys.exit(1)

TITLE = "幸福路口消防通道被杂物堵塞"
OPERATOR = "王小梅"


def incidents():
    status, out, err = ctl("--db", DB, "list", "incident", "--json")
    if status != 0:
        raise Failure("griddesk-ctl list failed: %s" % err)
    return json.loads(out)


def ours():
    hits = [i for i in incidents() if i.get("title") == TITLE]
    return hits[0] if hits else None


def status_is(status):
    doc = ours()
    return doc if doc is not None and doc.get("status") == status else None


def dialog(app):
    """The newest top-level other than the main window (a step's message dialog)."""
    def look():
        node = app.node
        if node.childCount < 2:
            return None
        return node.getChildAtIndex(node.childCount - 1)
    return wait_for("a dialog", look, timeout=15)


def wait_closed(app):
    # GTK 4.8's AT-SPI server can crash when asked about a window being torn down
    time.sleep(0.8)
    wait_for("the dialog to close", lambda: app.node.childCount == 1, timeout=20)
    time.sleep(0.5)


def step(app, _, label, status, note=None, before_apply=None):
    """Clicks the detail pane's `label` button, answers its dialog, waits for `status`."""
    click(button(app.node.getChildAtIndex(0), label, timeout=15))
    box = dialog(app)
    if note is not None:
        set_text(field(box, _("Reason (required)") if status == "returned" else _("Note")), note)
    if before_apply is not None:
        before_apply(box)
    click(button(box, label, timeout=10))
    wait_closed(app)
    doc = wait_for("status %s in the database" % status, lambda: status_is(status), timeout=15)
    last = doc["timeline"][-1]
    if last.get("to") != status or last.get("by") != OPERATOR:
        raise Failure("the last timeline entry is %r" % last)
    if note is not None and last.get("note") != note:
        raise Failure("the note was not recorded: %r" % last)
    log("ok: %s → %s (%d timeline entries)" % (label, status, len(doc["timeline"])))
    return doc


def main():
    global DB
    _ = translator()
    try:
        tmp, DB = demo_village()
    except Failure as failure:
        log("FAIL: %s" % failure)
        return 1
    before = len(incidents())
    status, out, _err = ctl("--db", DB, "list", "household", "--limit", "1", "--json")
    household = json.loads(out)[0]
    head = household["members"][0]["name"]

    # a centre operator (routes, verifies, archives) is at the desk: settings in a key file
    config = os.path.join(tmp, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        for path in ("cn/griddesk/GridDesk", "cn/griddesk/GridDesk/Devel"):
            keyfile.write("[%s]\noperator-name='%s'\noperator-role='centre_operator'\n\n"
                          % (path, OPERATOR))
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config)

    app = App(["--db", DB, "--view", "incidents"], env=env)
    try:
        # 1. the form
        click(button(app.node, _("New Incident"), timeout=120))
        form = app.window(_("New Incident"))
        set_text(field(form, _("Title")), TITLE)
        set_text(field(form, _("What happened")), "群众来电反映幸福路口消防通道堆放杂物，消防车无法通行。")
        set_text(editable_in(wait_find(form, name=_("Search categories"))), "消防")
        select_row(form, "消防隐患", list_name=_("Categories"))
        choose(form, _("Grid"), "幸福路网格")
        set_text(field(form, _("Address")), "幸福路与建设路交叉口")
        choose(form, _("Source"), "群众上报")
        choose(form, _("Urgency"), "紧急")
        set_text(field(form, _("Reporter")), "李建国")
        set_text(field(form, _("Reporter phone")), "13912345678")
        set_text(editable_in(wait_find(form, name=_("Find a household"))), head)
        click(button(form, "%s %s" % (_("Link"), head), timeout=10))
        wait_for("the household linked", lambda: button(form, _("Remove"), timeout=5))
        click(button(form, _("_Register")))
        wait_closed(app)
        doc = wait_for("the incident in the database", ours, timeout=15)
        if doc["status"] != "registered" or doc["created_by"] != OPERATOR:
            raise Failure("registered as %r by %r" % (doc["status"], doc["created_by"]))
        if doc["category"] != "AQ01" or doc["urgency"] != "urgent" or doc["grid"] != "320902101001001":
            raise Failure("fields: %r %r %r" % (doc["category"], doc["urgency"], doc["grid"]))
        if not doc.get("deadline") or not doc["number"].startswith("SJ-"):
            raise Failure("no deadline or number: %r" % doc)
        if doc.get("links", {}).get("households") != [household["_id"]]:
            raise Failure("links: %r" % doc.get("links"))
        if len(incidents()) != before + 1:
            raise Failure("%d incidents, expected %d" % (len(incidents()), before + 1))
        log("ok: registered %s (deadline %s, linked %s)" % (doc["number"], doc["deadline"], head))

        # 2. the detail pane shows it, with the steps a centre operator may take
        main_window = app.node.getChildAtIndex(0)
        wait_find(main_window, name=doc["number"], role="label", timeout=10)
        for label in (_("Dispatch"), _("Escalate"), _("Return")):
            button(main_window, label, timeout=10)
        if any(name_of(n) == _("Archive") for n in walk(main_window) if role_of(n) == "push button"):
            raise Failure("Archive is offered for a registered incident")

        # 3. a return needs its reason: the dialog's button stays off until there is one
        def reason_required(box):
            # AdwMessageDialog names its response buttons "label label" and has two rows of them
            answer = [n for n in walk(box) if role_of(n) == "push button" and _("Return") in name_of(n)]
            set_text(field(box, _("Reason (required)")), "")
            time.sleep(0.5)
            if not answer or any(sensitive(n) for n in answer):
                raise Failure("Return is possible without a reason (%s %r: %r)" % (
                    role_of(box), name_of(box), [(role_of(n), name_of(n), sensitive(n)) for n in walk(box)
                                                 if role_of(n) == "push button"]))
            set_text(field(box, _("Reason (required)")), "地址不详，请补充门牌号")
        click(button(main_window, _("Return"), timeout=10))
        box = dialog(app)
        reason_required(box)
        click(button(box, _("Return"), timeout=10))
        wait_closed(app)
        doc = wait_for("status returned", lambda: status_is("returned"), timeout=15)
        if doc["timeline"][-1].get("note") != "地址不详，请补充门牌号":
            raise Failure("the reason was not recorded: %r" % doc["timeline"][-1])
        log("ok: returned with its reason")
        step(app, _, _("Resubmit"), "registered", note="已补充门牌号")

        # 4. round the loop
        step(app, _, _("Dispatch"), "dispatched", note="交幸福路网格办理")
        step(app, _, _("Start Handling"), "in_progress")
        step(app, _, _("Submit for Verification"), "verifying", note="杂物已清理")
        step(app, _, _("Verified, Give Feedback"), "feedback")

        def feedback(box):
            choose(box, _("Satisfaction"), _("Basically satisfied"))
            set_text(field(box, _("What the resident said")), "清理及时，希望经常检查")
        doc = step(app, _, _("Archive"), "archived", before_apply=feedback)
        fb = doc.get("feedback") or {}
        if fb.get("satisfaction") != "basically" or fb.get("note") != "清理及时，希望经常检查" \
           or fb.get("by") != "李建国":
            raise Failure("feedback recorded as %r" % fb)
        path = [e.get("to") for e in doc["timeline"]]
        expected = ["registered", "returned", "registered", "dispatched", "in_progress",
                    "verifying", "feedback", "archived"]
        if path != expected:
            raise Failure("timeline %r" % path)
        log("ok: archived with the resident's feedback; timeline %s" % " → ".join(path))

        # 5. archived: only a reopen is left for a centre operator
        button(main_window, _("Reopen"), timeout=10)
        for label in (_("Archive"), _("Dispatch")):
            if any(name_of(n) == label for n in walk(main_window) if role_of(n) == "push button"):
                raise Failure("%s is still offered after archiving" % label)
        log("ok: only Reopen is offered after archiving")

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
