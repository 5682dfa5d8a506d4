"""The "Are you still there?" countdown shown before the kiosk starts over."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.ui.words import say


class IdleWarning(ModalScreen[None]):
    """A visible countdown; any key, tap or the button keeps the session going."""

    def __init__(self, seconds_left: int) -> None:
        super().__init__()
        self._seconds_left = seconds_left
        self._closed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-box", classes="dialog"):
            yield Static(say("idle.title"), classes="dialog-title")
            yield Static(self._countdown_text(self._seconds_left), id="countdown")
            yield Button(say("idle.button"), id="still-here", variant="primary")

    @staticmethod
    def _countdown_text(seconds: int) -> str:
        unit = say("idle.second" if seconds == 1 else "idle.seconds")
        return say("idle.countdown", seconds=seconds, unit=unit)

    def on_mount(self) -> None:
        self.query_one("#still-here").focus()

    def count(self, seconds_left: int) -> None:
        """Update the countdown."""
        self._seconds_left = seconds_left
        self.query_one("#countdown", Static).update(self._countdown_text(seconds_left))

    def close(self) -> None:
        """Take the countdown away, once. A tap both dismisses it (here) and makes the client
        active (the app's idle check closes it too): `dismiss` pops whatever screen is on top,
        so a second one would pop the kiosk's own screen and leave the client a blank one."""
        if self._closed or not self.is_active:
            return
        self._closed = True
        self.dismiss()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.close()

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.close()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.close()
