"""The database schema, as sqlite-utils migrations applied in order when a store opens.

Never edit a released migration; add the next one. Every migration must leave the append-only
triggers on `events` in place (sqlite-utils' `table.transform()` drops triggers: a migration
that transforms `events` calls `event_triggers(db)` at its end). A test applies the migrations
one at a time and checks the triggers after each.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("consent-assistant")

EVENT_TRIGGERS = {
    "events_no_update": "UPDATE",
    "events_no_delete": "DELETE",
}


def event_triggers(db: Database) -> None:
    """Make `events` append-only: any UPDATE or DELETE aborts with an error."""
    for name, action in EVENT_TRIGGERS.items():
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {action} ON events "
            f"BEGIN SELECT RAISE(ABORT, 'events are append-only: {action} refused'); END"
        )


@migrations()
def m001_initial(db: Database) -> None:
    """Consents, documents (PDF bytes until delivered), the event chain, the outbox, counts."""
    db.table("consents").create(
        {
            "reference": str,
            "status": str,
            "name": str,
            "email": str,
            "clinician_name": str,
            "clinician_email": str,
            "choices": str,
            "comprehension": str,
            "form_version": str,
            "form_sha256": str,
            "pdf_sha256": str,
            "signature_method": str,
            "signed_at": str,
            "declined_at": str,
            "deferred_at": str,
            "revoked_at": str,
            "revoked_how": str,
            "revocation_pdf_sha256": str,
        },
        pk="reference",
        not_null={"status", "clinician_email"},
    )
    db.table("consents").create_index(["status"])
    db.table("documents").create(
        {
            "id": int,
            "reference": str,
            "kind": str,
            "sha256": str,
            "bytes": bytes,
            "created_at": str,
            "deleted_at": str,
        },
        pk="id",
        not_null={"reference", "kind", "sha256", "created_at"},
    )
    db.table("documents").create_index(["sha256"])
    db.table("documents").create_index(["reference"])
    db.table("events").create(
        {
            "id": int,
            "at": str,
            "kind": str,
            "reference": str,
            "detail": str,
            "prev_sha256": str,
            "sha256": str,
        },
        pk="id",
        not_null={"at", "kind", "detail", "prev_sha256", "sha256"},
    )
    event_triggers(db)
    db.table("outbox").create(
        {
            "id": int,
            "reference": str,
            "kind": str,
            "role": str,
            "to_addr": str,
            "subject": str,
            "body": str,
            "document_id": int,
            "attachment_name": str,
            "message_id": str,
            "created_at": str,
            "status": str,
            "attempts": int,
            "last_error": str,
            "next_attempt_at": str,
            "claimed_at": str,
            "claimed_by": str,
            "sent_at": str,
        },
        pk="id",
        not_null={"to_addr", "subject", "message_id", "created_at", "status", "attempts"},
        defaults={"status": "queued", "attempts": 0},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("outbox").create_index(["status", "next_attempt_at"])
    db.table("counts").create(
        {"period": str, "kind": str, "n": int},
        pk=("period", "kind"),
        not_null={"n"},
    )
    db.table("locks").create(
        {"reference": str, "failures": int, "locked_until": str},
        pk="reference",
        not_null={"failures"},
    )


@migrations()
def m002_anchor_fhir_locks(db: Database) -> None:
    """A MAC on every event (the chain key lives outside the database), a JSON attachment for
    the FHIR Consent on outbox messages, the back-off level of revocation locks, and an index
    to find a consent's events.

    Only `ALTER TABLE ... ADD COLUMN`: no table is transformed, so the triggers stay.
    """
    db.execute("ALTER TABLE events ADD COLUMN mac TEXT")
    db.execute("ALTER TABLE outbox ADD COLUMN json_attachment TEXT")
    db.execute("ALTER TABLE outbox ADD COLUMN json_attachment_name TEXT")
    db.execute("ALTER TABLE locks ADD COLUMN level INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE locks ADD COLUMN last_failure_at TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS idx_events_reference ON events (reference)")
