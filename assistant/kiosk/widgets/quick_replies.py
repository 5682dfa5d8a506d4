"""Large quick-reply buttons for the engine's current choices, also chosen with keys 1-9."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.containers import Grid
from textual.message import Message
from textual.widgets import Button

from assistant.engine.reply import Choice
from assistant.kiosk.plain import plain

MAX_NUMBERED = 9
BUTTON_CELLS = 24


class ChoiceButton(Button):
    """One choice; the label shows its number so keyboard users know which key picks it."""

    def __init__(self, choice: Choice, number: int) -> None:
        shown = f"{number}  {choice.label}" if number <= MAX_NUMBERED else choice.label
        super().__init__(plain(shown), classes="choice")
        self.choice = choice


class QuickReplies(Grid):
    """A grid of choice buttons; empty (and taking no room) when there are no choices."""

    DEFAULT_CSS = """
    QuickReplies {
        height: auto;
        grid-size: 3;
        grid-gutter: 0 1;
        grid-rows: auto;
        padding: 0 1;
    }
    QuickReplies.-empty {
        display: none;
    }
    QuickReplies > ChoiceButton {
        width: 1fr;
        min-width: 8;
        height: auto;
        min-height: 3;
    }
    """

    @dataclass
    class Chosen(Message):
        """The client pressed a choice button or its number key."""

        replies: QuickReplies
        choice: Choice

        @property
        def control(self) -> QuickReplies:
            return self.replies

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.choices: tuple[Choice, ...] = ()
        self.add_class("-empty")

    def show(self, choices: Sequence[Choice]) -> None:
        """Replace the buttons with `choices`."""
        self.choices = tuple(choices)
        self.remove_children()
        self.set_class(not self.choices, "-empty")
        self._fit()
        self.mount_all(ChoiceButton(c, i) for i, c in enumerate(self.choices, start=1))

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """As many columns as fit at about 24 cells a button (3 on an 80-column screen)."""
        fit = max(1, (self.size.width or 80) // BUTTON_CELLS)
        self.styles.grid_size_columns = max(1, min(fit, len(self.choices)))

    def choose_number(self, number: int) -> bool:
        """Pick the choice numbered `number` (1-based); False when there is none."""
        if not 1 <= number <= min(len(self.choices), MAX_NUMBERED):
            return False
        self.post_message(self.Chosen(self, self.choices[number - 1]))
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if isinstance(event.button, ChoiceButton):
            event.stop()
            self.post_message(self.Chosen(self, event.button.choice))
