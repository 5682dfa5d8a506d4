"""When the kiosk should ask "Are you still there?" and when it should start over.

Pure arithmetic on a monotonic time in seconds, so the rule is tested without waiting.
A kiosk nobody has touched since the last reset is never "idle": there is nothing to wipe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Phase = Literal["resting", "active", "warning", "expired"]


@dataclass
class IdleWatch:
    """Tracks the last client input against `idle_seconds` and `warning_seconds`."""

    idle_seconds: float
    warning_seconds: float
    last_input: float | None = None

    def touch(self, now: float) -> None:
        """The client did something."""
        self.last_input = now

    def clear(self) -> None:
        """A new session: nothing to protect until the next input."""
        self.last_input = None

    def phase(self, now: float) -> Phase:
        """`resting` (untouched), `active`, `warning` (countdown showing) or `expired`."""
        if self.last_input is None:
            return "resting"
        quiet = now - self.last_input
        if quiet < self.idle_seconds:
            return "active"
        if quiet < self.idle_seconds + self.warning_seconds:
            return "warning"
        return "expired"

    def seconds_left(self, now: float) -> int:
        """Whole seconds of the countdown still to run (0 when not counting down)."""
        if self.last_input is None:
            return 0
        end = self.last_input + self.idle_seconds + self.warning_seconds
        return max(0, math.ceil(end - now))
