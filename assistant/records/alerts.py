"""The staff alert a client in crisis may ask for at the kiosk ("get a staff member now").

One urgent message to `safety.alert_email` that says a client at the kiosk asked for help now,
and nothing about who they are or what they typed. The event log records that it went out.
"""

from __future__ import annotations

from datetime import datetime

from assistant.records import letters
from assistant.records.documents import Filing
from assistant.records.outbox import enqueue


def help_now(filing: Filing, at: datetime) -> int:
    """File and queue the alert in one transaction; returns the outbox id."""
    store, config = filing.store, filing.config
    letter = letters.help_now_letter(config, when=at)
    with store.transaction():
        store.append_event("help_now", None, at, {"to": "safety.alert_email"})
        return enqueue(
            store,
            config,
            reference="",
            kind="help-now",
            letter=letter,
            to_addr=config.safety.alert_email,
            at=at,
        )
