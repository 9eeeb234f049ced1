"""A local SMTP server for Rapport's tests: records every message it accepts as one JSON line.

  python smtp_sink.py PORT RECORD_FILE [--tls CERT KEY] [--auth USER PASSWORD]

Prints "ready" once listening. With --tls it offers STARTTLS (and requires it before AUTH); with
--auth it requires AUTH PLAIN or LOGIN before MAIL. Needs aiosmtpd (PyPI), which .ci/run installs.
"""
import json
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Recorder:
    def __init__(self, path):
        self.path = path

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 no such user"
        if address.startswith("busy"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.content.decode("utf-8", errors="replace")
        headers = {}
        for line in content.split("\r\n"):
            if not line:
                break
            if ":" in line and not line.startswith((" ", "\t")):
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        with open(self.path, "a") as f:
            f.write(json.dumps({"message_id": headers.get("message-id"), "to": envelope.rcpt_tos,
                                "from": envelope.mail_from, "subject": headers.get("subject"),
                                "bytes": len(envelope.content)}) + "\n")
        return "250 OK queued"


def main():
    args = sys.argv[1:]
    port, record = int(args[0]), args[1]
    tls_context = None
    user = password = None
    if "--tls" in args:
        i = args.index("--tls")
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args[i + 1], args[i + 2])
    if "--auth" in args:
        i = args.index("--auth")
        user, password = args[i + 1], args[i + 2]

    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password:
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    kwargs = {}
    if user:
        kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=tls_context is not None)
    controller = Controller(Recorder(record), hostname="127.0.0.1", port=port, tls_context=tls_context,
                            require_starttls=tls_context is not None, **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()


if __name__ == "__main__":
    main()
