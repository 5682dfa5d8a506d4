"""Turning an outbox row into an email and handing it over: to a Maildir folder or to SMTP.

Every failure to send becomes a `DeliveryError` with one short line for the outbox row; nothing
here retries (the outbox decides when to try again). The error says what the outbox should do:
`permanent` (the server refused this message for good: a 5xx to its recipient or its data),
`unconfirmed` (the whole message, final "." included, went out and the server hung up or fell
silent before answering: it probably has it, so it is not sent again on its own), or neither
(try again later). The Message-ID is fixed when a message is queued and kept on every try, so
a copy that does arrive twice is recognisably the same message.
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from assistant.config import Mail, env_password

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer
from assistant.records.store import StoreError, private_folder

MAILDIR_NAME = "outbox"
"""The Maildir folder inside the data folder (`mail.mode = "outbox"`)."""


class DeliveryError(Exception):
    """A message was not handed over. `connection` is True when no message could be sent;
    `permanent` when retrying cannot help; `unconfirmed` when the server may well have it."""

    def __init__(
        self,
        message: str,
        *,
        connection: bool = False,
        permanent: bool = False,
        unconfirmed: bool = False,
    ) -> None:
        super().__init__(message[:300])
        self.connection = connection
        self.permanent = permanent
        self.unconfirmed = unconfirmed


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message as queued: addresses, words, optional attachment, and a stable Message-ID."""

    key: str
    sender: str
    to_addr: str
    subject: str
    body: str
    message_id: str
    created: datetime
    attachment_name: str | None = None
    attachment: bytes | None = None
    json_name: str | None = None
    json_attachment: str | None = None
    attachment_missing: bool = False
    """The PDF should be attached but is no longer stored: it cannot be sent (again)."""


def _check_complete(item: Outgoing) -> None:
    if item.attachment_missing:
        raise DeliveryError("the PDF for this message is no longer stored", permanent=True)


def new_message_id(reference: str, sender: str) -> str:
    """A Message-ID in the sender's domain, naming the reference (not the client)."""
    domain = sender.rpartition("@")[2] or "consent-assistant.invalid"
    return make_msgid(idstring=reference.replace("-", ""), domain=domain)


def compose(item: Outgoing) -> EmailMessage:
    """The MIME message: plain-text body, PDF attached when there is one.

    The SMTP policy refuses line breaks in headers, so no input can add a header.
    """
    msg = EmailMessage(policy=SMTP)
    msg["From"] = item.sender
    msg["To"] = item.to_addr
    msg["Subject"] = item.subject
    msg["Date"] = format_datetime(item.created)
    msg["Message-ID"] = item.message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(item.body)
    if item.attachment is not None:
        msg.add_attachment(
            item.attachment,
            maintype="application",
            subtype="pdf",
            filename=item.attachment_name or "consent.pdf",
        )
    if item.json_attachment is not None:
        msg.add_attachment(
            item.json_attachment.encode("utf-8"),
            maintype="application",
            subtype="fhir+json",
            filename=item.json_name or "consent.fhir.json",
        )
    return msg


class Transport(Protocol):
    """Hands messages over. Used as a context manager around one batch."""

    def __enter__(self) -> Transport: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def send(self, item: Outgoing) -> None:
        """Deliver one message or raise DeliveryError."""
        ...


