"""What a send's outcome does to its outbox row, each in one transaction with its event.

Sent: the row is marked sent and logged, and once every message that carries a PDF has gone
out the PDF bytes are dropped unless `storage.keep_pdf` is set. Failed: the row is queued
again after a growing wait (1 minute, doubling, at most an hour); refused for good it is
`dead` and the clinician (or `mail.alert_to`) is alerted; cut off after the whole message it
is `unconfirmed` and not resent on its own.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from assistant.config import Config
from assistant.records.audit import iso
from assistant.records.letters import undeliverable_letter
from assistant.records.mail import DeliveryError
from assistant.records.outbox import enqueue
from assistant.records.store import Store

FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try."""
    return min(FIRST_WAIT * (1 << min(max(attempts - 1, 0), 16)), LONGEST_WAIT)


def mark_sent(store: Store, config: Config, outbox_id: int, now: datetime) -> None:
    """Mark the message sent and log the delivery; drop its PDF once nothing else carries it."""
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


def mark_failed(
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
