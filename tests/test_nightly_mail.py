"""E-mailing the month's reports, against a small SMTP server on 127.0.0.1."""

from __future__ import annotations

import base64
import email
import socket
import socketserver
import threading
from email import policy

import pytest

from pipeline.mailer import MailError, SmtpSettings, send_mail
from pipeline.settings import ConfigError, validate


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


def settings(port: int, **kw) -> SmtpSettings:
    base = dict(
        enabled=True, host="127.0.0.1", port=port, starttls=False, sender="cdht@example.vn",
        recipients=["bbt@example.vn", "ld@example.vn"], timeout=5,
    )  # fmt: skip
    base.update(kw)
    return SmtpSettings(**base)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sends_message_with_attachments(tmp_path):
    report = tmp_path / "bao-cao-thang-2025-05.json"
    report.write_text('{"period": "2025-05"}', encoding="utf-8")
    xlsx = tmp_path / "bao-cao-thang-2025-05.xlsx"
    xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    with SmtpServer() as srv:
        send_mail(settings(srv.port), "Báo cáo NQ 06 - Tháng 5/2025", "Nội dung thư.", [report, xlsx])
    assert len(srv.messages) == 1
    m = srv.messages[0]
    assert m["from"] == "cdht@example.vn"
    assert m["to"] == ["bbt@example.vn", "ld@example.vn"]
    msg = email.message_from_bytes(m["data"], policy=policy.default)
    assert msg["Subject"] == "[cdht] Báo cáo NQ 06 - Tháng 5/2025"
    assert msg.get_body(("plain",)).get_content().strip() == "Nội dung thư."
    names = [a.get_filename() for a in msg.iter_attachments()]
    assert names == ["bao-cao-thang-2025-05.json", "bao-cao-thang-2025-05.xlsx"]
    payload = next(msg.iter_attachments()).get_payload(decode=True)
    assert payload == b'{"period": "2025-05"}'


def test_login_reads_password_from_the_named_environment_variable(monkeypatch):
    monkeypatch.setenv("TEST_SMTP_PW", "secret")
    with SmtpServer() as srv:
        send_mail(settings(srv.port, username="cdht", password_env="TEST_SMTP_PW"), "s", "b")
    assert srv.logins == ["cdht"]
    assert len(srv.messages) == 1


def test_missing_password_variable_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("TEST_SMTP_PW", raising=False)
    with pytest.raises(MailError, match="TEST_SMTP_PW"):
        send_mail(settings(1, username="cdht", password_env="TEST_SMTP_PW"), "s", "b")


@pytest.mark.parametrize(
    ("refuse", "expected"),
    [
        ("rcpt", "refused every recipient: bbt@example.vn: 550"),
        ("data", "refused the message: 554"),
        ("greeting", "554"),
    ],
)
def test_refusing_server_gives_a_clear_message(refuse, expected):
    with SmtpServer(refuse=refuse) as srv, pytest.raises(MailError) as exc:
        send_mail(settings(srv.port), "s", "b")
    assert f"127.0.0.1:{srv.port}" in str(exc.value)
    assert expected in str(exc.value)
    assert srv.messages == []


def test_refused_login(monkeypatch):
    monkeypatch.setenv("TEST_SMTP_PW", "wrong")
    with SmtpServer() as srv, pytest.raises(MailError, match="refused the login: 535"):
        send_mail(settings(srv.port, username="cdht", password_env="TEST_SMTP_PW"), "s", "b")


def test_no_server_listening():
    port = free_port()
    with pytest.raises(MailError, match=f"127.0.0.1:{port} refused the connection"):
        send_mail(settings(port), "s", "b")


def test_starttls_required_but_not_offered():
    with SmtpServer() as srv, pytest.raises(MailError, match="does not offer STARTTLS"):
        send_mail(settings(srv.port, starttls=True), "s", "b")


def test_settings_are_validated_with_file_and_key():
    with pytest.raises(ConfigError) as exc:
        validate(SmtpSettings, {"enabled": True, "recipients": ["x@example.vn"]}, "nightly.toml")
    assert "nightly.toml" in str(exc.value) and "sender" in str(exc.value)
    with pytest.raises(ConfigError, match="not an e-mail address"):
        validate(SmtpSettings, {"enabled": True, "sender": "a@b.vn", "recipients": ["nobody"]}, "n.toml")
    with pytest.raises(ConfigError, match="port"):
        validate(SmtpSettings, {"port": 70000}, "n.toml")
    assert validate(SmtpSettings, {}, "n.toml").enabled is False
