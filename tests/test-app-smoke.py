#!/usr/bin/python3
"""Smoke test of the GridDesk desktop application through AT-SPI.

Run by tests/ui/run-ui-test.sh (private session bus, Xvfb, temp XDG dirs) with Debian's
/usr/bin/python3 and python3-pyatspi. Environment:

  GRIDDESK            the built griddesk executable (required)
  GRIDDESK_CTL        the built griddesk-ctl; used to make the demo database when it can
  GRIDDESK_LOCALEDIR  the build's po/ dir, to look up the expected translations
  LANGUAGE            the language the labels are expected in (zh_CN in meson test)

Exit status: 0 pass, 1 fail, 77 skip.
"""

import gettext
import os
import subprocess
import sys
import tempfile
import threading
import time

try:
    import pyatspi
except ImportError:
    print("SKIP: pyatspi is not available to", sys.executable)
    sys.exit(77)

TIMEOUT = 120  # seconds: creating the demo village on first run takes a few


def log(*args):
    print(*args, flush=True)


def translations():
    localedir = os.environ.get("GRIDDESK_LOCALEDIR")
    languages = [l for l in os.environ.get("LANGUAGE", "").split(":") if l]
    return gettext.translation("griddesk", localedir, languages=languages or None,
                               fallback=True)


def walk(node, depth=0, max_depth=40):
    """All descendants of `node`, depth first (only realised widgets are exposed)."""
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


def safe_name(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def safe_role(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


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


def parse_count(text):
    digits = text.replace(",", "").replace("\u2009", "").replace(" ", "").strip()
    return int(digits) if digits.isdigit() else None


def row_count(app, title):
    """The number shown in the row titled `title`, or None when not (yet) shown."""
    for node in walk(app):
        if safe_name(node) != title:
            continue
        # The title label sits a few levels below its AdwActionRow; the count label
        # is another label of the same row.
        row = node
        for _ in range(6):
            if row is None:
                break
            if safe_role(row) in ("list item", "table row", "row"):
                break
            row = row.parent
        if row is None:
            continue
        for other in walk(row, max_depth=8):
            if safe_role(other) != "label" or other == node:
                continue
            value = parse_count(safe_name(other))
            if value is not None:
                return value
    return None


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


def main():
    griddesk = os.environ.get("GRIDDESK")
    if not griddesk or not os.access(griddesk, os.X_OK):
        log("FAIL: GRIDDESK does not name the built griddesk executable")
        return 1

    _ = translations().gettext
    households = _("Households")
    app_title = _("GridDesk")
    log("# looking for the row %r in the window %r" % (households, app_title))

    tmpdir = tempfile.mkdtemp(prefix="griddesk-smoke-",
                              dir=os.environ.get("GRIDDESK_TEST_TMPDIR"))
    db = os.path.join(tmpdir, "village.sqlite")
    if not make_database(db):
        log("# no demo database from griddesk-ctl: the app creates it on first run")

    proc = subprocess.Popen([griddesk, "--db", db], stderr=subprocess.PIPE, text=True,
                            errors="replace")
    watch = StderrWatch(proc.stderr)
    started = time.monotonic()
    try:
        app = None
        count = None
        frame_ok = False
        while time.monotonic() - started < TIMEOUT:
            if proc.poll() is not None:
                log("FAIL: griddesk exited early with status %d" % proc.returncode)
                return 1
            if any("Cannot open" in w for w in watch.warnings):
                log("FAIL: griddesk could not open the database: %s" % watch.warnings)
                return 1
            if app is None:
                app = find_app(proc.pid)
            if app is not None:
                if not frame_ok:
                    frame_ok = any(safe_role(n) == "frame" and safe_name(n) == app_title
                                   for n in walk(app, max_depth=1))
                count = row_count(app, households)
                if frame_ok and count:
                    break
            time.sleep(0.5)

        if app is None:
            log("FAIL: griddesk (pid %d) never showed up on the accessibility bus" % proc.pid)
            return 1
        if not frame_ok:
            names = [(safe_role(n), safe_name(n)) for n in walk(app, max_depth=1)]
            log("FAIL: no window titled %r; top level: %r" % (app_title, names))
            return 1
        if not count:
            labels = [safe_name(n) for n in walk(app) if safe_role(n) == "label"]
            log("FAIL: the %r row shows no household count (%r); labels: %r"
                % (households, count, labels[:60]))
            return 1

        log("ok: %s = %d after %.1f s" % (households, count, time.monotonic() - started))
        if not os.path.exists(db):
            log("FAIL: the database %s was not created" % db)
            return 1
        return 0
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
