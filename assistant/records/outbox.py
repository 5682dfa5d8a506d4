"""The delivery queue: messages wait in the `outbox` table until a transport takes them.

This module holds the queue itself: adding a message, putting a held one back by hand, and
counting and listing what is there. A delivery run (claiming, sending) is `delivery.py`; what
a send's outcome does to a row (the wait before a retry, giving up, the alert) is
`send_outcome.py`.

Statuses: `queued`, `sending` (claimed), `sent`, `dead` (refused for good: never retried; the
clinician or `mail.alert_to` gets an alert, queued like any message) and `unconfirmed` (the
server hung up after the whole message: probably delivered, not resent unless the clinic asks
with `deliver --retry ID`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from assistant.config import Config
from assistant.records.audit import iso
from assistant.records.letters import Letter, chain_line
from assistant.records.mail import new_message_id
from assistant.records.store import Store


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
