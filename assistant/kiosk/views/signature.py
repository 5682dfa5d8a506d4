"""The signature view: the e-signature notice, a pad to draw on (optional) and the typed full
name that signs. The notice starts at its first line; "Read it all" opens it full height."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button

from assistant.engine.outcome import Stroke
from assistant.engine.reply import Reply
from assistant.kiosk.screens.reader import Reader
from assistant.kiosk.views.chat import numbered
from assistant.kiosk.views.review import ReaderButton
from assistant.kiosk.widgets.quick_replies import QuickReplies
from assistant.kiosk.widgets.signature_pad import SignaturePad
from assistant.ui.chat_log import ChatLog
from assistant.ui.type_box import TypeBox
from assistant.ui.words import say


class SignatureView(Vertical):
    """Draw (Clear / Done), then type the full name and press Sign. The name alone also signs."""

    @dataclass
    class Signed(Message):
        """The client sent their typed name, with whatever they drew."""

        view: SignatureView
        name: str
        strokes: Sequence[Stroke]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._notice = ""

    def compose(self) -> ComposeResult:
        yield ChatLog(follow_start=True, classes="latest")
        yield ReaderButton(say("reader.notice_button"), id="read-notice")
        with Horizontal(id="pad-row"):
            with Vertical(id="pad-frame") as frame:
                frame.border_title = "Your signature"
                yield SignaturePad()
            with Vertical(id="pad-buttons"):
                yield Button("Clear", id="clear-pad", compact=True)
                yield Button("Done", id="done-pad", compact=True)
        yield QuickReplies()
        yield TypeBox("Sign")

    def show(self, reply: Reply) -> None:
        """Show the reply's messages and choices; keep what was drawn."""
        self._notice = "\n\n".join(reply.messages)
        latest = self.query_one(ChatLog)
        latest.clear()
        latest.add_assistant(*reply.messages)
        self.query_one(QuickReplies).show(reply.choices)
        self.query_one(TypeBox).ask_for("signature", numbered(reply))

    def _read(self, result: None = None) -> None:
        """Back from the reader: the cursor goes where the client answers."""
        self.focus_input()

    def focus_input(self) -> None:
        """The typed name is what signs, so the cursor starts there."""
        self.query_one(TypeBox).input.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "clear-pad":
            event.stop()
            self.query_one(SignaturePad).clear()
        elif event.button.id == "done-pad":
            event.stop()
            self.focus_input()
        elif event.button.id == "read-notice":
            event.stop()
            self.app.push_screen(Reader(say("reader.notice_title"), self._notice), self._read)

    def on_type_box_sent(self, event: TypeBox.Sent) -> None:
        event.stop()
        self.post_message(self.Signed(self, event.text, self.query_one(SignaturePad).strokes))

    def clear_name(self) -> None:
        """Empty the name box once the engine took the name."""
        self.query_one(TypeBox).clear()
