"""The review view: the whole form the client is about to sign, scrollable, and the choices.

At 80x24 the form gets about ten rows here; "Read the whole form" opens it full height.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from assistant.engine.reply import Reply
from assistant.kiosk.screens.reader import Reader
from assistant.kiosk.views.chat import numbered
from assistant.kiosk.widgets.quick_replies import QuickReplies
from assistant.ui.chat_log import ChatLog
from assistant.ui.plain import plain
from assistant.ui.type_box import TypeBox
from assistant.ui.words import say


class FormText(Static):
    """The form's text exactly as it will be signed (plain, never markup)."""


class ReaderButton(Button):
    """A one-row button that opens a long text full height."""

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(label, id=id, classes="reader-button", compact=True)


class ReviewView(Vertical):
    """The assistant's latest words, the form, the choices, and a box for questions."""

    def compose(self) -> ComposeResult:
        yield ChatLog(follow_start=True, classes="latest")
        with VerticalScroll(id="form-scroll") as scroll:
            scroll.border_title = say("reader.form_title")
            yield FormText(markup=False)
        yield ReaderButton(say("reader.form_button"), id="read-form")
        yield QuickReplies()
        yield TypeBox()

    def show(self, reply: Reply) -> None:
        """Show the reply's messages, its form and its choices."""
        latest = self.query_one(ChatLog)
        latest.clear()
        latest.add_assistant(*reply.messages)
        self.query_one(FormText).update(plain(reply.form or ""))
        self.query_one("#form-scroll").scroll_home(animate=False)
        self.query_one(QuickReplies).show(reply.choices)
        self.query_one(TypeBox).ask_for(reply.input_kind, numbered(reply))

    def _read(self, result: None = None) -> None:
        """Back from the reader: the cursor goes where the client answers."""
        self.focus_input()

    def focus_input(self) -> None:
        """Focus the form, so arrow and page keys scroll it; digits pick a choice."""
        self.query_one("#form-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "read-form":
            event.stop()
            text = str(self.query_one(FormText).content)
            self.app.push_screen(Reader(say("reader.form_title"), text), self._read)
