#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""hostile-couch.py: a CouchDB-protocol server that misbehaves on purpose (tests/test-sync-hostile.c).

Python stdlib only. It speaks enough CouchDB for a GridDesk sync: GET /, POST /_session,
GET /<db>, _all_docs (paged with startkey/skip, and POST with keys), _changes, _local
documents, _bulk_docs, attachments (GET and PUT). Documents are kept as the raw JSON text
they were seeded with, so an _id that is a number, or has an embedded NUL, reaches the client
exactly as a broken server would send it.

Usage: hostile-couch.py [--cert PEM --key KEY]; prints "PORT <n>" on stdout once listening.
Control (the test's own requests):
  POST /_hostile/mode   {"mode": "...", "target": "http://..."}  switch misbehaviour
  POST /_hostile/docs   {"db": "...", "docs": ["<raw json text>", ...],
                         "attachments": {"<doc id>": {"<name>": "<base64>"}}}
  GET  /_hostile/stats  {"requests": n}

Modes (one switch per misbehaviour, "normal" by default):
  ignore-startkey    _all_docs answers the first page whatever startkey says
  changes-stuck      _changes answers a full page with the same last_seq forever
  endless            _all_docs and _changes send a reply body that never ends (fast)
  drip               _all_docs and _changes send one byte a second, never finishing
  huge-attachment    every attachment is 300 MB of bytes (its stub says so too)
  huge-attachment-lying  the stub gives the true length, the bytes are 300 MB, sent chunked
  bad-attachment     attachment bytes differ from the stub's digest (same length)
  short-attachment   attachment bytes are shorter than the stub's length
  forbid             _bulk_docs refuses every document, its reason full of terminal escapes
  redirect           every request is answered 302 to `target` + the same path
  redirect-checkpoint  only _local documents are answered 307 to `target` + the same path
"""

import base64
import hashlib
import json
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

LOCK = threading.Lock()
STATE = {"mode": "normal", "target": None, "requests": 0}
# db name -> {"docs": {key: {"raw", "rev", "seq", "id_json"}}, "seq": n, "local": {id: obj},
#              "attachments": {(doc id, name): bytes}}
DBS = {}
HUGE = 300 * 1024 * 1024


def database(name):
    return DBS.setdefault(name, {"docs": {}, "seq": 0, "local": {}, "attachments": {}})


def doc_key(raw_doc):
    """The sort key and the JSON text of a raw document's _id (whatever its type)."""
    value = json.loads(raw_doc).get("_id")
    if isinstance(value, str):
        return value, json.dumps(value)
    # not a string: keep its text exactly as it came
    return json.dumps(value), json.dumps(value)


def store(db, raw, rev=None):
    parsed = json.loads(raw)
    key, id_json = doc_key(raw)
    db["seq"] += 1
    old = db["docs"].get(key)
    n = int(old["rev"].split("-")[0]) + 1 if old else 1
    rev = rev or parsed.get("_rev") or "%d-%s" % (n, hashlib.md5(raw.encode()).hexdigest())
    if parsed.get("_rev") != rev:
        parsed["_rev"] = rev
        if isinstance(parsed.get("_id"), str) and "\u0000" not in parsed["_id"]:
            raw = json.dumps(parsed, ensure_ascii=False)
        else:
            # keep the odd _id as it was written: splice the _rev in after the opening brace
            raw = '{"_rev":%s,%s' % (json.dumps(rev), raw.lstrip()[1:])
    db["docs"][key] = {"raw": raw, "rev": rev, "seq": db["seq"], "id_json": id_json,
                       "deleted": bool(parsed.get("_deleted"))}
    return key, rev


def stub_for(db, doc_id, name, data):
    mode = STATE["mode"]
    length = HUGE if mode == "huge-attachment" else len(data)
    return {"content_type": "application/octet-stream", "stub": True, "length": length,
            "digest": "md5-" + base64.b64encode(hashlib.md5(data).digest()).decode(), "revpos": 1}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    # ---- replies ----

    def reply(self, status, body, content_type="application/json", headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def endless(self, drip):
        """A 200 whose body never ends: chunked, until the client goes away."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        row = b'{"id":"x","key":"x","value":{"rev":"1-x"},"doc":{"_id":"x","_rev":"1-x"}},'
        chunk = b'{"total_rows":1,"offset":0,"rows":[' if not drip else b'{'
        try:
            while True:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
                if drip:
                    time.sleep(1)
                    chunk = b" "
                else:
                    chunk = row * 1000
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    # ---- dispatch ----

    def handle_any(self, method):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        parts = [urllib.parse.unquote(p) for p in url.path.split("/")[1:]]
        body = self.body()
        with LOCK:
            STATE["requests"] += 1
            mode, target = STATE["mode"], STATE["target"]
        if parts[0] == "_hostile":
            return self.control(method, parts, body)
        if mode == "redirect" or (mode == "redirect-checkpoint" and len(parts) > 1
                                  and parts[1] == "_local"):
            return self.reply(302 if mode == "redirect" else 307, {"ok": False},
                              headers=[("Location", target + self.path)])
        if parts == [""]:
            return self.reply(200, {"couchdb": "Welcome", "version": "3.3.3"})
        if parts == ["_session"]:
            return self.reply(200, {"ok": True, "name": "alice", "roles": []},
                              headers=[("Set-Cookie", "AuthSession=hostile; Path=/; HttpOnly")])
        with LOCK:
            if parts[0] not in DBS:
                return self.reply(404, {"error": "not_found", "reason": "Database does not exist."})
            db = DBS[parts[0]]
            if len(parts) == 1:
                live = [d for d in db["docs"].values() if not d["deleted"]]
                return self.reply(200, {"db_name": parts[0], "update_seq": db["seq"],
                                        "doc_count": len(live)})
            if parts[1] == "_all_docs":
                if mode in ("endless", "drip") and method == "GET":
                    pass
                else:
                    return self.all_docs(db, method, query, body, mode)
            elif parts[1] == "_changes":
                if mode not in ("endless", "drip"):
                    return self.changes(db, query, mode)
            elif parts[1] == "_bulk_docs":
                return self.bulk_docs(db, body)
            elif parts[1] == "_local":
                return self.local(db, method, "/".join(parts[1:]), body)
            elif len(parts) == 3:
                if self.attachment(db, method, parts[1], parts[2]) != "huge":
                    return
                parts = None
            else:
                return self.reply(404, {"error": "not_found", "reason": "missing"})
        if parts is None:
            return self.huge()
        self.endless(drip=(mode == "drip"))

    def control(self, method, parts, body):
        request = json.loads(body or b"{}")
        with LOCK:
            if parts[1:] == ["mode"]:
                STATE["mode"] = request["mode"]
                STATE["target"] = request.get("target")
            elif parts[1:] == ["docs"]:
                db = database(request["db"])
                for raw in request.get("docs", []):
                    store(db, raw)
                for doc_id, files in request.get("attachments", {}).items():
                    for name, data in files.items():
                        db["attachments"][(doc_id, name)] = base64.b64decode(data)
            elif parts[1:] == ["stats"]:
                return self.reply(200, {"requests": STATE["requests"]})
        return self.reply(200, {"ok": True})

    def row_doc(self, db, entry):
        """A document's text with its attachment stubs as the current mode wants them."""
        raw = entry["raw"]
        atts = [(k[1], v) for k, v in db["attachments"].items() if json.dumps(k[0]) == entry["id_json"]]
        if not atts:
            return raw
        parsed = json.loads(raw)
        parsed["_attachments"] = {name: stub_for(db, parsed["_id"], name, data) for name, data in atts}
        return json.dumps(parsed, ensure_ascii=False)

    def all_docs(self, db, method, query, body, mode):
        ordered = sorted(db["docs"].items())
        if method == "POST":
            keys = json.loads(body)["keys"]
            rows = []
            for key in keys:
                entry = db["docs"].get(key)
                if entry is None:
                    rows.append('{"key":%s,"error":"not_found"}' % json.dumps(key))
                else:
                    rows.append('{"id":%s,"key":%s,"value":{"rev":"%s"},"doc":%s}'
                                % (entry["id_json"], entry["id_json"], entry["rev"], self.row_doc(db, entry)))
            return self.reply(200, ('{"total_rows":%d,"offset":0,"rows":[%s]}'
                                    % (len(ordered), ",".join(rows))).encode())
        limit = int(query.get("limit", 1000))
        start = 0
        if "startkey" in query and mode != "ignore-startkey":
            startkey = json.loads(query["startkey"])
            if not isinstance(startkey, str):
                startkey = json.dumps(startkey)  # as doc_key() keys an _id that is not a string
            start = len([k for k, _ in ordered if k < startkey])
            start += int(query.get("skip", 0))
        page = [(k, e) for k, e in ordered if not e["deleted"]][start:start + limit]
        rows = ['{"id":%s,"key":%s,"value":{"rev":"%s"},"doc":%s}'
                % (e["id_json"], e["id_json"], e["rev"], self.row_doc(db, e)) for _, e in page]
        return self.reply(200, ('{"total_rows":%d,"offset":%d,"rows":[\n%s\n]}'
                                % (len(ordered), start, ",\n".join(rows))).encode())

    def changes(self, db, query, mode):
        since = int(query.get("since", 0) or 0)
        limit = int(query.get("limit", 1000))
        entries = sorted((e for e in db["docs"].values() if e["seq"] > since), key=lambda e: e["seq"])
        if mode == "changes-stuck":
            entries = sorted(db["docs"].values(), key=lambda e: e["seq"])
        page = entries[:limit]
        last = page[-1]["seq"] if page else db["seq"]
        if mode == "changes-stuck":
            last = since
        results = ['{"seq":%d,"id":%s,"changes":[{"rev":"%s"}],"doc":%s}'
                   % (e["seq"], e["id_json"], e["rev"], self.row_doc(db, e)) for e in page]
        return self.reply(200, ('{"results":[%s],"last_seq":%d,"pending":0}'
                                % (",".join(results), last)).encode())

    def bulk_docs(self, db, body):
        out = []
        for doc in json.loads(body)["docs"]:
            if STATE["mode"] == "forbid":
                out.append({"id": doc["_id"], "error": "forbidden",
                            "reason": "\u001b[2J\u001b]0;pwned\u0007\u202e村民 only\n"})
                continue
            current = db["docs"].get(doc["_id"])
            if current and current["rev"] != doc.get("_rev"):
                out.append({"id": doc["_id"], "error": "conflict", "reason": "Document update conflict."})
                continue
            n = int(current["rev"].split("-")[0]) + 1 if current else 1
            rev = "%d-%s" % (n, hashlib.md5(json.dumps(doc, sort_keys=True).encode()).hexdigest())
            doc["_rev"] = rev
            store(db, json.dumps(doc, ensure_ascii=False), rev)
            out.append({"ok": True, "id": doc["_id"], "rev": rev})
        return self.reply(201, out)

    def local(self, db, method, local_id, body):
        if method == "GET":
            if local_id not in db["local"]:
                return self.reply(404, {"error": "not_found", "reason": "missing"})
            return self.reply(200, db["local"][local_id])
        doc = json.loads(body)
        n = int(db["local"].get(local_id, {}).get("_rev", "0-0").split("-")[0]) + 1
        doc["_rev"] = "0-%d" % n
        db["local"][local_id] = doc
        return self.reply(201, {"ok": True, "id": local_id, "rev": doc["_rev"]})

    def attachment(self, db, method, doc_id, name):
        if method == "PUT":
            return self.reply(201, {"ok": True, "id": doc_id, "rev": db["docs"][doc_id]["rev"]})
        data = db["attachments"].get((doc_id, name))
        if data is None:
            return self.reply(404, {"error": "not_found", "reason": "missing"})
        mode = STATE["mode"]
        if mode == "bad-attachment":
            data = bytes(b ^ 0xFF for b in data)
        elif mode == "short-attachment":
            data = data[: len(data) // 2]
        elif mode in ("huge-attachment", "huge-attachment-lying"):
            return "huge"  # streamed without the lock
        return self.reply(200, data, "application/octet-stream")

    def huge(self):
        chunked = STATE["mode"] == "huge-attachment-lying"
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(HUGE))
            self.end_headers()
            block = b"\0" * (1 << 20)
            for _ in range(HUGE // len(block)):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True

    def do_GET(self):
        self.handle_any("GET")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")


class Server(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    args = sys.argv[1:]
    server = Server(("127.0.0.1", 0), Handler)
    if "--cert" in args:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args[args.index("--cert") + 1], args[args.index("--key") + 1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
