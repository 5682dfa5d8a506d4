"""A full-height reader for long texts: the form at review, the e-signature notice, the signed
form. At 80x24 the views give such texts a few rows; here they get the whole screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.ui.plain import plain
from assistant.ui.words import say


class ReaderText(Static):
    """The text being read (plain, never markup)."""


class Reader(ModalScreen[None]):
    """Scroll with arrows, Page Up / Page Down, the wheel or a finger; Close or Esc returns."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", show=False),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title = title
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="reader-box"):
            with VerticalScroll(id="reader-scroll") as scroll:
                scroll.border_title = plain(self._title)
                yield ReaderText(plain(self._text), markup=False)
            with Horizontal(id="reader-bar"):
                yield Static(say("reader.help"), id="reader-help")
                yield Button(say("reader.close"), id="reader-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#reader-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()
