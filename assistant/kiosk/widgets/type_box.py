"""The typing row: a text box and a Send button (so a pointer alone can send too)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input

from assistant.engine.reply import InputKind
from assistant.kiosk.widgets.client_input import ClientInput

PLACEHOLDERS: dict[str, str] = {
    "text": "Type a question or an answer, then press Enter",
    "name": "Type your name, then press Enter",
    "email": "Type your email address, then press Enter",
    "code": "Type your reference code, for example K7QM-3XPD",
    "signature": "Type your full name to sign, then press Enter",
}


class TypeBox(Horizontal):
    """Posts `Sent` with the typed text; the owner clears it once the text was taken."""

    DEFAULT_CSS = """
    TypeBox {
        height: auto;
        padding: 0 1;
    }
    TypeBox.-hidden {
        display: none;
    }
    TypeBox > ClientInput {
        width: 1fr;
    }
    TypeBox > Button {
        min-width: 10;
        margin-left: 1;
    }
    """

    @dataclass
    class Sent(Message):
        """The client pressed Enter or Send with some text in the box."""

        box: TypeBox
        text: str

        @property
        def control(self) -> TypeBox:
            return self.box

    def __init__(self, button: str = "Send", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._button = button

    def compose(self) -> ComposeResult:
        yield ClientInput(PLACEHOLDERS["text"])
        yield Button(self._button, classes="send")

    @property
    def input(self) -> ClientInput:
        """The text box."""
        return self.query_one(ClientInput)

    def ask_for(self, kind: InputKind, number_keys: bool) -> None:
        """Set the placeholder for `kind`; hide the row when nothing is to be typed."""
        self.set_class(kind == "none", "-hidden")
        self.input.placeholder = PLACEHOLDERS.get(kind, PLACEHOLDERS["text"])
        self.input.number_keys = number_keys

    def clear(self) -> None:
        """Empty the box (after the text was sent)."""
        self.input.clear()

    def _send(self) -> None:
        text = self.input.value
        if text.strip():
            self.post_message(self.Sent(self, text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._send()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._send()
