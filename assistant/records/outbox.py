"""The delivery queue: messages wait in the `outbox` table until a transport takes them.

A message is claimed before it is sent, so two kiosk processes never send the same one, and
marked sent in the same transaction that logs the delivery; a failed send stays queued with its
error and a growing wait (1 minute, doubling, at most an hour). Once every message that carries
a PDF has gone out, the PDF bytes are dropped unless `storage.keep_pdf` is set.
"""

from __future__ import annotations

import hashlib
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from assistant.config import Config
from assistant.records.audit import iso, parse_iso
from assistant.records.letters import Letter
from assistant.records.mail import DeliveryError, Outgoing, Transport, new_message_id, transport_for
from assistant.records.store import Store

FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
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


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try."""
    return min(FIRST_WAIT * (1 << min(max(attempts - 1, 0), 16)), LONGEST_WAIT)


def enqueue(
    store: Store,
    config: Config,
    *,
    reference: str,
    kind: str,
    letter: Letter,
    to_addr: str,
    at: datetime,
    document_id: int | None = None,
    attachment_name: str | None = None,
) -> int:
    """Queue one message (inside the caller's transaction). Returns the outbox id."""
    cursor = store.db.conn.execute(
        "INSERT INTO outbox (reference, kind, role, to_addr, subject, body, document_id,"
        " attachment_name, message_id, created_at, status, attempts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0)",
        (
            reference,
            kind,
            letter.role,
            to_addr,
            letter.subject,
            letter.body,
            document_id,
            attachment_name if document_id is not None else None,
            new_message_id(reference, config.mail.sender),
            iso(at),
        ),
    )
    return int(cursor.lastrowid or 0)


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
    if row["document_id"] is not None:
        doc = store.one("SELECT bytes FROM documents WHERE id = ?", (row["document_id"],))
        if doc is None or doc["bytes"] is None:
            raise DeliveryError("the PDF for this message is no longer stored")
        attachment = bytes(doc["bytes"])
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
    )


def _mark_sent(store: Store, config: Config, outbox_id: int, now: datetime) -> None:
    with store.transaction():
        row = store.one(
            "SELECT reference, kind, role, document_id FROM outbox WHERE id = ?", (outbox_id,)
        )
        store.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, body = NULL, last_error = NULL,"
            " claimed_at = NULL, claimed_by = NULL WHERE id = ?",
            (iso(now), outbox_id),
        )
        if row is None:
            return
        store.append_event(
            "delivered",
            row["reference"],
            now,
            {"outbox": outbox_id, "kind": row["kind"], "to": row["role"]},
        )
        document_id = row["document_id"]
        if document_id is None or config.storage.keep_pdf:
            return
        unsent = store.one(
            "SELECT COUNT(*) AS n FROM outbox WHERE document_id = ? AND status != 'sent'",
            (document_id,),
        )
        if unsent is not None and unsent["n"] == 0:
            store.execute(
                "UPDATE documents SET bytes = NULL, deleted_at = ?"
                " WHERE id = ? AND bytes IS NOT NULL",
                (iso(now), document_id),
            )


def _mark_failed(store: Store, outbox_id: int, error: str, now: datetime) -> None:
    with store.transaction():
        row = store.one("SELECT attempts FROM outbox WHERE id = ?", (outbox_id,))
        attempts = (int(row["attempts"]) if row else 0) + 1
        store.execute(
            "UPDATE outbox SET status = 'queued', attempts = ?, last_error = ?,"
            " next_attempt_at = ?, claimed_at = NULL, claimed_by = NULL WHERE id = ?",
            (attempts, error, iso(now + backoff(attempts)), outbox_id),
        )


def deliver_pending(
    store: Store,
    config: Config,
    data_dir: Path,
    now: datetime,
    *,
    force: bool = False,
    transport: Transport | None = None,
) -> DeliveryReport:
    """Send every message that is due (all queued ones with `force`); failures stay queued."""
    ids = _claim(store, now, force)
    sent = failed = 0
    errors: list[str] = []
    if ids:
        with transport or transport_for(config.mail, data_dir) as carrier:
            for outbox_id in ids:
                try:
                    carrier.send(_outgoing(store, config, outbox_id))
                except Exception as exc:  # any failure leaves the message queued, never lost
                    reason = str(exc) if isinstance(exc, DeliveryError) else repr(exc)[:300]
                    failed += 1
                    errors.append(f"message {outbox_id}: {reason}")
                    _mark_failed(store, outbox_id, reason, now)
                    continue
                _mark_sent(store, config, outbox_id, now)
                sent += 1
    waiting = store.one("SELECT COUNT(*) AS n FROM outbox WHERE status != 'sent'")
    return DeliveryReport(sent, failed, int(waiting["n"]) if waiting else 0, tuple(errors))


def sent_count(store: Store) -> int:
    """How many messages have been delivered from this database."""
    row = store.one("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'")
    return int(row["n"]) if row else 0


def attachment_name(kind: str, reference: str) -> str:
    """The PDF's file name in an email: `consent-K7QM-3XPD.pdf` (no client name)."""
    return f"{kind}-{reference}.pdf"
