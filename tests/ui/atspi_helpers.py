# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for GridDesk's end-to-end tests through AT-SPI (Debian's python3-pyatspi).

Tests run under tests/ui/run-ui-test.sh: a private session bus, Xvfb and temp XDG dirs.
Only realised widgets are on the bus, so every lookup polls until a deadline.
"""

import gettext
import os
import subprocess
import sys
import threading
import time

import pyatspi

# X keysyms for the keys the tests press
KEYSYMS = {
    "Return": 0xff0d, "Escape": 0xff1b, "Tab": 0xff09, "Down": 0xff54, "Up": 0xff52,
    "Control_L": 0xffe3, "space": 0x20, "BackSpace": 0xff08, "Home": 0xff50, "End": 0xff57,
}


def log(*args):
    print(*args, flush=True)


def shot(name):
    """A screenshot of the whole display into $GRIDDESK_SHOTS, when asked for."""
    folder = os.environ.get("GRIDDESK_SHOTS")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    subprocess.run(["import", "-window", "root", path], check=False)
    log("# screenshot %s" % path)


def translator():
    """gettext for the language the app runs in (LANGUAGE), from the build's po dir."""
    localedir = os.environ.get("GRIDDESK_LOCALEDIR")
    languages = [l for l in os.environ.get("LANGUAGE", "").split(":") if l]
    return gettext.translation("griddesk", localedir, languages=languages or None,
                               fallback=True).gettext


class Failure(Exception):
    pass


def walk(node, depth=0, max_depth=60):
    if node is None or depth > max_depth:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth)


