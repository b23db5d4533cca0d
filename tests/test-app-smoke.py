#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Smoke test of the GridDesk main window through AT-SPI.

Run by tests/ui/run-ui-test.sh (private session bus, Xvfb, temp XDG dirs) with Debian's
/usr/bin/python3 and python3-pyatspi. Environment:

  GRIDDESK            the built griddesk executable (required)
  GRIDDESK_CTL        the built griddesk-ctl; used to make the demo database when it can
  GRIDDESK_LOCALEDIR  the build's po/ dir, to look up the expected translations
  LANGUAGE            the language the labels are expected in (zh_CN in meson test)

It walks the first start as a new operator would: the operator dialog asks for a name (the
settings backend is empty), then the window shows the navigator with the village and its
counts, the households view shows the register, the operator button shows the name, and the
header bar's search finds a resident.

Exit status: 0 pass, 1 fail.
"""

import gettext
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

try:
    import pyatspi
except ImportError:  # make deps installs it: a missing module is a failure, not a skip
    print("FAIL: pyatspi is not available to", sys.executable)
    sys.exit(1)

TIMEOUT = 120  # seconds: creating the demo village on first run takes a few
STEP_TIMEOUT = 30
OPERATOR = "张明"


# the AT-SPI basics shared with the other UI tests
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui"))
from atspi_helpers import log, walk  # noqa: E402
from atspi_helpers import name_of as safe_name  # noqa: E402
from atspi_helpers import role_of as safe_role  # noqa: E402


def translations():
    localedir = os.environ.get("GRIDDESK_LOCALEDIR")
    languages = [l for l in os.environ.get("LANGUAGE", "").split(":") if l]
    return gettext.translation("griddesk", localedir, languages=languages or None,
                               fallback=True)


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        try:
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def find(root, predicate, max_depth=40):
    for node in walk(root, max_depth=max_depth):
        try:
            if predicate(node):
                return node
        except Exception:
            continue
    return None


def strip_mnemonic(label):
    """"继续(_C)" -> "继续(C)", "_Continue" -> "Continue": what GTK exposes for a label."""
    return label.replace("_", "")


def do_action(node):
    """Clicks `node`, or its first descendant that can be clicked (a GtkMenuButton exposes
    its inner toggle button as a child)."""
    for candidate in walk(node, max_depth=4):
        try:
            action = candidate.queryAction()
        except Exception:
            continue
        if action.nActions == 0:
            continue
        for i in range(action.nActions):
            if action.getName(i) in ("click", "activate", "press"):
                return action.doAction(i)
        return action.doAction(0)
    raise Failure("%r cannot be clicked" % safe_name(node))


def set_text(node, text):
    editable = node.queryEditableText()
    editable.setTextContents(text)


def editable_in(node):
    """`node` or the first descendant that takes text."""
    def takes_text(n):
        try:
            n.queryEditableText()
            return True
        except Exception:
            return False
    return find(node, takes_text, max_depth=8)


class StderrWatch:
    """Echoes the app's stderr and remembers its warnings, so a failure shows at once."""

    def __init__(self, stream):
        self.warnings = []
        self.thread = threading.Thread(target=self.run, args=(stream,), daemon=True)
        self.thread.start()

    def run(self, stream):
        for line in iter(stream.readline, ""):
            sys.stderr.write("# griddesk: " + line)
            if "-WARNING **" in line or "-CRITICAL **" in line or "-ERROR **" in line:
                self.warnings.append(line.strip())


