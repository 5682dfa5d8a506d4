"""Display settings: high contrast and large text, both behind the one visible "Display" button."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from assistant.kiosk.app import KioskApp


def _label(name: str, on: bool) -> str:
    return f"{name}: {'ON' if on else 'OFF'}"


class DisplaySettings(ModalScreen[None]):
    """Two switches and Close; the state is written in words, not shown by colour."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Close", show=False)]

    @property
    def kiosk(self) -> KioskApp:
        return cast("KioskApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="display-box", classes="dialog"):
            yield Static("Display", classes="dialog-title")
            yield Button(_label("High contrast", self.kiosk.high_contrast), id="contrast")
            yield Button(_label("Large text", self.kiosk.large_text), id="large")
            yield Button("Close", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#contrast").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "contrast":
            self.kiosk.high_contrast = not self.kiosk.high_contrast
            event.button.label = _label("High contrast", self.kiosk.high_contrast)
        elif event.button.id == "large":
            self.kiosk.large_text = not self.kiosk.large_text
            event.button.label = _label("Large text", self.kiosk.large_text)
        else:
            self.dismiss()
