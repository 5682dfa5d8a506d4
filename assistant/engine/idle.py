"""The one idle clock: when to ask "Are you still there?" and when to wipe the session.

The engine owns idle time; fronts only report activity (a key, a scroll, a tap on "I'm still
here") with `Conversation.touch()` and ask `Conversation.idle_phase()` what to show. Pure
arithmetic on the injected clock, so every rule is tested without waiting.

A conversation is quiet for `idle_seconds` before the countdown shows, and the countdown lasts
`warning_seconds`; only then is it `expired`. A kiosk nobody has touched since the last reset
is `resting`: there is nothing to wipe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Phase = Literal["resting", "active", "warning", "expired"]


@dataclass
class IdleWatch:
    """Tracks the last client activity against `idle_seconds` and `warning_seconds`."""

    idle_seconds: float
    warning_seconds: float
    last_activity: datetime | None = None

    def touch(self, now: datetime) -> None:
        """The client did something."""
        self.last_activity = now

    def clear(self) -> None:
        """A new session: nothing to protect until the next activity."""
        self.last_activity = None

    def quiet(self, now: datetime) -> float:
        """Seconds since the last activity (0 when resting)."""
        if self.last_activity is None:
            return 0.0
        return max(0.0, (now - self.last_activity).total_seconds())

    def phase(self, now: datetime) -> Phase:
        """`resting` (untouched), `active`, `warning` (countdown showing) or `expired`."""
        if self.last_activity is None:
            return "resting"
        quiet = self.quiet(now)
        if quiet < self.idle_seconds:
            return "active"
        if quiet < self.idle_seconds + self.warning_seconds:
            return "warning"
        return "expired"

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds of the countdown still to run (0 when not counting down)."""
        if self.last_activity is None:
            return 0
        left = self.idle_seconds + self.warning_seconds - self.quiet(now)
        return max(0, math.ceil(left))