def make_database(path):
    """Makes the demo village with griddesk-ctl; False when the CLI cannot (yet)."""
    ctl = os.environ.get("GRIDDESK_CTL")
    if not ctl or not os.access(ctl, os.X_OK):
        return False
    started = time.monotonic()
    result = subprocess.run([ctl, "--db", path, "demo", "--scale", "village"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        log("# griddesk-ctl demo failed (%d), the app makes the demo village itself: %s"
            % (result.returncode, result.stderr.strip()[:300]))
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        return False
    log("# griddesk-ctl demo: %.1f s" % (time.monotonic() - started))
    return True


def first_household(path):
    """(number, head name, address) of the first household, from griddesk-ctl; or None."""
    ctl = os.environ.get("GRIDDESK_CTL")
    if not ctl or not os.access(ctl, os.X_OK) or not os.path.exists(path):
        return None
    result = subprocess.run([ctl, "--db", path, "list", "household", "--limit", "1", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        return None
    try:
        doc = json.loads(result.stdout)[0]
        members = doc.get("members") or []
        head = next((m for m in members if m.get("relation") in ("01", "02")), members[0])
        return doc["number"], head["name"], doc.get("address", "")
    except (ValueError, LookupError, TypeError):
        return None


class Failure(Exception):
    pass


class Session:
    def __init__(self, proc, watch):
        self.proc = proc
        self.watch = watch
        self.app = None

    def check_alive(self):
        if self.proc.poll() is not None:
            raise Failure("griddesk exited early with status %d" % self.proc.returncode)
        if any("Cannot open" in w for w in self.watch.warnings):
            raise Failure("griddesk could not open the database: %s" % self.watch.warnings)

    def wait_for(self, what, predicate, timeout=STEP_TIMEOUT, max_depth=40):
        """Polls until `predicate(app)` returns something true; returns it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            if self.app is None:
                self.app = find_app(self.proc.pid)
            if self.app is not None:
                result = predicate(self.app)
                if result:
                    return result
            time.sleep(0.5)
        raise Failure("timed out waiting for %s" % what)


def labels(root, max_depth=40):
    return [safe_name(n) for n in walk(root, max_depth=max_depth) if safe_role(n) == "label"]


def main():
    griddesk = os.environ.get("GRIDDESK")
    if not griddesk or not os.access(griddesk, os.X_OK):
        log("FAIL: GRIDDESK does not name the built griddesk executable")
        return 1

    t = translations()
    _ = t.gettext
    app_title = _("GridDesk")
    your_name = _("Your Name")
    continue_label = strip_mnemonic(_("_Continue"))
    sidebar_name = _("Towns, Villages and Grids")
    all_row = t.pgettext("all grids", "All")
    counts_re = re.compile("^" + re.escape(t.pgettext("sidebar counts", "%s households · %s persons"))
                           .replace(re.escape("%s"), r"([\d,]+)") + "$")
    search_name = _("Find a Resident")
    back_name = _("Back to the Grids")

    tmpdir = tempfile.mkdtemp(prefix="griddesk-smoke-",
                              dir=os.environ.get("GRIDDESK_TEST_TMPDIR"))
    db = os.path.join(tmpdir, "village.sqlite")
    if not make_database(db):
        log("# no demo database from griddesk-ctl: the app creates it on first run")

    proc = subprocess.Popen([griddesk, "--db", db], stderr=subprocess.PIPE, text=True,
                            errors="replace")
    watch = StderrWatch(proc.stderr)
    session = Session(proc, watch)
    started = time.monotonic()
    try:
        # 1. First start: the operator dialog asks who works here.
        # (a row's name is its accessible label and its title: match by containment)
        name_row = session.wait_for(
            "the operator dialog's %r row" % your_name,
            lambda app: find(app, lambda n: safe_role(n) != "label"
                             and your_name in safe_name(n)), timeout=TIMEOUT)
        entry = editable_in(name_row)
        if entry is None:
            raise Failure("the %r row takes no text" % your_name)
        set_text(entry, OPERATOR)
        button = session.wait_for(
            "an enabled %r button" % continue_label,
            lambda app: find(app, lambda n: safe_role(n) == "push button"
                             and continue_label in strip_mnemonic(safe_name(n))
                             and n.getState().contains(pyatspi.STATE_SENSITIVE)))
        do_action(button)
        log("ok: operator dialog answered after %.1f s" % (time.monotonic() - started))

        # 2. The window, titled with the application's name.
        session.wait_for("a window titled %r" % app_title,
                         lambda app: any(safe_role(n) == "frame" and safe_name(n) == app_title
                                         for n in walk(app, max_depth=1)),
                         timeout=TIMEOUT)

        # 3. The navigator: the "All" row with household and person counts. In a narrow
        # window the leaflet is folded and shows the content: go back to the navigator.
        def all_counts(app):
            sidebar = find(app, lambda n: safe_name(n) == sidebar_name)
            if sidebar is None:
                back = find(app, lambda n: safe_role(n) == "push button"
                            and safe_name(n) == back_name
                            and n.getState().contains(pyatspi.STATE_SHOWING))
                if back is not None:
                    do_action(back)
                return None
            texts = labels(sidebar, max_depth=12)
            if all_row not in texts:
                return None
            for text in texts[texts.index(all_row) + 1:]:
                match = counts_re.match(text)
                if match:
                    return tuple(int(g.replace(",", "")) for g in match.groups())
            return None
        households, persons = session.wait_for(
            "the sidebar's %r row with counts" % all_row, all_counts, timeout=TIMEOUT)
        if households <= 0 or persons < households:
            raise Failure("implausible counts in the sidebar: %d households, %d persons"
                          % (households, persons))
        log("ok: sidebar %s = %d households, %d persons after %.1f s"
            % (all_row, households, persons, time.monotonic() - started))

        # 4. The operator button names the operator.
        session.wait_for("the operator button naming %r" % OPERATOR,
                         lambda app: find(app, lambda n: safe_role(n) == "push button"
                                          and OPERATOR in safe_name(n)))
        log("ok: operator button shows %s" % OPERATOR)

        # 5. The households view shows the register, and the global search finds a resident.
        first = first_household(db)
        if first is None:
            log("# no griddesk-ctl listing: households view and search not checked")
            return 0
        number, head, address = first
        session.wait_for("the household %s in the households view" % number,
                         lambda app: number in labels(app))
        log("ok: households view lists %s (%s)" % (number, head))

        search_button = session.wait_for(
            "the %r button" % search_name,
            lambda app: find(app, lambda n: safe_role(n) in ("push button", "toggle button")
                             and safe_name(n) == search_name))
        do_action(search_button)
        search_entry = session.wait_for(
            "the search entry",
            lambda app: find(app, lambda n: safe_name(n) == search_name
                             and safe_role(n) not in ("push button", "toggle button")))
        editable = editable_in(search_entry)
        if editable is None:
            raise Failure("the search entry takes no text")
        set_text(editable, head)
        details = _("Household %s · %s") % (number, address) if address else \
            _("Household %s") % number
        session.wait_for("a search hit %r" % details, lambda app: details in labels(app))
        log("ok: the search for %s shows %r" % (head, details))
        return 0
    except Failure as failure:
        log("FAIL:", failure)
        if session.app is not None:
            log("# labels: %r" % labels(session.app)[:80])
        return 1
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    sys.exit(main())
