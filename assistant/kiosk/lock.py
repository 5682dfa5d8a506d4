"""The clinician PIN's back-off: every wrong PIN doubles the wait before the next try.

The count and the end of the wait are kept in the data folder (`pin-guard.json`, owner-only),
so restarting the kiosk does not clear them; the times come from the injected clock, as wall
time, because a monotonic clock does not survive a restart. A wait is never longer than
`MAX_WAIT_SECONDS` from now, so a clock set backwards cannot lock the clinician out for good.
Every `ALERT_EVERY` wrong PINs in a row, the caller is told to alert the clinicians.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from assistant.clock import Clock

log = logging.getLogger(__name__)

MAX_WAIT_SECONDS = 300.0
ALERT_EVERY = 5
"""Wrong PINs in a row that queue an alert to the clinicians (at 5, 10, 15 ...)."""
FILE_NAME = "pin-guard.json"


@dataclass(frozen=True, slots=True)
class Failure:
    """What one wrong PIN did: the wait it imposes and whether to alert the clinicians."""

    wait: int
    failures: int
    alert: bool


class PinGuard:
    """Counts wrong PINs (kept in `folder` when given) and says how long the next try waits."""

    def __init__(self, clock: Clock, folder: Path | None = None) -> None:
        self._clock = clock
        self._path = folder / FILE_NAME if folder is not None else None
        self.failures = 0
        self.locked_until: datetime | None = None
        self._load()

    def wait(self) -> int:
        """Whole seconds before another PIN may be tried (0: try now)."""
        if self.locked_until is None:
            return 0
        left = (self.locked_until - self._clock.now()).total_seconds()
        return max(0, math.ceil(min(left, MAX_WAIT_SECONDS)))

    def failed(self) -> Failure:
        """Record a wrong PIN: the wait doubles (1, 2, 4 ... up to 5 minutes)."""
        self.failures += 1
        delay = min(2.0 ** (self.failures - 1), MAX_WAIT_SECONDS)
        self.locked_until = self._clock.now() + timedelta(seconds=delay)
        self._save()
        return Failure(math.ceil(delay), self.failures, self.failures % ALERT_EVERY == 0)

    def succeeded(self) -> None:
        """The right PIN: start counting afresh."""
        self.failures = 0
        self.locked_until = None
        self._save()

    # ------------------------------------------------------------ the file

    def _load(self) -> None:
        if self._path is None or not self._path.exists():
            return
        try:
            data = json.loads(self._path.read_text("utf-8"))
            self.failures = int(data["failures"])
            until = data.get("locked_until")
            self.locked_until = datetime.fromisoformat(until) if until else None
            if self.failures < 0 or (self.locked_until and self.locked_until.tzinfo is None):
                raise ValueError("out of range")
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            # Someone or something spoiled the file: keep the clinician's way out open, but
            # not a fresh start either.
            log.warning(
                "%s is unreadable (%s); counting %d wrong PINs", self._path, exc, ALERT_EVERY
            )
            self.failures = ALERT_EVERY
            self.locked_until = self._clock.now() + timedelta(seconds=2.0 ** (ALERT_EVERY - 1))

    def _save(self) -> None:
        if self._path is None:
            return
        data = {
            "failures": self.failures,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
        }
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".pin-guard-", dir=self._path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self._path)
        except OSError as exc:  # the back-off still holds in memory until the next restart
            log.error("cannot keep the PIN back-off in %s: %s", self._path, exc)
