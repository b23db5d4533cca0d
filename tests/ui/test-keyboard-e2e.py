#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through AT-SPI (issue 20): the keyboard and the errors of a centre operator's day.

Alt+1…5 switch the views; Ctrl+N opens the current view's "new" (incident, household,
dispute) with the focus on the first field; Escape closes every form; F1 opens the user
guide. The New Incident form refuses a wrong reporter phone naming the field by its label,
marks it, focuses it, and clears the mark once the phone is fixed.

Run by tests/ui/run-ui-test.sh. Exit status: 0 pass, 1 fail.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import pyatspi
    from atspi_helpers import (App, Failure, button, choose, click, demo_village, editable_in,
                               field, log, log_windows, name_of, role_of, select_row, set_text,
                               shot, text_of, translator, wait_find, wait_for, walk)
except ImportError as error:  # make deps installs pyatspi: a missing module is a failure
    print("FAIL: %s" % error)
    sys.exit(1)

OPERATOR = "王小梅"
# keycodes of the default Xvfb keymap (evdev): modifiers are pressed by keycode
CONTROL, ALT = 37, 64


def start(tmp, db):
    """The app on `db` with a centre operator at the desk (the settings say who): the one
    place that answers who works here."""
    config = os.path.join(tmp, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as keyfile:
        for path in ("cn/griddesk/GridDesk", "cn/griddesk/GridDesk/Devel"):
            keyfile.write("[%s]\noperator-name='%s'\noperator-role='centre_operator'\n\n"
                          % (path, OPERATOR))
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config)
    return App(["--db", db, "--view", "households"], env=env)


def chord(modifier, keysym):
    """Presses `keysym` with a modifier held (Ctrl+N, Alt+3)."""
    pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_RELEASE)
    time.sleep(0.3)


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    time.sleep(0.3)


def view_is(app, title):
    """True when the view switcher has the view `title` selected. Looked up afresh: while a
    view is being built the main window answers nothing."""
    try:
        main = app.node.getChildAtIndex(0)
        return any(role_of(n) == "page tab" and name_of(n) == title
                   and n.getState().contains(pyatspi.STATE_SELECTED) for n in walk(main))
    except Exception:
        return False


def switch(app, number, title):
    chord(ALT, ord(str(number)))
    wait_for("Alt+%d to show the view %r" % (number, title), lambda: view_is(app, title), timeout=90)
    time.sleep(1.0)
    log("ok: Alt+%d shows %r" % (number, title))


def message_under(form, title):
    """The text of the message row under the form row `title` (the next label after the
    row's own), or None while it shows none."""
    names = [name_of(n) for n in walk(form) if role_of(n) == "label"]
    rows = [i for i, n in enumerate(names) if n == title]
    if not rows or rows[-1] + 1 >= len(names):
        return None
    text = names[rows[-1] + 1]
    # an empty message row, or the next group's title
    return text if text and text != _("Category") else None


def new_window(app):
    """The newest top-level (the form Ctrl+N opened)."""
    wait_for("a second window", lambda: app.node.childCount >= 2, timeout=60)
    # let it be built and shown before asking about it (GTK 4.8's AT-SPI server)
    time.sleep(2.0)
    return wait_for("the window's title",
                    lambda: (lambda w: w if name_of(w) else None)(
                        app.node.getChildAtIndex(app.node.childCount - 1)), timeout=20)


def wait_closed(app):
    # GTK 4.8's AT-SPI server can crash when asked about a window being torn down
    time.sleep(2.0)
    wait_for("the form to close", lambda: app.node.childCount == 1, timeout=20)
    time.sleep(0.5)


_ = translator()


def main():
    try:
        tmp, db = demo_village()
    except Failure as failure:
        log("FAIL: %s" % failure)
        return 1
    app = start(tmp, db)
    try:
        app.window(timeout=120)
        wait_for("the households view", lambda: view_is(app, _("Households")), timeout=120)
        time.sleep(1.0)

        # 1. Alt+number switches the views, in the switcher's order
        switch(app, 3, _("Incidents"))
        switch(app, 5, _("Mediation"))

        # 2. Ctrl+N is the current view's "new"; Escape closes it
        for number, view, refused in ((1, _("Households"), (_("New Incident"),)),
                                      (5, _("Mediation"), (_("New Incident"), _("New Household")))):
            switch(app, number, view)
            chord(CONTROL, ord("n"))
            opened = name_of(new_window(app))
            if opened in refused:
                raise Failure("Ctrl+N in %r opened %r" % (view, opened))
            log("ok: Ctrl+N in %r opens %r" % (view, opened))
            shot("ctrl-n-%d.png" % number)
            press(0xff1b)
            wait_closed(app)
            log("ok: Escape closes %r" % opened)

        switch(app, 3, _("Incidents"))
        chord(CONTROL, ord("n"))
        form = new_window(app)
        if name_of(form) != _("New Incident"):
            raise Failure("Ctrl+N in the incidents view opened %r" % name_of(form))
        title = field(form, _("Title"))
        # what is typed first goes to the title (not to Cancel)
        press(ord("a"))
        wait_for("a typed key in the title", lambda: text_of(title) == "a", timeout=10)
        log("ok: Ctrl+N in the incidents view opens New Incident, focus on %r" % _("Title"))

        # 3. a refusal names the field's label, marks and focuses it, and clears when fixed
        set_text(title, "楼道堆放杂物")
        set_text(editable_in(wait_find(form, name=_("Search categories"))), "消防")
        select_row(form, "消防隐患", list_name=_("Categories"))
        choose(form, _("Grid"), "幸福路网格")
        set_text(field(form, _("Address")), "幸福路12号")
        phone = field(form, _("Reporter phone"))
        set_text(phone, "12345")
        click(button(form, _("_Register")))
        label = _("Reporter phone")
        summary = wait_for("a summary naming %r" % label,
                           lambda: next((name_of(n) for n in walk(form) if role_of(n) == "label"
                                         and label in name_of(n) and "：" in name_of(n)), None),
                           timeout=10)
        if "reporter.phone" in summary or any("reporter.phone" in name_of(n) for n in walk(form)):
            raise Failure("an internal path is shown: %r" % summary)
        # the focus is on the phone: a key typed now lands there
        press(ord("9"))
        wait_for("a typed key in the phone", lambda: text_of(phone) in ("9", "123459"), timeout=10)
        message = wait_for("a message under the phone", lambda: message_under(form, label), timeout=10)
        shot("incident-form-error.png")
        log("ok: the refusal says %r, the phone is focused, %r under it" % (summary, message))
        set_text(phone, "13912345678")
        wait_for("the message under the phone to clear",
                 lambda: message_under(form, label) is None, timeout=10)
        wait_for("the summary to go",
                 lambda: not any(role_of(n) == "label" and label in name_of(n)
                                 and "：" in name_of(n) for n in walk(form)), timeout=10)
        log("ok: fixing the phone clears the mark and the summary")
        press(0xff1b)
        wait_closed(app)
        log("ok: Escape closes the incident form")

        # 4. F1: the user guide, at the page of the view; Escape closes it
        press(0xffbe)
        guide = new_window(app)
        if name_of(guide) != _("User Guide"):
            raise Failure("F1 opened %r" % name_of(guide))
        wait_for("the incidents page", lambda: any(name_of(n) == "登记事件" for n in walk(guide)),
                 timeout=10)
        shot("user-guide.png")
        press(0xff1b)
        wait_closed(app)
        log("ok: F1 opens the user guide at the incidents page; Escape closes it")

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
