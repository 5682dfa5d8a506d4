"""The review view: the whole form the client is about to sign, scrollable, and the choices."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from assistant.engine.reply import Reply
from assistant.kiosk.plain import plain
from assistant.kiosk.widgets.chat_log import ChatLog
from assistant.kiosk.widgets.quick_replies import QuickReplies
from assistant.kiosk.widgets.type_box import TypeBox


class FormText(Static):
    """The form's text exactly as it will be signed (plain, never markup)."""


class ReviewView(Vertical):
    """The assistant's latest words, the form, the choices, and a box for questions."""

    def compose(self) -> ComposeResult:
        yield ChatLog(classes="latest")
        with VerticalScroll(id="form-scroll") as scroll:
            scroll.border_title = "The form you are about to sign"
            scroll.border_subtitle = "Scroll to read it all"
            yield FormText(markup=False)
        yield QuickReplies()
        yield TypeBox()

    def show(self, reply: Reply) -> None:
        """Show the reply's messages, its form and its choices."""
        latest = self.query_one(ChatLog)
        latest.remove_children()
        latest.add_assistant(*reply.messages)
        self.query_one(FormText).update(plain(reply.form or ""))
        self.query_one(QuickReplies).show(reply.choices)
        self.query_one(TypeBox).ask_for(reply.input_kind, number_keys=True)

    def focus_input(self) -> None:
        """Focus the form, so arrow and page keys scroll it; number keys pick a choice."""
        self.query_one("#form-scroll").focus()