def name_of(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def role_of(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


def showing(node):
    try:
        return node.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:
        return False


def sensitive(node):
    try:
        return node.getState().contains(pyatspi.STATE_SENSITIVE)
    except Exception:
        return False


def selected(node):
    try:
        return node.getState().contains(pyatspi.STATE_SELECTED)
    except Exception:
        return False


def wait_for(what, predicate, timeout=30.0, interval=0.25):
    """Polls predicate() until it returns something true; raises Failure naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure("timed out waiting for " + what)
        time.sleep(interval)


def find(root, name=None, role=None, contains=None, only_showing=False):
    """The first descendant with that exact name (or name containing `contains`) and role."""
    for node in walk(root):
        n = name_of(node)
        if name is not None and n != name:
            continue
        if contains is not None and contains not in n:
            continue
        if role is not None and role_of(node) != role:
            continue
        if only_showing and not showing(node):
            continue
        return node
    return None


def find_all(root, role=None, contains=None):
    return [n for n in walk(root)
            if (role is None or role_of(n) == role)
            and (contains is None or contains in name_of(n)) and showing(n)]


def wait_find(root, name=None, role=None, contains=None, timeout=30.0):
    label = "%s %r" % (role or "node", name if name is not None else contains)
    return wait_for(label, lambda: find(root, name, role, contains), timeout)


def texts(root):
    """Every showing label's text: for failure messages and text assertions."""
    return [name_of(n) for n in walk(root) if role_of(n) == "label" and showing(n)]


def click(node):
    """Runs the first action of `node`, or of its first descendant that has one (a
    GtkMenuButton exposes its inner toggle button)."""
    for n in walk(node, max_depth=4):
        try:
            action = n.queryAction()
        except NotImplementedError:
            continue
        if action.nActions > 0:
            action.doAction(0)
            return
    raise Failure("%s %r has no action" % (role_of(node), name_of(node)))


def focus(node):
    node.queryComponent().grabFocus()


def set_text(node, text):
    """Replaces an entry's text through the EditableText interface, as typing would."""
    editable = node.queryEditableText()
    editable.setTextContents(text)


def text_of(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


def key(name):
    """Presses and releases one key (by X keysym) in the focused widget."""
    sym = KEYSYMS[name] if name in KEYSYMS else ord(name)
    pyatspi.Registry.generateKeyboardEvent(sym, None, pyatspi.KEY_SYM)


class App:
    """The griddesk process, its stderr echoed, and its AT-SPI application node."""

    def __init__(self, args, env=None):
        griddesk = os.environ.get("GRIDDESK")
        if not griddesk or not os.access(griddesk, os.X_OK):
            raise Failure("GRIDDESK does not name the built griddesk executable")
        # Xvfb is sometimes not accepting connections yet when the first client starts
        # ("cannot open display"): that, and only that, is worth another try
        for attempt in range(4):
            self.proc = subprocess.Popen([griddesk] + args, stderr=subprocess.PIPE, text=True,
                                         errors="replace", env=env)
            self.warnings = []
            self.no_display = False
            reader = threading.Thread(target=self._read_stderr, daemon=True)
            reader.start()
            try:
                wait_for("griddesk on the accessibility bus", self._find, timeout=120)
                return
            except Failure:
                reader.join(timeout=2)
                if not self.no_display or attempt == 3:
                    raise
                log("# the display was not ready; starting griddesk again")
                time.sleep(2)

    def _read_stderr(self):
        for line in iter(self.proc.stderr.readline, ""):
            sys.stderr.write("# griddesk: " + line)
            if "cannot open display" in line:
                self.no_display = True
            if "-CRITICAL **" in line or "-ERROR **" in line:
                self.warnings.append(line.strip())

    @property
    def node(self):
        """The application's node, looked up afresh: a cached one can go stale when the
        first window closes."""
        return self._find() or wait_for("griddesk on the accessibility bus", self._find)

    def _find(self):
        if self.proc.poll() is not None:
            raise Failure("griddesk exited early with status %d" % self.proc.returncode)
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                app = desktop.getChildAtIndex(i)
                if app is not None and app.get_process_id() == self.proc.pid:
                    return app
            except Exception:
                continue
        return None

    def window(self, title=None, contains=None, timeout=30.0):
        """A top-level window (frame or dialog) of the app."""
        def look():
            for i in range(self.node.childCount):
                w = self.node.getChildAtIndex(i)
                if role_of(w) not in ("frame", "dialog", "window"):
                    continue
                n = name_of(w)
                if (title is None or n == title) and (contains is None or contains in n):
                    return w
            return None
        return wait_for("window %r" % (title or contains), look, timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def ctl(*args):
    """Runs griddesk-ctl; returns (status, stdout, stderr)."""
    exe = os.environ.get("GRIDDESK_CTL")
    result = subprocess.run([exe] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    return result.returncode, result.stdout, result.stderr


def strip_mnemonic(label):
    """"继续(_C)" -> "继续(C)", "_Continue" -> "Continue": what GTK exposes for a label."""
    return label.replace("_", "")


def takes_text(node):
    try:
        node.queryEditableText()
        return True
    except Exception:
        return False


def editable_in(node):
    """`node` or its first showing descendant that takes text."""
    for n in walk(node, max_depth=10):
        if takes_text(n):
            return n
    return None


def field(root, label, timeout=30.0):
    """The text entry of the form row named (or containing) `label`."""
    def look():
        for n in walk(root):
            if role_of(n) != "label" and label in name_of(n):
                entry = editable_in(n)
                if entry is not None:
                    return entry
        return None
    return wait_for("a text field %r" % label, look, timeout)


def button(root, label, timeout=30.0, enabled=True):
    """A push button whose name is `label` (mnemonics stripped), else one whose name contains
    it; a showing one first (GTK 4.8 does not always report SHOWING for dialog contents). An
    exact name comes first, so "保存" is the editor's Save, not the Reports view's 保存为 PDF."""
    want = strip_mnemonic(label)

    def look():
        matches = [n for n in walk(root)
                   if role_of(n) in ("push button", "toggle button")
                   and want in strip_mnemonic(name_of(n)) and (not enabled or sensitive(n))]
        exact = [n for n in matches if strip_mnemonic(name_of(n)).strip() == want]
        for group in (exact, matches):
            shown = [n for n in group if showing(n)]
            if shown or group:
                return (shown or group)[0]
        return None
    return wait_for("a%s button %r" % (" enabled" if enabled else "", want), look, timeout)


def select_row(root, item, list_name=None, timeout=30.0):
    """Selects, through the Selection interface, the child showing `item` of the first list
    below `root` (named `list_name` if given) that has one. GTK 4.8 list rows have no action."""
    def the_row():
        for n in walk(root):
            if list_name is not None and name_of(n) != list_name:
                continue
            try:
                selection = n.querySelection()
            except Exception:
                continue
            for i in range(n.childCount):
                if any(name_of(x) == item for x in walk(n.getChildAtIndex(i), max_depth=6)):
                    return selection, i
        return None
    selection, index = wait_for("%r in %r" % (item, list_name or "a list"), the_row, timeout)
    selection.selectChild(index)


def choose(root, combo_name, item):
    """Picks `item` in the drop-down named `combo_name`: open it, select the row (the drop-down
    follows its popup's selection, see gd_dropdown_follow_popup_selection), close it."""
    combo = wait_find(root, name=combo_name, role="combo box")
    toggle = next(n for n in walk(combo) if role_of(n) == "push button")
    click(toggle)
    select_row(combo, item)
    # the drop-down's own button shows the choice (the popup lists every item anyway)
    wait_for("%r to show %r" % (combo_name, item),
             lambda: any(name_of(x) == item for x in walk(toggle) if role_of(x) == "label"))
    click(toggle)


def log_windows(app, roles=("label",), limit=80):
    """After a failure: what each of the app's windows shows (the `roles` named), for the log.
    Never raises: the app may be gone or its accessibility server broken by then."""
    try:
        for i in range(app.node.childCount):
            window = app.node.getChildAtIndex(i)
            shown = [name_of(n) for n in walk(window) if role_of(n) in roles]
            log("# window %r: %r" % (name_of(window), shown[:limit]))
    except Exception:
        pass


def demo_village():
    """A fresh temp dir with the demo village database in it: (dir, database path).
    Raises Failure when griddesk-ctl cannot make it."""
    import tempfile
    tmp = tempfile.mkdtemp(prefix="griddesk-e2e-", dir=os.environ.get("GRIDDESK_TEST_TMPDIR"))
    db = os.path.join(tmp, "village.sqlite")
    status, _out, err = ctl("--db", db, "demo", "--scale", "village")
    if status != 0:
        raise Failure("griddesk-ctl demo: %s" % err)
    return tmp, db
