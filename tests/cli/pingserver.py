# SPDX-License-Identifier: ISC
"""pingserver.py LOG PORTFILE: an HTTP server on 127.0.0.1 (a free port,
written to PORTFILE) that answers every GET, HEAD and POST with 200 "OK"
and appends one JSON line per request to LOG: method, path, body.  A path
with "slow" in it is answered after 3 seconds; one with "err500" gets a
500.  For tests/cli/test_exec_ping.sh."""
import http.server
import json
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def handle_one(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace") if n else ""
        with open(sys.argv[1], "a") as f:
            f.write(json.dumps({"method": self.command, "path": self.path,
                                "body": body}) + "\n")
        if "slow" in self.path:
            time.sleep(3)
        code = 500 if "err500" in self.path else 200
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"OK")

    do_GET = do_POST = do_HEAD = handle_one

    def log_message(self, *args):
        pass


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
srv.serve_forever()
