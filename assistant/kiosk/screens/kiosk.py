"""The one screen a client sees: a top bar (title, progress, Display, Stop) and the views.

It forwards what the client does to the app (`KioskApp.send_text` and friends) and renders
whatever Reply the app hands back; it keeps no conversation state of its own.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Input, Static

from assistant.engine.reply import Reply
from assistant.kiosk.views import ViewName
from assistant.kiosk.views.chat import ChatView
from assistant.kiosk.views.done import DoneView
from assistant.kiosk.views.review import ReviewView
from assistant.kiosk.views.signature import SignatureView
from assistant.kiosk.widgets.progress import StepProgress
from assistant.kiosk.widgets.quick_replies import QuickReplies
from assistant.ui.chat_log import ChatLog
from assistant.ui.client_input import ClientInput
from assistant.ui.plain import plain
from assistant.ui.type_box import TypeBox
from assistant.ui.words import say

if TYPE_CHECKING:
    from assistant.kiosk.app import KioskApp

View = ChatView | ReviewView | SignatureView | DoneView
_VIEWS: dict[ViewName, type[View]] = {
    "chat": ChatView,
    "review": ReviewView,
    "signature": SignatureView,
    "done": DoneView,
}


class Title(Static):
    """The practice's name. Three quick taps on it open the clinician's PIN (touch-only exit)."""

    def on_click(self, event: events.Click) -> None:
        if event.chain >= 3:
            event.stop()
            cast("KioskApp", self.app).action_clinician()


class KioskScreen(Screen[None]):
    """Renders Replies into the current view; digits pick the numbered choices (the rule is
    `ClientInput.picks`, the same wherever the focus is)."""

    AUTO_FOCUS = "ChatView ClientInput"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "scroll_log(-1)", show=False),
        Binding("pagedown", "scroll_log(1)", show=False),
    ]

    def __init__(self, practice: str) -> None:
        super().__init__()
        self._practice = practice
        self.view_name: ViewName = "chat"
        self._form: str | None = None

    @property
    def kiosk(self) -> KioskApp:
        return cast("KioskApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Title(plain(self._practice), id="title", markup=False)
            yield StepProgress(id="progress")
            yield Static("One moment…", id="busy")
            yield Button("Aa Display", id="display", tooltip="Larger text or higher contrast")
            yield Button("Stop", id="stop", variant="error", tooltip="Stop at any time")
        # The other views are mounted the first time a reply needs them: a quicker first screen.
        with ContentSwitcher(initial="chat", id="views"):
            yield ChatView(id="chat")

    # ------------------------------------------------------------ rendering

    @property
    def current_view(self) -> View:
        return cast(View, self.query_one(f"#{self.view_name}"))

    async def show(self, reply: Reply, view: ViewName, now: datetime) -> None:
        """Render `reply` in `view` (the chat log keeps the conversation until an ending's
        details leave the screen); `now` starts the done view's details time."""
        if not self.query_one(ChatView).query_one(ChatLog).is_attached:
            return  # the app is closing
        shown = await self._view(view)
        if reply.form is not None:
            self._form = reply.form
        self.query_one(ChatView).show(reply)
        if view == "done":
            signed = self._form if reply.top_state == "signed" else None
            keep = self.kiosk.config.kiosk.details_seconds
            cast(DoneView, shown).show(reply, signed, now, keep)
        elif view != "chat":
            cast(ReviewView | SignatureView, shown).show(reply)
        self.query_one(StepProgress).show(reply.progress, reply.step, reply.steps)
        self.view_name = view
        self.query_one(ContentSwitcher).current = view
        # The conversation moved on: the cursor goes back to where the client answers.
        self.call_after_refresh(self.current_view.focus_input)

    async def _view(self, view: ViewName) -> View:
        """The view named `view`, mounted the first time it is needed. The widget mounted here
        is the one returned, so a view still being laid out (or a restyle such as Large text
        arriving at the same moment) is never looked up by a query that cannot see it yet."""
        found = self.query(f"#{view}")
        if found:
            return cast(View, found.first())
        widget = _VIEWS[view](id=view)
        await self.query_one(ContentSwitcher).mount(widget)
        return widget

    def echo(self, text: str) -> None:
        """Show the client's own words in the chat."""
        self.query_one(ChatView).echo(text)

    def apologise(self, text: str) -> None:
        """Say that something failed, without changing the view or the choices."""
        self.query_one(ChatView).query_one(ChatLog).add_notice(text)
        if self.view_name != "chat":
            self.current_view.query_one(ChatLog).add_notice(text)

    def details_check(self, now: datetime) -> None:
        """Once a second: the done view's personal details leave when their time is up."""
        done = self._done_view()
        if done is not None and done.details_check(now):
            self._forget_conversation()

    def details_touched(self) -> None:
        """A key press or a tap: on the done view, the personal details leave now."""
        done = self._done_view()
        if done is not None and done.touched():
            self._forget_conversation()

    def _done_view(self) -> DoneView | None:
        """The done view when it is showing; None otherwise, and while the app closes (its
        widgets are being removed while a last tick or key may still arrive)."""
        if self.view_name != "done":
            return None
        return next(iter(self.query(DoneView)), None)

    def _forget_conversation(self) -> None:
        """The whole conversation (name, questions, the form) leaves the hidden views too: the
        chat is emptied, the review and signature views are dropped (mounted again if needed)."""
        self.query_one(ChatView).query_one(ChatLog).clear()
        for view in ("review", "signature"):
            for widget in self.query(f"#{view}"):
                widget.remove()
        self._form = None

    def set_busy(self, busy: bool) -> None:
        """Show "One moment…" while the engine works (a class on the screen would restyle all)."""
        self.query_one("#busy").display = busy

    # ------------------------------------------------------------ input

    def on_key(self, event: events.Key) -> None:
        """Keys that reach the screen instead of the text box are never lost.

        The focus is on a button, the form or the pad: a digit picks a choice by the same rule
        as in the text box, other typing goes to the box. Or the keys were sent to the screen
        while nothing had the focus (a tap outside every widget) and the box has it again now:
        they are handed on to it, in order.
        """
        focused = self.focused
        if isinstance(focused, ClientInput):
            if focused.last_key is not event:
                event.stop()
                focused.post_message(events.Key(event.key, event.character))
            return
        character = event.character
        if not (event.is_printable and character) or isinstance(focused, Input):
            return
        boxes = self.current_view.query(TypeBox)
        box = boxes.first() if boxes else None
        if box is None or box.has_class("-hidden"):
            if character.isdigit():
                event.stop()
                self.action_choose(int(character))
            return
        event.stop()
        self.set_focus(box.input)
        box.input.post_message(events.Key(event.key, character))

    def watch_focused(self, focused: Widget | None) -> None:
        """Nothing ever keeps the focus away from the client: a tap on a bubble cannot take it
        (the chat is not focusable), and a tap outside every widget, which leaves nothing
        focused, gives it back to the text box at once."""
        if focused is None and self.is_attached and self.app.screen is self:
            self.call_later(self._refocus)

    def _refocus(self) -> None:
        if self.focused is None and self.is_attached and self.query(f"#{self.view_name}"):
            self.current_view.focus_input()

    def action_scroll_log(self, direction: int) -> None:
        """Page Up / Page Down scroll the conversation, wherever the cursor is."""
        logs = self.current_view.query(ChatLog)
        if logs:
            log = logs.first()
            if direction < 0:
                log.scroll_page_up(animate=False)
            else:
                log.scroll_page_down(animate=False)

    def action_choose(self, number: int) -> None:
        self.current_view.query_one(QuickReplies).choose_number(number)

    @on(ClientInput.NumberPressed)
    def _number(self, event: ClientInput.NumberPressed) -> None:
        self.action_choose(event.number)

    @on(ClientInput.Cut)
    def _cut(self, event: ClientInput.Cut) -> None:
        self.apologise(say("notice.paste_cut", kept=event.kept))

    @on(QuickReplies.Chosen)
    def _chosen(self, event: QuickReplies.Chosen) -> None:
        self.kiosk.send_choice(event.choice)

    @on(TypeBox.Sent)
    def _sent(self, event: TypeBox.Sent) -> None:
        if self.kiosk.send_text(event.text):
            event.box.clear()

    @on(SignatureView.Signed)
    def _signed(self, event: SignatureView.Signed) -> None:
        if self.kiosk.send_signature(event.name, event.strokes):
            event.view.clear_name()

    @on(Button.Pressed, "#stop")
    def _stop(self) -> None:
        self.kiosk.action_stop()

    @on(Button.Pressed, "#display")
    def _display(self) -> None:
        self.kiosk.action_display()
