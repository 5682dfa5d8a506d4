"""An email as the outbox hands it over, and the contract of handing it over.

`Outgoing` is one queued message, `compose` turns it into MIME, and a `Transport` takes it:
`maildir_transport.py` writes it to a folder, `smtp_transport.py` sends it to a server.
Every failure to send becomes a `DeliveryError` with one short line for the outbox row; no
transport retries (the outbox decides when to try again). The error says what the outbox
should do: `permanent` (the server refused this message for good: a 5xx to its recipient or
its data), `unconfirmed` (the whole message, final "." included, went out and the server hung
up or fell silent before answering: it probably has it, so it is not sent again on its own),
or neither (try again later). The Message-ID is fixed when a message is queued and kept on
every try, so a copy that does arrive twice is recognisably the same message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from types import TracebackType
from typing import Protocol


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


def check_complete(item: Outgoing) -> None:
    """Refuse for good a message whose PDF is no longer stored: it cannot be sent (again)."""
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
