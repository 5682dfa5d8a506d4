"""Quick replies: the engine's current choices as compact one-row buttons, numbered 1-9.

At 80x24 the seven-button questions menu must leave the conversation at least half the
screen, so each choice takes one row (three with large text) and the buttons flow into as
many columns as their labels allow. The arrow keys move between them; a digit picks one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.message import Message
from textual.widgets import Button

from assistant.engine.reply import Choice
from assistant.ui.plain import plain

MAX_NUMBERED = 9
LABEL_ROOM = 6
"""Cells a button needs around its label: the number, two spaces and a margin."""


class ChoiceButton(Button):
    """One choice; the label shows its number so keyboard users know which key picks it."""

    def __init__(self, choice: Choice, number: int) -> None:
        shown = f"{number}  {choice.label}" if number <= MAX_NUMBERED else choice.label
        super().__init__(plain(shown), classes="choice", compact=True)
        self.choice = choice


class QuickReplies(Grid):
    """A grid of one-row choice buttons; empty (and taking no room) when there are none."""

    DEFAULT_CSS = """
    QuickReplies {
        height: auto;
        grid-gutter: 0 1;
        grid-rows: auto;
        padding: 0 1;
        margin-bottom: 1;
    }
    QuickReplies.-empty {
        display: none;
    }
    QuickReplies > ChoiceButton {
        width: 1fr;
        min-width: 8;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $primary 15%;
        color: $foreground;
        content-align: left middle;
        text-align: left;
        padding: 0 1;
    }
    QuickReplies > ChoiceButton:hover {
        background: $primary 35%;
    }
    QuickReplies > ChoiceButton:focus {
        background: $primary;
        color: $background;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1, 0)", show=False),
        Binding("right", "move(1, 0)", show=False),
        Binding("up", "move(0, -1)", show=False),
        Binding("down", "move(0, 1)", show=False),
    ]

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

    @property
    def columns(self) -> int:
        """How many buttons sit side by side."""
        return max(1, int(self.styles.grid_size_columns or 1))

    def _fit(self) -> None:
        """As many columns as the longest label allows, so no label is cut."""
        if not self.choices:
            return
        longest = max(len(c.label) for c in self.choices) + LABEL_ROOM
        room = max(1, (self.size.width or 80) - 2)
        fit = max(1, (room + 1) // (longest + 1))
        columns = min(fit, len(self.choices))
        # Balance the rows: 7 buttons in 3 columns rather than 4 + 3 in 4 columns.
        rows = -(-len(self.choices) // columns)
        self.styles.grid_size_columns = max(1, -(-len(self.choices) // rows))

    def choose_number(self, number: int) -> bool:
        """Pick the choice numbered `number` (1-based); False when there is none."""
        if not 1 <= number <= min(len(self.choices), MAX_NUMBERED):
            return False
        self.post_message(self.Chosen(self, self.choices[number - 1]))
        return True

    def focus_first(self) -> None:
        """Put the focus on the first choice (when there is nothing to type)."""
        buttons = self.query(ChoiceButton)
        if buttons:
            buttons.first().focus()

    def action_move(self, dx: int, dy: int) -> None:
        """Arrow keys: the next button left, right, above or below the focused one."""
        buttons = list(self.query(ChoiceButton))
        focused = self.screen.focused
        if focused not in buttons:
            return
        index = buttons.index(focused) + dx + dy * self.columns
        if 0 <= index < len(buttons):
            buttons[index].focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if isinstance(event.button, ChoiceButton):
            event.stop()
            self.post_message(self.Chosen(self, event.button.choice))
