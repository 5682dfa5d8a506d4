"""Alerts about the kiosk itself rather than a consent: queued like every other message.

Wrong clinician PINs, again and again, mean someone may be trying to leave the kiosk; each
clinician gets one short message through the outbox (SMTP or Maildir), with no client data.
"""

from __future__ import annotations

from datetime import datetime

from assistant.config import Config
from assistant.records.letters import pin_alert_letter
from assistant.records.outbox import enqueue
from assistant.records.store import Store

KIOSK_REFERENCE = "kiosk"
"""The outbox reference of messages about the kiosk, not about one consent."""


def queue_pin_alert(store: Store, config: Config, failures: int, at: datetime) -> int:
    """Queue the alert for every configured clinician (each address once); returns how many."""
    queued = 0
    seen: set[str] = set()
    with store.transaction():
        for clinician in config.clinicians:
            if clinician.email.lower() in seen:
                continue
            seen.add(clinician.email.lower())
            letter = pin_alert_letter(config, clinician=clinician, failures=failures, when=at)
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
