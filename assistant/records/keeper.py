"""`DurableRecords`: the record keeper the conversation files its endings with.

`file()` builds the PDF first, then writes the record, its event and its outbox messages in one
transaction, so a killed process leaves all of it or none of it. Delivery comes after and never
raises into the conversation:

- `deliver_inline=True` (the default; transcripts, `chat`): `file()`, `revoke()` and
  `skip_today()` try to deliver what is due before they return. In outbox mode that is a file
  write; in SMTP mode it can take up to `mail.timeout_seconds`.
- `deliver_inline=False` (the kiosk): nothing is sent inside `file()`; the kiosk calls
  `deliver_pending()` from a worker thread, which opens its own database connection.

fpdf2 is imported the first time a PDF is built, or by `warm_up()` in a worker at start-up.
"""

from __future__ import annotations

import logging
import socket
import threading
from datetime import datetime
from pathlib import Path
from typing import Literal

from assistant.clock import Clock
from assistant.config import Clinician, Config
from assistant.engine.outcome import (
    Outcome,
    Receipt,
    RevokeResult,
    normalise_reference,
)
from assistant.records import filing, revocations
from assistant.records.alerts import help_now
from assistant.records.attempts import look_up
from assistant.records.delivery import DeliveryReport, deliver_pending
from assistant.records.documents import Filing
from assistant.records.outbox import sent_count
from assistant.records.store import Store

log = logging.getLogger(__name__)

LatestStatus = Literal["signed", "declined", "deferred", "revoked", "requested", "none"]

KIOSK_HOW = "at the kiosk, with the reference code and the name"
FRESH_HOW = "right after signing, in the same conversation, by typing the signed name again"
CLINICIAN_HOW = "by the clinician (consent-assistant revoke)"


