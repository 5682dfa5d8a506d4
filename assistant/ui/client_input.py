"""The text box where the client types: capped length, and digits that pick a quick reply.

The rule for digits, the same in every view: in an EMPTY box, a digit that numbers a quick
reply on screen picks that reply ("1" at the email step picks "1 Skip"); any other digit, or
a digit after the first character, is typed. The one exception is the reference-code box,
where digits that can start a code (3 4 6 7 9) are always typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

from assistant.engine.outcome import REFERENCE_ALPHABET
from assistant.engine.reply import InputKind
from assistant.engine.text import MAX_INPUT

DIGITS = "123456789"
CODE_DIGITS = "".join(ch for ch in REFERENCE_ALPHABET if ch.isdigit())


class ClientInput(Input):
    """An Input whose empty state lets digits press the numbered choices (see the module)."""

    @dataclass
    class NumberPressed(Message):
        """A digit that numbers a choice was pressed while the box was empty."""

        input: ClientInput
        number: int

        @property
        def control(self) -> ClientInput:
            return self.input

    @dataclass
    class Cut(Message):
        """A paste was longer than the box takes; the first `kept` characters were kept."""

        input: ClientInput
        kept: int

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
        self.choices = 0
        """How many numbered quick replies are on screen (0: digits always type)."""
        self.kind: InputKind = "text"
        self.last_key: events.Key | None = None
        """The last key this box received (the screen hands on keys it did not)."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)

    def picks(self, character: str) -> bool:
        """True when typing `character` now picks a quick reply instead (the module's rule)."""
        if self.value or len(character) != 1 or character not in DIGITS:
            return False
        if self.kind == "code" and character in CODE_DIGITS:
            return False
        return int(character) <= self.choices

    def on_key(self, event: events.Key) -> None:
        self.last_key = event
        if event.character and self.picks(event.character):
            event.stop()
            event.prevent_default()
            self.post_message(self.NumberPressed(self, int(event.character)))

    def _on_paste(self, event: events.Paste) -> None:
        """Paste the text on one line; past the cap, keep the first part and say so. (Input's
        own handler keeps only the first line and drops an over-long paste silently.)"""
        event.stop()
        event.prevent_default()
        text = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if not text:
            return
        start, end = sorted(self.selection)
        room = (self.max_length or MAX_INPUT) - (len(self.value) - (end - start))
        kept = text[: max(0, room)]
        if kept:
            self.replace(kept, start, end)
        if len(kept) < len(text):
            self.post_message(self.Cut(self, len(self.value)))
