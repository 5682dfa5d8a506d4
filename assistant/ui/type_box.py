"""The typing row: a text box and a Send button (so a pointer alone can send too)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input

from assistant.engine.reply import InputKind
from assistant.ui.client_input import ClientInput
from assistant.ui.words import say


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
        yield ClientInput(say("placeholder.text"))
        yield Button(self._button, classes="send")

    @property
    def input(self) -> ClientInput:
        """The text box."""
        return self.query_one(ClientInput)

    def ask_for(self, kind: InputKind, choices: int) -> None:
        """Set the placeholder for `kind` and how many numbered choices digits may pick; hide
        the row when nothing is to be typed."""
        self.set_class(kind == "none", "-hidden")
        self.input.placeholder = say(f"placeholder.{kind if kind != 'none' else 'text'}")
        self.input.kind = kind
        self.input.choices = choices

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
