"""The delivery queue: messages wait in the `outbox` table until a transport takes them.

A message is claimed before it is sent, so two kiosk processes never send the same one, and
marked sent in the same transaction that logs the delivery; a failed send stays queued with its
error and a growing wait (1 minute, doubling, at most an hour). Once every message that carries
a PDF has gone out, the PDF bytes are dropped unless `storage.keep_pdf` is set.

Statuses: `queued`, `sending` (claimed), `sent`, `dead` (refused for good: never retried; the
clinician or `mail.alert_to` gets an alert, queued like any message) and `unconfirmed` (the
server hung up after the whole message: probably delivered, not resent unless the clinic asks
with `deliver --retry ID`). Delivery is at least once: a process killed between the server's
"250" and the commit that marks the row sent sends it again on the next run, with the same
Message-ID.
"""

from __future__ import annotations

import hashlib
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from assistant.config import Config
from assistant.records.audit import iso, parse_iso
from assistant.records.letters import Letter, chain_line, undeliverable_letter
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
    dead: int = 0
    """Messages refused for good (in this run or before): never retried."""
    unconfirmed: int = 0
    """Messages probably delivered, not confirmed: not resent on their own."""


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
    json_attachment: str | None = None,
) -> int:
    """Queue one message (inside the caller's transaction). Returns the outbox id.

    A message to the clinician (or an alert) ends with the event chain's head as it stands
    in this transaction: a copy of the anchor the database cannot reach.
    """
    body = letter.body
    head = store.last_event()
    if letter.role != "client" and head is not None:
        body = body.rstrip("\n") + "\n\n" + chain_line(*head) + "\n"
    cursor = store.db.conn.execute(
        "INSERT INTO outbox (reference, kind, role, to_addr, subject, body, document_id,"
        " attachment_name, json_attachment, json_attachment_name, message_id, created_at,"
        " status, attempts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0)",
        (
            reference,
            kind,
            letter.role,
            to_addr,
            letter.subject,
            body,
            document_id,
            attachment_name if document_id is not None else None,
            json_attachment,
            f"consent-{reference}.fhir.json" if json_attachment is not None else None,
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


def _mark_failed(
    store: Store, config: Config, outbox_id: int, error: DeliveryError, now: datetime
) -> None:
    """Queue the message again after a wait, or give it up (`dead`, with an alert), or hold
    it as `unconfirmed`: in one transaction with the event that says so."""
    reason = str(error)
    with store.transaction():
        row = store.one("SELECT * FROM outbox WHERE id = ?", (outbox_id,))
        if row is None:
            return
        attempts = int(row["attempts"]) + 1
        if not (error.permanent or error.unconfirmed):
            store.execute(
                "UPDATE outbox SET status = 'queued', attempts = ?, last_error = ?,"
                " next_attempt_at = ?, claimed_at = NULL, claimed_by = NULL WHERE id = ?",
                (attempts, reason, iso(now + backoff(attempts)), outbox_id),
            )
            return
        status = "dead" if error.permanent else "unconfirmed"
        store.execute(
            "UPDATE outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = NULL,"
            " claimed_at = NULL, claimed_by = NULL WHERE id = ?",
            (status, attempts, reason, outbox_id),
        )
        store.append_event(
            "undeliverable" if error.permanent else "unconfirmed",
            row["reference"],
            now,
            {"outbox": outbox_id, "kind": row["kind"], "to": row["role"], "error": reason},
        )
        if error.permanent:
            _queue_alert(store, config, row, reason, now)


def _queue_alert(store: Store, config: Config, row: Any, reason: str, now: datetime) -> None:
    """Tell the clinician (or `mail.alert_to`) that a message was given up, unless the alert
    would take the very road that failed: the same refused address, or an alert itself."""
    if row["kind"] == "alert":
        return
    consent = store.one(
        "SELECT clinician_name, clinician_email FROM consents WHERE reference = ?",
        (row["reference"],),
    )
    to_addr = config.mail.alert_to or (consent["clinician_email"] if consent else "")
    if not to_addr or (to_addr == row["to_addr"] and "recipient" in reason):
        return
    letter = undeliverable_letter(
        config,
        reference=str(row["reference"] or ""),
        clinician_name=str(consent["clinician_name"]) if consent else "",
        kind=str(row["kind"]),
        role=str(row["role"]),
        error=reason,
        when=now,
        to_admin=bool(config.mail.alert_to),
        outbox_id=int(row["id"]),
    )
    enqueue(
        store,
        config,
        reference=str(row["reference"] or ""),
        kind="alert",
        letter=letter,
        to_addr=to_addr,
        at=now,
    )


def retry(store: Store, outbox_id: int, now: datetime) -> bool:
    """Put a `dead` or `unconfirmed` message back in the queue (`deliver --retry ID`)."""
    with store.transaction():
        row = store.one("SELECT reference, status FROM outbox WHERE id = ?", (outbox_id,))
        if row is None or row["status"] not in ("dead", "unconfirmed"):
            return False
        store.execute(
            "UPDATE outbox SET status = 'queued', next_attempt_at = NULL WHERE id = ?",
            (outbox_id,),
        )
        store.append_event(
            "requeued", row["reference"], now, {"outbox": outbox_id, "was": row["status"]}
        )
    return True


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
                    _mark_failed(store, config, outbox_id, error, now)
                    gave_up = gave_up or error.permanent
                    continue
                _mark_sent(store, config, outbox_id, now)
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


def status_counts(store: Store) -> dict[str, int]:
    """How many outbox messages are in each status."""
    return {
        str(r["status"]): int(r["n"])
        for r in store.rows("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
    }


def held_messages(store: Store) -> list[Any]:
    """The `dead` and `unconfirmed` messages, oldest first, for `records` and `deliver`."""
    return store.all(
        "SELECT id, reference, kind, role, status, last_error FROM outbox"
        " WHERE status IN ('dead', 'unconfirmed') ORDER BY id"
    )


def sent_count(store: Store) -> int:
    """How many messages have been delivered from this database."""
    row = store.one("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'")
    return int(row["n"]) if row else 0


def attachment_name(kind: str, reference: str) -> str:
    """The PDF's file name in an email: `consent-K7QM-3XPD.pdf` (no client name)."""
    return f"{kind}-{reference}.pdf"
