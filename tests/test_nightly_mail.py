"""E-mailing the month's reports, against a small SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest
from helpers.smtp import SmtpServer

from pipeline.mailer import MailError, SmtpSettings, send_mail
from pipeline.settings import ConfigError, validate


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
