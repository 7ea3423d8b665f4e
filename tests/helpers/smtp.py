"""A small SMTP server on 127.0.0.1 that records messages and can refuse a step."""

from __future__ import annotations

import base64
import socketserver
import threading


class SmtpServer:
    """Enough SMTP for smtplib: EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT.

    ``refuse``: "" (accept), "greeting" (554 at connect), "rcpt" (550 for every recipient),
    "data" (554 after the message), "auth" (535 for any login).
    """

    def __init__(self, refuse: str = "", password: str = "secret"):
        self.refuse = refuse
        self.password = password
        self.messages: list[dict] = []
        self.logins: list[str] = []
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def send(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")
                self.wfile.flush()

            def handle(self) -> None:
                if outer.refuse == "greeting":
                    self.send("554 5.3.2 no service for you")
                    return
                self.send("220 test.local ESMTP ready")
                sender, rcpts = "", []
                while True:
                    raw = self.rfile.readline()
                    if not raw:
                        return
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    verb = line.split(" ", 1)[0].upper()
                    arg = line[len(verb) :].strip()
                    if verb == "EHLO":
                        self.send("250-test.local")
                        self.send("250-AUTH PLAIN")
                        self.send("250 8BITMIME")
                    elif verb == "HELO":
                        self.send("250 test.local")
                    elif verb == "AUTH":
                        _mech, _, blob = arg.partition(" ")
                        parts = base64.b64decode(blob).split(b"\0")
                        user, pw = parts[1].decode(), parts[2].decode()
                        if outer.refuse == "auth" or pw != outer.password:
                            self.send("535 5.7.8 authentication failed")
                        else:
                            outer.logins.append(user)
                            self.send("235 2.7.0 ok")
                    elif verb == "MAIL":
                        sender, rcpts = arg.split(":", 1)[1].strip().split()[0].strip("<>"), []
                        self.send("250 ok")
                    elif verb == "RCPT":
                        if outer.refuse == "rcpt":
                            self.send("550 5.1.1 no such mailbox")
                        else:
                            rcpts.append(arg.split(":", 1)[1].strip().strip("<>"))
                            self.send("250 ok")
                    elif verb == "DATA":
                        self.send("354 end with <CRLF>.<CRLF>")
                        chunks = []
                        while True:
                            data = self.rfile.readline()
                            if data in (b".\r\n", b""):
                                break
                            if data.startswith(b".."):
                                data = data[1:]
                            chunks.append(data)
                        if outer.refuse == "data":
                            self.send("554 5.7.1 message refused as spam")
                        else:
                            outer.messages.append(
                                {"from": sender, "to": rcpts, "data": b"".join(chunks)}
                            )
                            self.send("250 queued")
                    elif verb in ("RSET", "NOOP"):
                        self.send("250 ok")
                    elif verb == "QUIT":
                        self.send("221 bye")
                        return
                    else:
                        self.send("502 not implemented")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> SmtpServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
