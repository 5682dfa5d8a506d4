"""Alerts about the kiosk rather than one consent, queued like every other message.

- The staff alert a client in crisis may ask for ("get a staff member now"): one urgent
  message to `safety.alert_email` that says a client at the kiosk asked for help now, and
  nothing about who they are or what they typed. The event log records that it went out.
- Wrong clinician PINs, again and again, mean someone may be trying to leave the kiosk; each
  clinician gets one short message through the outbox (SMTP or Maildir), with no client data.
"""

from __future__ import annotations

from datetime import datetime

from assistant.config import Config
from assistant.records import letters
from assistant.records.documents import Filing
from assistant.records.outbox import enqueue
from assistant.records.store import Store

KIOSK_REFERENCE = "kiosk"
"""The outbox reference of messages about the kiosk, not about one consent."""


def help_now(filing: Filing, at: datetime) -> int:
    """File and queue the staff alert in one transaction; returns the outbox id."""
    store, config = filing.store, filing.config
    letter = letters.help_now_letter(config, when=at)
    with store.transaction():
        store.append_event("help_now", None, at, {"to": "safety.alert_email"})
        return enqueue(
            store,
            config,
            reference=KIOSK_REFERENCE,
            kind="help-now",
            letter=letter,
            to_addr=config.safety.alert_email,
            at=at,
        )


def queue_pin_alert(store: Store, config: Config, failures: int, at: datetime) -> int:
    """Queue the alert for every configured clinician (each address once); returns how many."""
    queued = 0
    seen: set[str] = set()
    with store.transaction():
        for clinician in config.clinicians:
            if clinician.email.lower() in seen:
                continue
            seen.add(clinician.email.lower())
            letter = letters.pin_alert_letter(
                config, clinician=clinician, failures=failures, when=at
            )
            enqueue(
                store,
                config,
                reference=KIOSK_REFERENCE,
                kind="pin-alert",
                letter=letter,
                to_addr=clinician.email,
                at=at,
            )
            queued += 1
    return queued
