"""The chat view: the whole conversation, the current choices and the typing row."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from assistant.engine.reply import Reply
from assistant.kiosk.widgets.quick_replies import MAX_NUMBERED, QuickReplies
from assistant.ui.chat_log import ChatLog
from assistant.ui.type_box import TypeBox


def numbered(reply: Reply) -> int:
    """How many of the reply's choices a digit key can pick."""
    return min(len(reply.choices), MAX_NUMBERED)


class ChatView(Vertical):
    """Assistant messages left, the client's right, each new answer from its start; choices;
    a text box."""

    def compose(self) -> ComposeResult:
        yield ChatLog(follow_start=True)
        yield QuickReplies()
        yield TypeBox()

    def show(self, reply: Reply) -> None:
        """Append the reply's messages and show its choices and the kind of input it wants."""
        self.query_one(ChatLog).add_assistant(*reply.messages)
        self.query_one(QuickReplies).show(reply.choices)
        self.query_one(TypeBox).ask_for(reply.input_kind, numbered(reply))

    def echo(self, text: str) -> None:
        """Show what the client sent, on the client's side."""
        self.query_one(ChatLog).add_client(text)

    def focus_input(self) -> None:
        """The cursor goes to the text box (or the first choice when nothing is typed)."""
        box = self.query_one(TypeBox)
        if box.has_class("-hidden"):
            self.query_one(QuickReplies).focus_first()
        else:
            box.input.focus()
