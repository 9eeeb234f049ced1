"""The reference for scripts/bench/tracking.sh: what a straightforward tracker does with the same
links. Python's ThreadingHTTPServer (HTTP/1.1 keep-alive) checks each token with the base's own
secret (HMAC-SHA-256, the first 16 bytes, Rapport's token layout), records the reaction in a
copy of the base with one transaction per request (WAL, synchronous = FULL, as Rapport commits),
and answers the pixel or the redirect.

    python tracking_reference.py BASE.sqlite PORT
"""
import base64
import hashlib
import hmac
import json
import sqlite3
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

base, port = sys.argv[1], int(sys.argv[2])
setup = sqlite3.connect(base)
secret = base64.b64decode(json.loads(setup.execute("SELECT value FROM settings WHERE key = 'tracking.secret'").fetchone()[0])["secret"])
setup.execute("PRAGMA journal_mode = WAL")
setup.close()
local = threading.local()
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


def connection():
    if not hasattr(local, "db"):
        local.db = sqlite3.connect(base, timeout=30, isolation_level=None)
        local.db.execute("PRAGMA synchronous = FULL")
    return local.db


def decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def token(text):
    body, _, mac = text.partition(".")
    raw, tag = decode(body), decode(mac)
    if not hmac.compare_digest(hmac.new(secret, raw, hashlib.sha256).digest()[:16], tag):
        return None
    numbers, position = [], 2
    for _ in range(4):
        value, shift = 0, 0
        while True:
            byte = raw[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        numbers.append(value)
    return raw[1], numbers, raw[position:].decode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = self.path.split("/")
        text = parts[-1].removesuffix(".gif")
        parsed = token(text) if len(parts) == 4 else None
        if parsed is None or parsed[1][3] < time.time():
            self.send_response(400)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        purpose, (customer, contact, campaign, _), target = parsed
        kind = "opened" if purpose == 1 else "clicked"
        db = connection()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT OR IGNORE INTO responses (customer_id, contact_id, kind, at, campaign_id, channel, detail) "
                   "VALUES (?, ?, ?, ?, ?, 'email', ?)",
                   (customer, contact, kind, int(time.time()), campaign, json.dumps({"url": target}) if target else None))
        db.execute("COMMIT")
        if purpose == 1:
            self.send_response(200)
            self.send_header("Content-Type", "image/gif")
            self.send_header("Content-Length", str(len(PIXEL)))
            self.end_headers()
            self.wfile.write(PIXEL)
        else:
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 256
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
