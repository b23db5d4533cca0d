#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end through AT-SPI (issue 7): two workstations change the same address and sync
with a real pouchdb-server; the second one opens the conflict centre from the header bar's
sync button and keeps its own value; the decision is audit-logged and, after the next syncs,
is what the first workstation has too. Checked with griddesk-ctl.
With GRIDDESK_SHOTS=DIR it also saves screenshots of the sync popover and the conflict centre.

Run by tests/ui/run-ui-test.sh. Exit status: 0 pass, 1 fail.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    from atspi_helpers import (App, Failure, button, click, ctl, field, find, log,
                               selected, set_text, shot, translator, wait_find, wait_for)
except ImportError as error:  # make deps installs pyatspi: a missing module is a failure
    print("FAIL: %s" % error)
    sys.exit(1)

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "..", "sync", "node_modules", ".bin", "pouchdb-server")
DATABASE = "griddesk-320902101001"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def must(status, out, err, what):
    if status != 0:
        raise Failure("griddesk-ctl %s: %s" % (what, err))
    return out


def main():
    _ = translator()
    if not os.access(SERVER, os.X_OK):
        log("FAIL: %s is missing: run make deps" % SERVER)
        return 1
    tmp = tempfile.mkdtemp(prefix="griddesk-sync-e2e-", dir=os.environ.get("GRIDDESK_TEST_TMPDIR"))
    port = free_port()
    url = "http://127.0.0.1:%d" % port
    server = subprocess.Popen([SERVER, "--in-memory", "-p", str(port), "-o", "127.0.0.1"],
                              cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app = None
    try:
        wait_for("pouchdb-server", lambda: _answers(url), timeout=60)
        http("PUT", "%s/%s" % (url, DATABASE))
        http("PUT", "%s/_users/org.couchdb.user:alice" % url,
             {"name": "alice", "password": "secret", "roles": ["village-320902101001"], "type": "user"})
        os.environ["GD_E2E_PASSWORD"] = "secret"
        a = os.path.join(tmp, "a.sqlite")
        b = os.path.join(tmp, "b.sqlite")
        sync_a = ["--db", a, "sync", "--server", url, "--user", "alice", "--password-env", "GD_E2E_PASSWORD"]
        sync_b = ["--db", b, "sync", "--server", url, "--database", DATABASE, "--user", "alice",
                  "--password-env", "GD_E2E_PASSWORD"]
        must(*ctl("--db", a, "demo", "--scale", "village"), "demo")
        must(*ctl(*sync_a), "sync a")
        must(*ctl(*sync_b), "sync b")
        household = json.loads(must(*ctl("--db", a, "list", "household", "--limit", "1", "--json"), "list"))[0]
        doc_id = household["_id"]
        for db, address in ((a, "甲改的地址"), (b, "乙改的地址")):
            doc = json.loads(must(*ctl("--db", db, "get", "household", doc_id), "get"))
            doc["address"] = address
            with open(os.path.join(tmp, "doc.json"), "w") as f:
                json.dump(doc, f, ensure_ascii=False)
            must(*ctl("--db", db, "put", "household", os.path.join(tmp, "doc.json")), "put")
        must(*ctl(*sync_a), "sync a")
        # a household another program wrote straight to the server, with a citizen ID whose
        # check digit is wrong: b's sync keeps it in quarantine instead of storing it
        poison = json.loads(must(*ctl("--db", a, "get", "household", doc_id), "get"))
        poison_id = "household:" + str(uuid.uuid4())
        poison["_id"] = poison_id
        poison.pop("_rev", None)
        poison["number"] = "Q-0001"
        poison["members"] = poison["members"][:1]  # the head alone: no ID held twice
        number = poison["members"][0]["id_number"]
        poison["members"][0]["id_number"] = number[:-1] + ("1" if number[-1] != "1" else "2")
        http("PUT", "%s/%s/%s" % (url, DATABASE, urllib.parse.quote(poison_id, safe="")), poison)
        template = dict(poison)
        must(*ctl(*sync_b), "sync b")
        found = json.loads(must(*ctl("--db", b, "conflicts", "--json"), "conflicts"))
        conflicts = [c for c in found if c.get("kind", "conflict") == "conflict"]
        quarantined = [c for c in found if c.get("kind") == "quarantined"]
        if len(conflicts) != 1 or conflicts[0]["field"] != "address":
            raise Failure("expected one address conflict, got %r" % found)
        if [q["id"] for q in quarantined] != [poison_id]:
            raise Failure("expected %s in quarantine, got %r" % (poison_id, found))
        reason = quarantined[0]["reason"]
        if not reason.startswith("members[0].id_number"):
            raise Failure("the reason is not the check digit: %r" % reason)
        log("ok: one conflict on b, and %s in quarantine: %s" % (poison_id, reason))

        app = App(["--db", b])
        set_text(field(app.node, _("Your Name"), timeout=120), "王小梅")
        click(button(app.node, _("_Continue")))
        time.sleep(1.0)
        wait_for("the operator dialog to close", lambda: app.node.childCount == 1, timeout=20)
        time.sleep(1.0)

        sync_prefix = _("Sync: %s, %s").split("%s")[0]
        click(wait_find(app.node, contains=sync_prefix, timeout=60))
        time.sleep(0.5)
        shot("7-sync-popover.png")
        conflicts_prefix = _("Conflicts (%u) and Rejected (%u)…").split("%u")[0]
        click(button(app.node, conflicts_prefix, timeout=20))
        wait_for("the conflict centre", lambda: app.node.childCount == 2, timeout=20)
        time.sleep(1.0)
        shot("7-conflict-centre.png")
        click(button(app.node, _("Keep _Mine"), timeout=20))
        wait_for("the conflict to be decided",
                 lambda: [c for c in json.loads(ctl("--db", b, "conflicts", "--json")[1])
                          if c.get("kind", "conflict") == "conflict"] == [], timeout=20)
        log("ok: kept mine in the conflict centre")

        # the quarantined household is listed beside the refused records, with its reason
        click(wait_for("the Rejected tab",
                       lambda: find(app.node, name=_("Rejected"), role="page tab", only_showing=True)
                       or find(app.node, name=_("Rejected"), role="page tab"), timeout=20))
        spoken = _("Not taken in: %s, revision %s, %s: %s").split("%s")[0] + poison_id
        row = wait_find(app.node, contains=spoken, timeout=20)
        if reason.split("\n")[0][:40] not in row.name:
            raise Failure("the row %r does not give the reason %r" % (row.name, reason))
        wait_find(app.node, name=_("Server Records Not Taken In"), timeout=20)
        time.sleep(0.5)
        shot("7-conflict-centre-quarantine.png")
        log("ok: the conflict centre lists %s with its reason" % poison_id)

        # a sync from elsewhere brings a second one with a valid change: the open conflict
        # centre follows the session's document-changed
        second_id = "household:" + str(uuid.uuid4())
        second = dict(template, _id=second_id, number="Q-0002")
        http("PUT", "%s/%s/%s" % (url, DATABASE, urllib.parse.quote(second_id, safe="")), second)
        other = [r["doc"] for r in http("GET", "%s/%s/_all_docs?include_docs=true&startkey=%%22household%%3A%%22"
                                         "&endkey=%%22household%%3A%%EF%%BF%%BF%%22&limit=40" % (url, DATABASE))["rows"]
                 if r["id"] not in (doc_id, poison_id, second_id)][0]
        other["address"] = "县里改的地址"
        http("PUT", "%s/%s/%s" % (url, DATABASE, urllib.parse.quote(other["_id"], safe="")), other)
        must(*ctl(*sync_b), "sync b")
        wait_find(app.node, contains=_("Not taken in: %s, revision %s, %s: %s").split("%s")[0] + second_id,
                  timeout=30)
        log("ok: the open conflict centre shows %s after a sync from elsewhere" % second_id)

        # this app has no county server set up: its popover offers to set one up, on the
        # Sync page of the preferences, instead of a Sync Now button that cannot work
        click(wait_find(app.node, contains=sync_prefix, timeout=20))
        click(button(app.node, _("Set _Up Sync…"), timeout=20))
        field(app.node, _("Server Address"), timeout=20)
        wait_for("the Sync page to be the one shown",
                 lambda: selected(find(app.node, name=_("Sync"), role="page tab")), timeout=20)
        time.sleep(0.5)
        shot("7-sync-setup.png")
        log("ok: the sync popover opens the preferences on the Sync page")
    finally:
        if app is not None:
            app.stop()

    try:
        status, out, _err = ctl("--db", b, "get", "household", doc_id)
        if json.loads(out)["address"] != "乙改的地址":
            raise Failure("b's address is %r" % json.loads(out)["address"])
        must(*ctl(*sync_b), "sync b")
        must(*ctl(*sync_a), "sync a")
        status, out, _err = ctl("--db", a, "get", "household", doc_id)
        if json.loads(out)["address"] != "乙改的地址":
            raise Failure("the decision did not reach a: %r" % json.loads(out)["address"])
        log("ok: the decision reached the other workstation")
    finally:
        server.terminate()
        server.wait()
    return 0


def _answers(url):
    try:
        http("GET", url + "/")
        return True
    except Exception:
        return False


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        log("FAIL: %s" % failure)
        sys.exit(1)
