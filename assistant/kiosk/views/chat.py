"""The chat view: the whole conversation, the current choices and the typing row."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from assistant.engine.reply import Reply
from assistant.kiosk.widgets.chat_log import ChatLog
from assistant.kiosk.widgets.quick_replies import QuickReplies
from assistant.kiosk.widgets.type_box import TypeBox


class ChatView(Vertical):
    """Assistant messages left, the client's right, newest in view; choices; a text box."""

    def compose(self) -> ComposeResult:
        yield ChatLog()
        yield QuickReplies()
        yield TypeBox()

    def show(self, reply: Reply) -> None:
        """Append the reply's messages and show its choices and the kind of input it wants."""
        log = self.query_one(ChatLog)
        log.add_assistant(*reply.messages)
        self.query_one(QuickReplies).show(reply.choices)
        self.query_one(TypeBox).ask_for(
            reply.input_kind, number_keys=bool(reply.choices) and reply.input_kind == "text"
        )

    def echo(self, text: str) -> None:
        """Show what the client sent, on the client's side."""
        self.query_one(ChatLog).add_client(text)

    def focus_input(self) -> None:
        """Put the cursor in the text box (or on the first choice when nothing is typed)."""
        box = self.query_one(TypeBox)
        if box.has_class("-hidden"):
            self.query_one(QuickReplies).focus()
        else:
            box.input.focus()
