"""E-mail the month's reports over SMTP (settings in ``nightly.toml`` ``[smtp]``).

The password never sits in a config file: ``password_env`` names an environment variable that
holds it. Every failure (connection refused, TLS, login, a refused sender or recipient) raises
:class:`MailError` with a message that names the server and what it said.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import smtplib
import ssl
from collections.abc import Iterable
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

log = logging.getLogger("cdht.mail")


class MailError(Exception):
    """The message could not be sent; the text says why."""


class SmtpSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    host: str = "localhost"
    port: int = Field(587, ge=1, le=65535)
    starttls: bool = True
    ssl: bool = False  # SMTP over TLS from the start (usually port 465)
    username: str = ""
    password_env: str = "CDHT_SMTP_PASSWORD"
    sender: str = ""
    recipients: list[str] = Field(default_factory=list)
    subject_prefix: str = "[cdht]"
    timeout: float = Field(30.0, gt=0)
    max_attachment_bytes: int = Field(20_000_000, gt=0)

    @model_validator(mode="after")
    def _check(self) -> SmtpSettings:
        if self.enabled:
            if not self.sender:
                raise ValueError("`sender` is required when enabled = true")
            if not self.recipients:
                raise ValueError("`recipients` needs at least one address when enabled = true")
            for addr in [self.sender, *self.recipients]:
                if "@" not in addr:
                    raise ValueError(f"{addr!r} is not an e-mail address")
        if self.ssl and self.starttls:
            self.starttls = False  # SMTP over TLS already encrypts; STARTTLS would fail
        return self


def build_message(
    settings: SmtpSettings, subject: str, body: str, attachments: Iterable[Path] = ()
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = ", ".join(settings.recipients)
    msg["Subject"] = f"{settings.subject_prefix} {subject}".strip()
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    msg.set_content(body)
    total = 0
    for path in attachments:
        path = Path(path)
        data = path.read_bytes()
        total += len(data)
        if total > settings.max_attachment_bytes:
            raise MailError(
                f"the attachments exceed {settings.max_attachment_bytes} bytes; "
                f"{path.name} and later files were not sent"
            )
        ctype, _ = mimetypes.guess_type(path.name)
        maintype, _, subtype = (ctype or "application/octet-stream").partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=path.name)
    return msg


def send_mail(
    settings: SmtpSettings,
    subject: str,
    body: str,
    attachments: Iterable[Path] = (),
    *,
    password: str | None = None,
) -> None:
    """Send one message to ``settings.recipients``; raise :class:`MailError` on any failure."""
    where = f"SMTP server {settings.host}:{settings.port}"
    if password is None and settings.username:
        password = os.environ.get(settings.password_env or "", "")
        if not password:
            raise MailError(
                f"{where}: a login is configured (username {settings.username!r}) but the "
                f"environment variable {settings.password_env or '(password_env unset)'} is empty"
            )
    try:
        msg = build_message(settings, subject, body, attachments)
    except OSError as exc:
        raise MailError(f"cannot read an attachment: {exc}") from None
    context = ssl.create_default_context()
    try:
        if settings.ssl:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with smtp:
            smtp.ehlo_or_helo_if_needed()
            if settings.starttls:
                if not smtp.has_extn("starttls"):
                    raise MailError(f"{where} does not offer STARTTLS (set starttls = false?)")
                smtp.starttls(context=context)
                smtp.ehlo()
            if settings.username:
                smtp.login(settings.username, password or "")
            refused = smtp.send_message(msg)
    except MailError:
        raise
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"{where} refused every recipient: {_refusals(exc.recipients)}") from None
    except smtplib.SMTPSenderRefused as exc:
        raise MailError(f"{where} refused the sender {exc.sender}: {_text(exc.smtp_error)}") from None
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"{where} refused the login: {exc.smtp_code} {_text(exc.smtp_error)}") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"{where} refused the message: {exc.smtp_code} {_text(exc.smtp_error)}") from None
    except smtplib.SMTPException as exc:
        raise MailError(f"{where}: {exc}") from None
    except ssl.SSLError as exc:
        raise MailError(f"{where}: TLS failed ({exc})") from None
    except ConnectionRefusedError:
        raise MailError(f"{where} refused the connection") from None
    except TimeoutError:
        raise MailError(f"{where} did not answer within {settings.timeout:g} s") from None
    except OSError as exc:
        raise MailError(f"{where} cannot be reached: {exc.strerror or exc}") from None
    if refused:
        log.warning("%s refused some recipients: %s", where, _refusals(refused))
    log.info("mailed %r to %s", subject, ", ".join(settings.recipients))


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _refusals(recipients: dict) -> str:
    return "; ".join(f"{addr}: {code} {_text(text)}" for addr, (code, text) in recipients.items())
