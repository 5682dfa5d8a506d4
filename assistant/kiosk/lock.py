"""The clinician PIN's back-off: every wrong PIN doubles the wait before the next try.

Pure arithmetic on a monotonic time in seconds. The guard lives as long as the app, so
closing and reopening the PIN screen, or a kiosk reset, does not clear the wait.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_WAIT_SECONDS = 300.0


@dataclass
class PinGuard:
    """Counts wrong PINs and says how long the next try must wait."""

    failures: int = 0
    locked_until: float = 0.0

    def wait(self, now: float) -> int:
        """Whole seconds before another PIN may be tried (0: try now)."""
        return max(0, math.ceil(self.locked_until - now))

    def failed(self, now: float) -> int:
        """Record a wrong PIN; returns the wait it imposes: 1, 2, 4 ... up to 5 minutes."""
        self.failures += 1
        delay = min(2.0 ** (self.failures - 1), MAX_WAIT_SECONDS)
        self.locked_until = now + delay
        return math.ceil(delay)

    def succeeded(self) -> None:
        """The right PIN: start counting afresh."""
        self.failures = 0
        self.locked_until = 0.0
