"""The chat: assistant bubbles on the left, the client's on the right.

The bubble classes are empty Static subclasses that exist as CSS selectors (as in Textual's
examples/mother.py). Every bubble holds `plain` Content: client text is never markup.

In the kiosk a new answer is shown from its START: a long answer anchored to the bottom hides
its first lines, which are the ones that matter. So the kiosk's log is not anchored; after
each assistant bubble it scrolls so that the bubble's first line is in view (the whole bubble
when it fits), even after the client scrolled up. The rehearsal screen keeps the anchored
behaviour, anchored to the newest line (the default, `follow_start=False`).
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from assistant.ui.plain import plain


class AssistantMessage(Static):
    """What the assistant said."""

    BORDER_TITLE = "Assistant"


class ClientMessage(Static):
    """What the client typed or pressed."""

    BORDER_TITLE = "You"


class NoticeMessage(Static):
    """A short note from the engine about the client's input (for example: it was cut)."""


class ChatLog(VerticalScroll, can_focus=False):
    """The conversation so far; never takes the focus (the typing box keeps it).

    The wheel, a finger or Page Up / Page Down (bound on the screen) scroll it.
    """

    DEFAULT_CSS = """
    ChatLog {
        height: 1fr;
        padding: 0 1;
    }
    ChatLog > AssistantMessage, ChatLog > ClientMessage {
        padding: 0 1;
        border-title-align: left;
    }
    ChatLog > AssistantMessage {
        border: round $primary;
        background: $boost;
        margin: 0 6 1 0;
    }
    ChatLog > ClientMessage {
        border: round $secondary;
        border-title-align: right;
        margin: 0 0 1 6;
    }
    ChatLog > NoticeMessage {
        color: $text-muted;
        text-style: italic;
        margin: 0 0 1 2;
    }
    """

    def __init__(
        self, *, follow_start: bool = False, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.follow_start = follow_start

    def on_mount(self) -> None:
        if not self.follow_start:
            self.anchor()

    def add_assistant(self, *messages: str) -> None:
        """Append one assistant bubble holding `messages` (one reply), a blank line apart,
        and show its first line."""
        if messages:
            bubble = AssistantMessage(plain("\n\n".join(messages)), markup=False)
            self.mount(bubble)
            if self.follow_start:
                self.call_after_refresh(self.show_start, bubble)

    def add_client(self, text: str) -> None:
        """Append the client's words exactly as typed (shown literally)."""
        self._add_at_end(ClientMessage(plain(text), markup=False))

    def add_notice(self, text: str) -> None:
        """Append a note about the client's last input."""
        self._add_at_end(NoticeMessage(plain(text), markup=False))

    def _add_at_end(self, widget: Widget) -> None:
        self.mount(widget)
        if self.follow_start:
            self.call_after_refresh(self.scroll_end, animate=False, immediate=True)

    def show_start(self, bubble: Widget, again: bool = True) -> None:
        """Scroll so that `bubble` is in view: whole if it fits, else from its first line; with
        `again`, once more after the next refresh. On a busy machine the bubble just mounted may
        not be laid out at the first refresh, and scrolling to an end measured without all of
        it left its last lines below the screen (a kiosk snapshot test caught it once in CI);
        the second look scrolls to where the bubble really ends, and moves nothing when the
        first was right."""
        if not bubble.is_attached:
            return
        if again:
            self.call_after_refresh(self.show_start, bubble, False)
        if self.children and self.children[0] is bubble:
            self.scroll_home(animate=False, immediate=True)
            return
        if bubble.outer_size.height <= self.scrollable_content_region.height:
            self.scroll_end(animate=False, immediate=True)
        else:
            self.scroll_to_widget(bubble, top=True, animate=False, immediate=True)

    def clear(self) -> None:
        """Remove every message (personal details leaving the screen)."""
        self.remove_children()
