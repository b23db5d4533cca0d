#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""lose-reply-proxy.py TARGET_URL

A loopback HTTP proxy in front of a CouchDB-protocol server that forwards every request,
except that for the first POST to .../_bulk_docs it lets the server do the write, reads the
server's reply, and then drops the client's connection without answering: "the server wrote
the batch but the reply was lost". Prints the port it listens on, then serves until killed.
"""
import http.client
import http.server
import sys
import threading
import urllib.parse

target = urllib.parse.urlsplit(sys.argv[1])
lost = threading.Event()


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "connection", "accept-encoding")}
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        upstream.request(self.command, self.path, body=body, headers=headers)
        reply = upstream.getresponse()
        data = reply.read()
        upstream.close()
        if (self.command == "POST" and self.path.split("?")[0].endswith("/_bulk_docs")
                and not lost.is_set()):
            lost.set()
            self.close_connection = True
            sys.stderr.write("lose-reply-proxy: dropped the reply to %s\n" % self.path)
            return
        self.send_response(reply.status, reply.reason)
        for key, value in reply.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = forward


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
print(server.server_address[1], flush=True)
server.serve_forever()
