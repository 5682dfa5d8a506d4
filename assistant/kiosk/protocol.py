"""What the kiosk needs from the engine and the records layer, as typing protocols.

The kiosk codes against these shapes rather than concrete classes so that tests can drive
the real screens with a scripted conversation. The records object is one typed shape with
every method the kiosk calls (filing, delivery, warm-up, the PIN alert): no `getattr` probing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from assistant.engine.idle import Phase
from assistant.engine.outcome import RecordKeeper, Stroke
from assistant.engine.reply import Reply


class Engine(Protocol):
    """One client's conversation (`assistant.engine.conversation.Conversation`).

    The engine owns idle time: the kiosk reports activity with `touch()` and draws the
    countdown from `idle_phase()` and `idle_seconds_left()`. Those three are called from the
    screen's thread while a turn may run on the engine thread, so they must stay cheap (one
    attribute read or write on the engine's clock).
    """

    @property
    def last_reply(self) -> Reply:
        """The reply currently on screen."""
        ...

    def start(self) -> Reply:
        """The welcome reply."""
        ...

    def send(self, text: str) -> Reply:
        """A typed line."""
        ...

    def choose(self, choice_id: str) -> Reply:
        """A quick-reply button."""
        ...

    def set_signature_strokes(self, strokes: tuple[Stroke, ...]) -> None:
        """The drawn signature, given before the typed name at the signature step."""
        ...

    def prepare(self) -> None:
        """Build ahead what the first question needs (the question matcher, the safety
        net's learned signals). Called on the delivery thread, never the engine
        thread, so a turn or an idle wipe never waits behind it; it touches no client's
        words."""
        ...

    def stop(self) -> Reply:
        """The Stop button: end politely (declined before signing, revoked after)."""
        ...

    def touch(self) -> None:
        """The client did something (a key, a tap, a scroll, "I'm still here")."""
        ...

    def idle_phase(self) -> Phase:
        """`resting`, `active`, `warning` (show the countdown) or `expired` (wipe now)."""
        ...

    def idle_seconds_left(self) -> int:
        """Seconds of the countdown still to run."""
        ...

    def expire(self) -> Reply:
        """Forget everything the client entered and return the welcome reply."""
        ...


class KioskRecords(RecordKeeper, Protocol):
    """The record keeper as the kiosk uses it (`assistant.records.keeper.DurableRecords`)."""

    def deliver_pending(self) -> object:
        """Send what is queued; the result is only logged."""
        ...

    def warm_up(self) -> None:
        """Get ready for the first PDF (imports, fonts), in a worker after the first screen."""
        ...

    def report_pin_failures(self, failures: int, at: datetime) -> None:
        """Queue a message telling the clinicians that the kiosk PIN was wrong `failures` times."""
        ...
