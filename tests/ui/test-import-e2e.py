#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through AT-SPI (issue 15): the import assistant. A register workbook written by
openpyxl is opened with `griddesk --import FILE` (what a file manager's "Open with" does); its
ID column has a header nobody guesses, so the user maps it by hand; the preview marks the row
with an education not in the code list and nothing can be imported; the user ignores that
column, the dry run is clean, the import writes ten households, and Undo takes them away.
Checked against the database with griddesk-ctl at each step.

With GRIDDESK_SHOTS=DIR it also saves a screenshot of each step.
Run by tests/ui/run-ui-test.sh. Exit status: 0 pass, 1 fail.
"""

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from atspi_helpers import (App, Failure, button, choose, click, ctl, demo_village, field,
                               log, log_windows, name_of, role_of, sensitive, set_text, shot,
                               translator, wait_for, walk)
except ImportError as error:  # make deps installs pyatspi: a missing module is a failure
    print("FAIL: %s" % error)
    sys.exit(1)


def answer_operator(app, _):
    """First start: who works here (the lead swaps this for the sign-in helper)."""
    set_text(field(app.node, _("Your Name"), timeout=120), "王小梅")
    click(button(app.node, _("_Continue")))
    time.sleep(1.0)
    log("ok: operator answered")


def labels(root):
    return [name_of(n) for n in walk(root) if role_of(n) == "label"]


def households(db):
    status, out, err = ctl("--db", db, "stats", "--json")
    if status != 0:
        raise Failure("griddesk-ctl stats: %s" % err)
    return json.loads(out)["counts"]["households"]


def holder(db, id_number):
    status, out, err = ctl("--db", db, "search", id_number, "--json")
    if status != 0:
        raise Failure("griddesk-ctl search: %s" % err)
    return [h for h in json.loads(out)]


def make_fixture(tmp):
    path = os.path.join(tmp, "人口信息.xlsx")
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "import", "make-fixtures.py")
    out = subprocess.run(["/usr/bin/python3", script, "assistant", path], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return path, json.loads(out)


def main():
    _ = translator()
    try:
        tmp, db = demo_village()
        path, fixture = make_fixture(tmp)
    except (Failure, subprocess.CalledProcessError) as failure:
        log("FAIL: %s" % failure)
        return 1
    before = households(db)
    first_id = fixture["ids"][0]
    if holder(db, first_id):
        log("FAIL: the demo village already has %s" % first_id)
        return 1

    app = App(["--db", db, "--import", path])
    try:
        answer_operator(app, _)
        assistant = app.window(title=_("Import"), timeout=60)
        wait_for("the file read", lambda: any("人口信息.xlsx" in l and "31" in l for l in labels(assistant)),
                 timeout=60)
        log("ok: griddesk --import opened the assistant with the workbook read")
        shot("15-import-1-file.png")

        # 1. the mapping: the ID column was not guessed; the user maps it
        click(button(assistant, _("_Next")))
        choose(assistant, "身份证件号", _("ID number"))
        log("ok: 身份证件号 mapped to %s by hand" % _("ID number"))
        shot("15-import-2-mapping.png")

        # 2. the preview: row 6's education is refused, and so is the file
        click(button(assistant, _("_Next")))
        problem = _("row %u, %s: %s") % (6, "文化程度", "")
        wait_for("the refused row in the preview",
                 lambda: any(l.startswith(problem) and "博士后" in l for l in labels(assistant)),
                 timeout=60)
        refused_mark = _("Row %u is refused") % 6
        if not any(refused_mark in (n.description or "") for n in walk(assistant) if role_of(n) == "label"):
            raise Failure("row 6 of the preview is not marked %r" % refused_mark)
        if sensitive(button(assistant, _("_Import"), enabled=False)):
            raise Failure("Import is offered for a file with a refused row")
        button(assistant, _("_Save Rows with Problems…"), timeout=10)
        if households(db) != before:
            raise Failure("the dry run wrote something")
        log("ok: the preview marks row 6 (博士后), Import is refused and the rows with problems "
            "can be saved; nothing written")
        shot("15-import-3-refused.png")

        # 3. ignore the education column: the dry run is clean
        click(button(assistant, _("_Back")))
        choose(assistant, "文化程度", _("Ignored"))
        click(button(assistant, _("_Next")))
        ready = _("Ready: %s") % ""
        wait_for("a clean dry run", lambda: any(l.startswith(ready) for l in labels(assistant)), timeout=60)
        log("ok: without the education column the dry run is clean")
        shot("15-import-4-ready.png")

        # 4. import
        click(button(assistant, _("_Import")))
        # the summary's counts, exactly (the page's title is there before, hidden)
        counts = (_("%u rows: %u new households, %u updated, %u unchanged; %u new residents, "
                    "%u updated; %u rows refused")
                  % (fixture["rows"], fixture["households"], 0, 0, fixture["rows"], 0, 0))
        wait_for("the summary %r" % counts, lambda: counts in labels(assistant), timeout=120)
        after = households(db)
        if after != before + fixture["households"] or not holder(db, first_id):
            raise Failure("after the import: %d households (expected %d + %d)"
                          % (after, before, fixture["households"]))
        log("ok: imported %d households" % fixture["households"])
        shot("15-import-5-summary.png")

        # 5. undo
        click(button(assistant, _("_Undo Import")))
        wait_for("the undo", lambda: _("Import Undone") in labels(assistant), timeout=120)
        if households(db) != before or holder(db, first_id):
            raise Failure("after Undo: %d households (expected %d)" % (households(db), before))
        log("ok: Undo took the %d households away" % fixture["households"])
        shot("15-import-6-undone.png")

        if app.warnings:
            raise Failure("griddesk printed criticals: %s" % app.warnings)
        return 0
    except Failure as failure:
        log("FAIL: %s" % failure)
        log_windows(app, limit=120)
        return 1
    finally:
        app.stop()


if __name__ == "__main__":
    sys.exit(main())
