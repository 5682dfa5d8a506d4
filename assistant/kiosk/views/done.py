"""The end view: the engine's words, the reference code boxed, what was signed, the choices.

The engine's message says what happened and how to take consent back later; the box repeats
the reference code where it is easy to copy down, and after signing the form is shown again.
Those are personal details, and the next person in the waiting room must not read them: they
leave the screen `kiosk.details_seconds` after the view appeared, or at the first key press
or tap after it (reading with the wheel does not count), whichever comes first. What stays is
one neutral sentence and the choices.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from assistant.engine.reply import Reply
from assistant.kiosk.views.chat import numbered
from assistant.kiosk.widgets.quick_replies import QuickReplies
from assistant.ui.chat_log import ChatLog
from assistant.ui.plain import plain
from assistant.ui.type_box import TypeBox
from assistant.ui.words import say


class ReferenceCode(Static):
    """The consent's reference code, large and boxed, for the client to note down."""


class AgreedText(Static):
    """The form as signed."""


class DoneView(Vertical):
    """An ending: messages, the reference and how to revoke, what was signed, the choices."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.details_until: datetime | None = None
        """When the personal details leave the screen (None: none are showing)."""
        self._armed = False

    def compose(self) -> ComposeResult:
        yield ChatLog(follow_start=True, classes="latest")
        yield ReferenceCode(id="reference", classes="-hidden", markup=False)
        with VerticalScroll(id="agreed", classes="-hidden") as agreed:
            agreed.border_title = say("reader.signed_title")
            yield AgreedText(markup=False)
        yield QuickReplies()
        yield TypeBox()

    def show(self, reply: Reply, signed_form: str | None, now: datetime, keep: float) -> None:
        """Show the ending; `signed_form` is the form the client signed. The details stay for
        `keep` seconds from `now` at most."""
        latest = self.query_one(ChatLog)
        latest.clear()
        latest.add_assistant(*reply.messages)
        code = self.query_one(ReferenceCode)
        code.set_class(not reply.reference, "-hidden")
        code.update(plain(f"Your reference code:  {reply.reference or ''}"))
        self.query_one("#agreed").set_class(not signed_form, "-hidden")
        self.query_one(AgreedText).update(plain(signed_form or ""))
        self.query_one(QuickReplies).show(reply.choices)
        self.query_one(TypeBox).ask_for(reply.input_kind, numbered(reply))
        self.details_until = now + timedelta(seconds=keep)
        self._armed = False
        # Input already on its way (the key or tap that led here) must not count as "next".
        self.call_after_refresh(self._arm)

    def _arm(self) -> None:
        self._armed = True

    @property
    def details_showing(self) -> bool:
        """True while the name, the reference or the signed form may be on screen."""
        return self.details_until is not None

    def details_check(self, now: datetime) -> bool:
        """Take the details off the screen if their time is up; True when that happened."""
        if self.details_until is not None and now >= self.details_until:
            self.hide_details()
            return True
        return False

    def touched(self) -> bool:
        """The client pressed a key or tapped: the details leave. True when they did."""
        if self.details_until is not None and self._armed:
            self.hide_details()
            return True
        return False

    def hide_details(self) -> None:
        """Replace the messages, the code and the form with one neutral sentence."""
        self.details_until = None
        latest = self.query_one(ChatLog)
        latest.clear()
        latest.add_notice(say("notice.details_hidden"))
        self.query_one(ReferenceCode).update("")
        self.query_one(ReferenceCode).add_class("-hidden")
        self.query_one(AgreedText).update("")
        self.query_one("#agreed").add_class("-hidden")

    def focus_input(self) -> None:
        """Start in the text box (digits pick a choice), or on the first choice."""
        box = self.query_one(TypeBox)
        if box.has_class("-hidden"):
            self.query_one(QuickReplies).focus_first()
        else:
            box.input.focus()