class MaildirTransport:
    """Writes each message as a file in a Maildir folder that any mail client can open.

    File names derive from the outbox row, so a message written before a crash is not written
    again when the row is retried.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._error: DeliveryError | None = None

    def __enter__(self) -> MaildirTransport:
        try:
            private_folder(self.root)
            for sub in ("tmp", "new", "cur"):
                private_folder(self.root / sub)
        except StoreError as exc:
            self._error = DeliveryError(str(exc), connection=True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def _name(self, item: Outgoing) -> str:
        return f"{int(item.created.timestamp())}.{item.key}.consent-assistant"

    def exists(self, item: Outgoing) -> bool:
        """True when this message is already in `new/` or `cur/` (a mail client moves it there)."""
        name = self._name(item)
        if (self.root / "new" / name).exists():
            return True
        cur = self.root / "cur"
        return (
            any(p.name.split(":", 1)[0] == name for p in cur.iterdir()) if cur.is_dir() else False
        )

    def send(self, item: Outgoing) -> None:
        if self._error is not None:
            raise self._error
        if self.exists(item):
            return
        _check_complete(item)
        name = self._name(item)
        data = compose(item).as_bytes()
        tmp = self.root / "tmp" / f"{name}.{os.getpid()}"
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.root / "new" / name)
        except OSError as exc:
            raise DeliveryError(f"cannot write to the outbox folder ({exc.strerror})") from None


def _smtp_error(exc: BaseException, mail: Mail) -> DeliveryError:
    where = f"{mail.host}:{mail.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError(
            f"the mail server did not accept the login ({exc.smtp_code})", connection=True
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = ", ".join(f"{code} {_text(text)}" for code, text in exc.recipients.values())
        permanent = all(code >= 500 for code, _ in exc.recipients.values())
        return DeliveryError(
            f"the mail server refused the recipient ({codes})", permanent=permanent
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        # The From address is the practice's setting: every message would fail the same way,
        # so nothing is given up; the error shows in `deliver` until the setting is fixed.
        return DeliveryError(
            f"the mail server refused the sender {mail.sender}"
            f" ({exc.smtp_code} {_text(exc.smtp_error)})",
            connection=True,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        permanent = exc.smtp_code >= 500
        kind = "permanently" if permanent else "for now"
        return DeliveryError(
            f"the mail server refused the message {kind} ({exc.smtp_code} {_text(exc.smtp_error)})",
            permanent=permanent,
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError(f"the mail server cannot take this message ({exc})", permanent=True)
    timed_out = isinstance(exc, TimeoutError) or "timed out" in str(exc)
    if isinstance(exc, smtplib.SMTPServerDisconnected) and not timed_out:
        return DeliveryError(f"the mail server at {where} closed the connection", connection=True)
    if isinstance(exc, ConnectionRefusedError):
        return DeliveryError(f"the mail server at {where} refused the connection", connection=True)
    if timed_out:
        return DeliveryError(
            f"the mail server at {where} did not answer within {mail.timeout_seconds:g} s",
            connection=True,
        )
    if isinstance(exc, ssl.SSLError):
        return DeliveryError(f"TLS with {where} failed ({exc.reason})", connection=True)
    if isinstance(exc, socket.gaierror):
        return DeliveryError(f"the mail server name {mail.host!r} is unknown", connection=True)
    if isinstance(exc, smtplib.SMTPException | OSError):
        return DeliveryError(f"sending through {where} failed ({exc})", connection=True)
    return DeliveryError(f"sending through {where} failed ({type(exc).__name__})", connection=True)


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return " ".join(text.split())[:160]


class _HandOver:
    """Notes when the final "." of a message has gone out: from then on the server may have
    it, whatever happens to the connection before its answer arrives."""

    handed_over = False

    def send(self, s: ReadableBuffer | str) -> None:
        super().send(s)  # type: ignore[misc]
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.handed_over = True


class _Smtp(_HandOver, smtplib.SMTP):
    """smtplib.SMTP that knows whether the last message was handed over."""


class _SmtpSsl(_HandOver, smtplib.SMTP_SSL):
    """smtplib.SMTP_SSL that knows whether the last message was handed over."""


class SmtpTransport:
    """Sends through the configured SMTP server over one connection per batch.

    STARTTLS or implicit TLS as configured (certificates checked), login when a user name is
    set, with the password read from the environment variable the configuration names.
    """

    def __init__(self, mail: Mail) -> None:
        self.mail = mail
        self._smtp: _Smtp | _SmtpSsl | None = None
        self._error: DeliveryError | None = None

    def __enter__(self) -> SmtpTransport:
        try:
            self._smtp = self._connect()
        except DeliveryError as exc:
            self._error = exc
        except Exception as exc:
            self._error = _smtp_error(exc, self.mail)
        return self

    def _connect(self) -> _Smtp | _SmtpSsl:
        mail = self.mail
        context = ssl.create_default_context()
        smtp: _Smtp | _SmtpSsl
        if mail.security == "tls":
            smtp = _SmtpSsl(mail.host, mail.port, timeout=mail.timeout_seconds, context=context)
        else:
            smtp = _Smtp(mail.host, mail.port, timeout=mail.timeout_seconds)
        try:
            smtp.ehlo()
            if mail.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if mail.username:
                password = env_password(mail)
                if password is None:
                    raise DeliveryError(
                        f"no SMTP password: set the environment variable {mail.password_env}",
                        connection=True,
                    )
                smtp.login(mail.username, password)
        except BaseException:
            _quietly_close(smtp)
            raise
        return smtp

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except Exception:
                _quietly_close(self._smtp)
            self._smtp = None

    def send(self, item: Outgoing) -> None:
        if self._error is not None:
            raise self._error
        if self._smtp is None:
            raise DeliveryError("no connection to the mail server", connection=True)
        _check_complete(item)
        self._smtp.handed_over = False
        try:
            self._smtp.send_message(compose(item), from_addr=item.sender, to_addrs=[item.to_addr])
        except Exception as exc:
            error = _smtp_error(exc, self.mail)
            if self._smtp.handed_over and error.connection:
                error = DeliveryError(
                    f"{error}, after the whole message was sent: it was probably delivered,"
                    " so it is not sent again on its own",
                    connection=True,
                    unconfirmed=True,
                )
            if error.connection:
                self._error = error
                _quietly_close(self._smtp)
                self._smtp = None
            else:
                try:
                    self._smtp.rset()
                except Exception:
                    self._error = error
            raise error from None


def _quietly_close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.close()
    except Exception:
        return


def transport_for(mail: Mail, data_dir: Path) -> MaildirTransport | SmtpTransport:
    """The transport the configuration asks for."""
    if mail.mode == "smtp":
        return SmtpTransport(mail)
    return MaildirTransport(data_dir / MAILDIR_NAME)
