"""The SMTP transport (`mail.mode = "smtp"`): one connection per batch, and every smtplib or
socket failure turned into a `DeliveryError` that says whether to retry, give up, or hold the
message as probably delivered (the server hung up after its final ".").
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from types import TracebackType
from typing import TYPE_CHECKING

from assistant.config import Mail, env_password
from assistant.records.mail import DeliveryError, Outgoing, check_complete, compose

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


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
        check_complete(item)
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
