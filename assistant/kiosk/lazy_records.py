"""The kiosk's record keeper, opened on first use instead of at start-up.

Opening the durable records (SQLite, the form and mail modules) costs about a tenth of a
second that the first screen does not need. The app opens them in the background right after
the first screen is drawn (`prepare`), and any filing before that opens them on the spot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from assistant.engine.outcome import Outcome, Receipt, RecordKeeper, RevokeResult


class LazyRecords:
    """A RecordKeeper that builds the real one with `opener` the first time it is needed."""

    def __init__(self, opener: Callable[[], RecordKeeper]) -> None:
        self._opener = opener
        self._lock = threading.Lock()
        self._records: RecordKeeper | None = None

    def open(self) -> RecordKeeper:
        """The real record keeper (built on the first call; thread-safe)."""
        with self._lock:
            if self._records is None:
                self._records = self._opener()
            return self._records

    def file(self, outcome: Outcome) -> Receipt:
        return self.open().file(outcome)

    def revoke(self, reference: str, name: str, at: datetime) -> RevokeResult:
        return self.open().revoke(reference, name, at)

    def skip_today(self, reference: str, name: str, at: datetime) -> RevokeResult:
        return self.open().skip_today(reference, name, at)

    def alert_staff(self, at: datetime) -> None:
        self.open().alert_staff(at)

    def prepare(self) -> None:
        """Open the records and warm up the PDF maker, if the keeper has a warm-up step."""
        warm_up = getattr(self.open(), "warm_up", None)
        if callable(warm_up):
            warm_up()

    def deliver_pending(self) -> object:
        """Send queued mail, if the keeper delivers at all (the in-memory one does not)."""
        deliver = getattr(self.open(), "deliver_pending", None)
        return deliver() if callable(deliver) else None
