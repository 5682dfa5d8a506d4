"""The clinician's way out: a PIN checked against the salted hash, slower after each wrong try."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from assistant.ui.client_input import ClientInput

if TYPE_CHECKING:
    from assistant.kiosk.app import KioskApp

MAX_PIN = 32


class PinScreen(ModalScreen[None]):
    """Asks for the PIN; the app leaves on the right one, and waits longer after each wrong one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Cancel", show=False)]

    @property
    def kiosk(self) -> KioskApp:
        return cast("KioskApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box", classes="dialog"):
            yield Static("Clinician exit", classes="dialog-title")
            yield Static("Enter the clinician PIN to close the kiosk.", id="pin-help")
            yield ClientInput("PIN", id="pin", password=True, max_length=MAX_PIN)
            yield Static("", id="pin-status")
            with Horizontal(id="pin-buttons"):
                yield Button("Unlock", id="unlock", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._waiting = False
        self.query_one("#pin").focus()
        self.show_wait()
        self.set_interval(1.0, self.show_wait)

    def show_wait(self) -> bool:
        """Say how long to wait before the next try; True while the PIN may not be tried."""
        wait = self.kiosk.pin_wait()
        status = self.query_one("#pin-status", Static)
        if wait:
            status.update(f"Wrong PIN. You can try again in {wait} s.")
        elif self._waiting:
            status.update("Wrong PIN. You can try again now.")
        self._waiting = bool(wait)
        return self._waiting

    def _try(self) -> None:
        pin_input = self.query_one("#pin", Input)
        pin = pin_input.value
        if not pin or self.show_wait():
            return
        pin_input.clear()
        self.query_one("#pin-status", Static).update("Checking…")
        self.kiosk.check_pin(pin)

    @on(Input.Submitted, "#pin")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._try()

    @on(Button.Pressed, "#unlock")
    def _unlock(self) -> None:
        self._try()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()
