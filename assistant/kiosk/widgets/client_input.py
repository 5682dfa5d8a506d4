"""The text box where the client types: capped length, number keys pick a choice when empty."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

from assistant.engine.text import MAX_INPUT

DIGITS = "123456789"


class ClientInput(Input):
    """An Input whose empty state lets keys 1-9 press the numbered choices.

    `number_keys` is switched on by the view only when choices are showing and the client is
    asked for free text (never for a name, an email or a code, which may start with a digit).
    """

    @dataclass
    class NumberPressed(Message):
        """A number key was pressed while the box was empty."""

        input: ClientInput
        number: int

        @property
        def control(self) -> ClientInput:
            return self.input

    def __init__(
        self,
        placeholder: str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
        password: bool = False,
        max_length: int = MAX_INPUT,
    ) -> None:
        super().__init__(
            placeholder=placeholder,
            id=id,
            classes=classes,
            password=password,
            max_length=max_length,
            select_on_focus=False,
        )
        self.number_keys = False

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)

    def on_key(self, event: events.Key) -> None:
        if self.number_keys and not self.value and event.character and event.character in DIGITS:
            event.stop()
            event.prevent_default()
            self.post_message(self.NumberPressed(self, int(event.character)))
