"""The end view: the engine's words, the reference code boxed, what was signed, and the choices.

The engine's message says what happened and how to take consent back later; the box repeats
the reference code where it is easy to copy down. After signing, the form the client just
signed is shown again: that is what was agreed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from assistant.engine.reply import Reply
from assistant.kiosk.plain import plain
from assistant.kiosk.widgets.chat_log import ChatLog
from assistant.kiosk.widgets.quick_replies import QuickReplies
from assistant.kiosk.widgets.type_box import TypeBox


class ReferenceCode(Static):
    """The consent's reference code, large and boxed, for the client to note down."""


class AgreedText(Static):
    """The form as signed."""


class DoneView(Vertical):
    """An ending: messages, the reference and how to revoke, what was signed, the choices."""

    def compose(self) -> ComposeResult:
        yield ChatLog(classes="latest")
        yield ReferenceCode(id="reference", classes="-hidden", markup=False)
        with VerticalScroll(id="agreed", classes="-hidden") as agreed:
            agreed.border_title = "What you agreed to (the form you signed)"
            yield AgreedText(markup=False)
        yield QuickReplies()
        yield TypeBox()

    def show(self, reply: Reply, signed_form: str | None = None) -> None:
        """Show the ending the engine reached; `signed_form` is the form the client signed."""
        latest = self.query_one(ChatLog)
        latest.remove_children()
        latest.add_assistant(*reply.messages)
        code = self.query_one(ReferenceCode)
        code.set_class(not reply.reference, "-hidden")
        code.update(plain(f"Your reference code:  {reply.reference or ''}"))
        self.query_one("#agreed").set_class(not signed_form, "-hidden")
        self.query_one(AgreedText).update(plain(signed_form or ""))
        self.query_one(QuickReplies).show(reply.choices)
        self.query_one(TypeBox).ask_for(
            reply.input_kind, number_keys=bool(reply.choices) and reply.input_kind == "text"
        )

    def focus_input(self) -> None:
        """Start in the text box (number keys pick a choice), or on the first choice."""
        box = self.query_one(TypeBox)
        if box.has_class("-hidden"):
            self.query_one(QuickReplies).focus()
        else:
            box.input.focus()
