"""A delivery run: claim the messages that are due, hand each to the transport, record how
it went (`send_outcome.py`), and report the counts.

A message is claimed before it is sent, so two kiosk processes never send the same one; a
claim whose process has died, or that is older than `STALE_CLAIM`, is taken over. Delivery is
at least once: a process killed between the server's "250" and the commit that marks the row
sent sends it again on the next run, with the same Message-ID.
"""

from __future__ import annotations

import hashlib
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from assistant.config import Config, Mail
from assistant.records.audit import iso, parse_iso
from assistant.records.mail import DeliveryError, Outgoing, Transport
from assistant.records.maildir_transport import MAILDIR_NAME, MaildirTransport
from assistant.records.outbox import status_counts
from assistant.records.send_outcome import mark_failed, mark_sent
from assistant.records.smtp_transport import SmtpTransport
from assistant.records.store import Store

STALE_CLAIM = timedelta(minutes=10)
"""A claim older than this is abandoned even if its process still runs; the row is retried.
A claim whose process has died (same machine) is retried at once."""


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one delivery run did: messages sent, messages that failed (with why), still waiting."""

    sent: int = 0
    failed: int = 0
    waiting: int = 0
    errors: tuple[str, ...] = field(default=())
    dead: int = 0
    """Messages refused for good (in this run or before): never retried."""
    unconfirmed: int = 0
    """Messages probably delivered, not confirmed: not resent on their own."""


def _claimant() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _abandoned(claimed_by: str | None, claimed_at: str | None, now: datetime) -> bool:
    """True when the process that claimed a message is gone (or silent for too long)."""
    if not claimed_at or parse_iso(claimed_at) <= now - STALE_CLAIM:
        return True
    host, _, pid = (claimed_by or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _claim(store: Store, now: datetime, force: bool) -> list[int]:
    with store.transaction():
        ids: list[int] = []
        for r in store.rows(
            "SELECT id, status, next_attempt_at, claimed_at, claimed_by FROM outbox"
            " WHERE status IN ('queued', 'sending') ORDER BY id"
        ):
            if r["status"] == "sending":
                if _abandoned(r["claimed_by"], r["claimed_at"], now):
                    ids.append(int(r["id"]))
            elif force or r["next_attempt_at"] is None or parse_iso(r["next_attempt_at"]) <= now:
                ids.append(int(r["id"]))
        for outbox_id in ids:
            store.execute(
                "UPDATE outbox SET status = 'sending', claimed_at = ?, claimed_by = ? WHERE id = ?",
                (iso(now), _claimant(), outbox_id),
            )
    return ids


def _outgoing(store: Store, config: Config, outbox_id: int) -> Outgoing:
    row = store.one("SELECT * FROM outbox WHERE id = ?", (outbox_id,))
    if row is None:
        raise DeliveryError(f"outbox message {outbox_id} is gone")
    attachment: bytes | None = None
    missing = False
    if row["document_id"] is not None:
        doc = store.one("SELECT bytes FROM documents WHERE id = ?", (row["document_id"],))
        missing = doc is None or doc["bytes"] is None
        attachment = None if doc is None or doc["bytes"] is None else bytes(doc["bytes"])
    return Outgoing(
        key=f"{row['id']}-{hashlib.sha256(row['message_id'].encode()).hexdigest()[:12]}",
        sender=config.mail.sender,
        to_addr=row["to_addr"],
        subject=row["subject"],
        body=row["body"] or "",
        message_id=row["message_id"],
        created=parse_iso(row["created_at"]),
        attachment_name=row["attachment_name"],
        attachment=attachment,
        json_name=row["json_attachment_name"],
        json_attachment=row["json_attachment"],
        attachment_missing=missing,
    )


def transport_for(mail: Mail, data_dir: Path) -> MaildirTransport | SmtpTransport:
    """The transport the configuration asks for."""
    if mail.mode == "smtp":
        return SmtpTransport(mail)
    return MaildirTransport(data_dir / MAILDIR_NAME)


def deliver_pending(
    store: Store,
    config: Config,
    data_dir: Path,
    now: datetime,
    *,
    force: bool = False,
    transport: Transport | None = None,
) -> DeliveryReport:
    """Send every message that is due (all queued ones with `force`); failures stay queued.

    An alert queued because a message was given up goes out in a second round of the same run
    (only one more round: an alert is never alerted about).
    """
    sent = failed = 0
    errors: list[str] = []
    for _round in range(2):
        ids = _claim(store, now, force)
        if not ids:
            break
        gave_up = False
        with transport or transport_for(config.mail, data_dir) as carrier:
            for outbox_id in ids:
                try:
                    carrier.send(_outgoing(store, config, outbox_id))
                except Exception as exc:  # any failure leaves the message queued, never lost
                    error = (
                        exc if isinstance(exc, DeliveryError) else DeliveryError(repr(exc)[:300])
                    )
                    failed += 1
                    errors.append(f"message {outbox_id}: {error}")
                    mark_failed(store, config, outbox_id, error, now)
                    gave_up = gave_up or error.permanent
                    continue
                mark_sent(store, config, outbox_id, now)
                sent += 1
        if not gave_up:
            break
    counts = status_counts(store)
    waiting = counts.get("queued", 0) + counts.get("sending", 0)
    return DeliveryReport(
        sent,
        failed,
        waiting,
        tuple(errors),
        dead=counts.get("dead", 0),
        unconfirmed=counts.get("unconfirmed", 0),
    )
