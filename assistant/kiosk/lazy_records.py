"""The kiosk's record keeper, opened on first use instead of while the first screen is drawn.

The command line has already opened the store once (to refuse a bad data folder in one line);
the keeper the conversation files with is built on the engine thread the first time it is
needed, or by the warm-up right after the first screen is drawn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from assistant.engine.outcome import Outcome, Receipt, RevokeResult
from assistant.kiosk.protocol import KioskRecords


class LazyRecords:
    """A `KioskRecords` that builds the real one with `opener` the first time it is needed."""

    def __init__(self, opener: Callable[[], KioskRecords]) -> None:
        self._opener = opener
        self._lock = threading.Lock()
        self._records: KioskRecords | None = None

    def open(self) -> KioskRecords:
        """The real record keeper (built on the first call; thread-safe)."""
        with self._lock:
            if self._records is None:
                self._records = self._opener()
            return self._records

    def file(self, outcome: Outcome) -> Receipt:
        return self.open().file(outcome)

    def revoke(
        self, reference: str, name: str, at: datetime, *, fresh: bool = False
    ) -> RevokeResult:
        return self.open().revoke(reference, name, at, fresh=fresh)

    def skip_today(self, reference: str, name: str, at: datetime) -> RevokeResult:
        return self.open().skip_today(reference, name, at)

    def alert_staff(self, at: datetime) -> None:
        self.open().alert_staff(at)

    def request_revocation(
        self,
        name: str,
        clinician_name: str,
        clinician_email: str,
        at: datetime,
        *,
        today_only: bool = False,
    ) -> Receipt:
        return self.open().request_revocation(
            name, clinician_name, clinician_email, at, today_only=today_only
        )

    def warm_up(self) -> None:
        """Open the records and warm up the PDF maker."""
        self.open().warm_up()

    def deliver_pending(self) -> object:
        """Send queued mail."""
        return self.open().deliver_pending()

    def report_pin_failures(self, failures: int, at: datetime) -> None:
        """Queue the clinicians' alert about wrong PINs."""
        self.open().report_pin_failures(failures, at)
