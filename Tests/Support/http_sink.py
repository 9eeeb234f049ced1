"""A local HTTP provider for Rapport's tests: records each request as one JSON line and answers
200; 503 (the first time only) when the body contains the --busy text, 400 when it contains the
--refuse text.

  python http_sink.py PORT RECORD_FILE [--busy TEXT] [--refuse TEXT]   (prints "ready" once listening)
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, record = int(sys.argv[1]), sys.argv[2]
busy_text = sys.argv[sys.argv.index("--busy") + 1] if "--busy" in sys.argv else None
refuse_text = sys.argv[sys.argv.index("--refuse") + 1] if "--refuse" in sys.argv else None
busy_seen = set()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        key = self.headers.get("Idempotency-Key")
        status = 200
        if refuse_text and refuse_text in body:
            status = 400
        elif busy_text and busy_text in body and key not in busy_seen:
            busy_seen.add(key)
            status = 503
        with open(record, "a") as f:
            f.write(json.dumps({"path": self.path, "key": key, "authorization": self.headers.get("Authorization"),
                                "body": json.loads(body), "status": status}) + "\n")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}' if status == 200 else b'{"error": "no"}')

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
print("ready", flush=True)
server.serve_forever()
