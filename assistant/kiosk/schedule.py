"""When the kiosk's background jobs are due, decided from the one injected clock.

The app polls once a second (a Textual interval) and asks this schedule; nothing waits on a
real timer, so a test moves a `ManualClock` and the decision follows at once, whatever the
machine's speed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

WARM_UP_DELAY = timedelta(seconds=2)
"""After the first screen is up: open the records, warm up the PDF maker and build the
question matcher (`KioskApp.prepare_engine`)."""
DELIVERY_RETRY = timedelta(minutes=5)
"""How often queued mail is tried again while nothing else sends it."""


@dataclass
class Schedule:
    """The warm-up once, then delivery every `DELIVERY_RETRY`; each due time from the clock."""

    started: datetime
    warmed: bool = False
    last_delivery: datetime | None = None

    def warm_up_due(self, now: datetime) -> bool:
        """True once, `WARM_UP_DELAY` after the start."""
        return not self.warmed and now - self.started >= WARM_UP_DELAY

    def delivery_due(self, now: datetime) -> bool:
        """True when the last delivery (or the warm-up) is `DELIVERY_RETRY` old."""
        if not self.warmed:
            return False
        return self.last_delivery is None or now - self.last_delivery >= DELIVERY_RETRY

    def delivered(self, now: datetime, *, warm_up: bool = False) -> None:
        """A delivery (with the warm-up, if `warm_up`) was started at `now`."""
        self.last_delivery = now
        if warm_up:
            self.warmed = True