class DurableRecords:
    """Files endings in SQLite, makes the PDFs, queues and delivers the emails.

    Safe to share between threads: one lock serialises this object's own database work.
    """

    def __init__(
        self,
        config: Config,
        data_dir: Path,
        clock: Clock,
        *,
        deliver_inline: bool = True,
        station: str | None = None,
    ) -> None:
        self.config = config
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.deliver_inline = deliver_inline
        self.station = station or socket.gethostname()
        """Which kiosk this is, for the per-kiosk lock on reference look-ups."""
        self._store = Store(self.data_dir)
        self._lock = threading.RLock()
        self._latest: LatestStatus = "none"
        self._latest_reference: str | None = None
        self.last_delivery: DeliveryReport | None = None

    # ------------------------------------------------------------ what transcripts read

    def latest_status(self) -> LatestStatus:
        """The latest record this keeper made or changed; an unnamed ending is only counted."""
        return self._latest

    def latest_reference(self) -> str | None:
        """The reference of the latest record this keeper made or changed (None if unnamed)."""
        return self._latest_reference

    def record(self, reference: str) -> dict[str, object] | None:
        """The stored consent record for `reference` (any status), or None."""
        with self._lock:
            row = self._store.one(
                "SELECT * FROM consents WHERE reference = ?", (normalise_reference(reference),)
            )
        return dict(row) if row is not None else None

    def outbox_count(self) -> int:
        """Emails delivered so far from this data folder (to the Maildir or over SMTP)."""
        with self._lock:
            return sent_count(self._store)

    # ------------------------------------------------------------ filing endings

    def alert_staff(self, at: datetime) -> None:
        """Queue the urgent help message to `safety.alert_email` and send it now, whatever
        `deliver_inline` says: someone may be in danger. The event log records that an alert
        went out; neither holds anything about the client."""
        with self._lock:
            help_now(self._filing(), at)
        try:
            self.deliver_pending()
        except Exception:  # queued: the kiosk's delivery loop retries it
            log.exception("the staff alert is queued but could not be sent yet")

    def file(self, outcome: Outcome) -> Receipt:
        """Store the outcome and queue its emails; then deliver if `deliver_inline`."""
        with self._lock:
            reference: str | None
            if outcome.kind == "signed":
                reference = filing.file_signed(self._filing(), outcome)
            else:
                reference = filing.file_ending(self._filing(), outcome)
            if reference is not None:
                self._latest, self._latest_reference = outcome.kind, reference
            delivered = self._deliver_inline() and self._clinician_sent(reference)
        return Receipt(
            reference=reference, delivered=delivered, note=self._note(outcome, delivered)
        )

    def _note(self, outcome: Outcome, delivered: bool) -> str:
        who = outcome.clinician_name
        if outcome.kind == "signed":
            if delivered:
                return f"Your signed form was sent to {who}."
            return f"Your signed form is saved. It will be sent to {who} soon."
        if outcome.notify_clinician and outcome.name:
            return f"{who} will get a note." if delivered else f"{who} will get a note soon."
        return ""

    def _clinician_sent(self, reference: str | None) -> bool:
        if reference is None:
            return False
        row = self._store.one(
            "SELECT COUNT(*) AS n FROM outbox WHERE reference = ? AND role = 'clinician'"
            " AND status NOT IN ('sent', 'unconfirmed')",
            (reference,),
        )
        return row is not None and row["n"] == 0

    # ------------------------------------------------------------ revocation and "not today"

    def _filing(self) -> Filing:
        return Filing(self._store, self.config, self.data_dir)

    def _look_up(self, reference: str, name: str, at: datetime) -> RevokeResult | str:
        return look_up(
            self._store,
            reference,
            name,
            at,
            station=self.station,
            zone=self.config.practice.time_zone,
        )

    def revoke(
        self, reference: str, name: str, at: datetime, *, fresh: bool = False
    ) -> RevokeResult:
        """Revoke `reference` when `name` matches; wrong tries lock it for a while (attempts).
        `fresh`: the client took it back right after signing (the audit says so)."""
        with self._lock:
            checked = self._look_up(reference, name, at)
            if isinstance(checked, RevokeResult):
                return checked
            how = FRESH_HOW if fresh else KIOSK_HOW
            result = revocations.revoke(self._filing(), checked, at, how)
            self._changed(result)
            self._deliver_inline()
            return result

    def revoke_as_clinician(self, reference: str, at: datetime | None = None) -> RevokeResult:
        """Revoke `reference` for the clinician (`consent-assistant revoke`): no name, no lock."""
        at = at or self.clock.now()
        ref = normalise_reference(reference)
        with self._lock:
            result = revocations.revoke(self._filing(), ref, at, CLINICIAN_HOW)
            self._changed(result)
            self._deliver_inline()
            return result

    def skip_today(self, reference: str, name: str, at: datetime) -> RevokeResult:
        """Ask that today's session not be recorded: the consent stays, the clinician is told,
        and `status` answers `paused` until midnight in the practice's time zone."""
        with self._lock:
            checked = self._look_up(reference, name, at)
            if isinstance(checked, RevokeResult):
                return checked
            result = revocations.not_today(self._filing(), checked, at)
            self._deliver_inline()
            return result

    def request_revocation(
        self,
        name: str,
        clinician_name: str,
        clinician_email: str,
        at: datetime,
        *,
        today_only: bool = False,
    ) -> Receipt:
        """Someone asked by name, without the code, to take back a consent (or, `today_only`,
        that today's session not be recorded).

        Never locked and never revealing: the clinician is emailed at once ("stop recording
        and confirm") and any consent in force under that name for that clinician answers
        `paused` to `status` until the clinician runs `revoke` or `resume` (today only: until
        the day ends). The record shows a request, not a revocation. The receipt's note is the
        same whether or not a consent matched.
        """
        clinician = Clinician(name=clinician_name, email=clinician_email)
        with self._lock:
            outbox_id = revocations.request_revocation(
                self._filing(), name, clinician, at, today_only=today_only
            )
            self._latest, self._latest_reference = "requested", None
            delivered = self._deliver_inline() and self._outbox_sent(outbox_id)
        note = (
            f"{clinician.name} has been told." if delivered else f"{clinician.name} will be told."
        )
        return Receipt(reference=None, delivered=delivered, note=note)

    def resume(self, reference: str, at: datetime | None = None) -> bool:
        """The clinician ends the pause a name-only request put on `reference`."""
        with self._lock:
            return revocations.resume(
                self._filing(), normalise_reference(reference), at or self.clock.now()
            )

    def _changed(self, result: RevokeResult) -> None:
        if result.status == "revoked":
            self._latest, self._latest_reference = "revoked", result.reference

    def _outbox_sent(self, outbox_id: int) -> bool:
        row = self._store.one("SELECT status FROM outbox WHERE id = ?", (outbox_id,))
        return row is not None and row["status"] in ("sent", "unconfirmed")

    # ------------------------------------------------------------ delivery

    def _deliver_inline(self) -> bool:
        """Deliver what is due now when `deliver_inline`; True when delivery ran (whether each
        message went is for the caller to read from the outbox)."""
        if not self.deliver_inline:
            return False
        try:
            self.last_delivery = deliver_pending(
                self._store, self.config, self.data_dir, self.clock.now()
            )
        except Exception:  # delivery must never break the conversation
            log.exception("delivery failed; the messages stay queued")
            return False
        return True

    def deliver_pending(self, *, force: bool = False) -> DeliveryReport:
        """Send what is due (everything queued with `force`), on a connection of its own.

        Safe to call from a worker thread while the conversation files new endings.
        """
        store = Store(self.data_dir)
        try:
            report = deliver_pending(
                store, self.config, self.data_dir, self.clock.now(), force=force
            )
        finally:
            store.close()
        self.last_delivery = report
        return report

    def report_pin_failures(self, failures: int, at: datetime) -> None:
        """Queue an alert to the clinicians: the kiosk PIN was wrong `failures` times in a row."""
        from assistant.records.alerts import queue_pin_alert

        with self._lock:
            queue_pin_alert(self._store, self.config, failures, at)

    def warm_up(self) -> None:
        """Import fpdf2 and pyHanko, prepare the fonts and load (or make) the seal key: about
        two seconds, e.g. in a worker at start-up, so the first signing is not the slow one."""
        from assistant.records.pdf import warm_up
        from assistant.records.seal import warm_up as warm_up_seal

        warm_up(self.config)
        warm_up_seal(self.config, self.data_dir)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._store.close()
