"""What the kiosk needs from the engine and the records layer, as typing protocols.

The kiosk codes against these shapes rather than concrete classes so that tests can drive
the real screens with a scripted conversation, and so that the records layer's optional
delivery step is used only when the keeper offers it.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from assistant.engine.outcome import Stroke
from assistant.engine.reply import Reply


class Engine(Protocol):
    """One client's conversation (`assistant.engine.conversation.Conversation`)."""

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

    def expire(self) -> Reply:
        """Forget everything the client entered and return the welcome reply."""
        ...

    def stop(self) -> Reply:
        """The Stop button: end politely (declined before signing, revoked after)."""
        ...


@runtime_checkable
class Delivering(Protocol):
    """A record keeper that can send queued mail when asked (SMTP or the local outbox)."""

    def deliver_pending(self) -> object:
        """Send what is queued; the result is only logged."""
        ...
