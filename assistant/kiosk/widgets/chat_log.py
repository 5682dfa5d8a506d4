"""The chat: assistant bubbles on the left, the client's on the right, the newest in view.

The bubble classes are empty Static subclasses that exist as CSS selectors (as in Textual's
examples/mother.py). Every bubble holds `plain` Content: client text is never markup.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from assistant.kiosk.plain import plain


class AssistantMessage(Static):
    """What the assistant said."""

    BORDER_TITLE = "Assistant"


class ClientMessage(Static):
    """What the client typed or pressed."""

    BORDER_TITLE = "You"


class NoticeMessage(Static):
    """A short note from the engine about the client's input (for example: it was cut)."""


class ChatLog(VerticalScroll, can_focus=True):
    """The conversation so far, anchored to the bottom so the newest message stays in view."""

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

    def on_mount(self) -> None:
        self.anchor()

    def add_assistant(self, *messages: str) -> None:
        """Append one assistant bubble holding `messages` (one reply), a blank line apart."""
        if messages:
            self.mount(AssistantMessage(plain("\n\n".join(messages)), markup=False))

    def add_client(self, text: str) -> None:
        """Append the client's words exactly as typed (shown literally)."""
        self.mount(ClientMessage(plain(text), markup=False))

    def add_notice(self, text: str) -> None:
        """Append a note about the client's last input."""
        self.mount(NoticeMessage(plain(text), markup=False))
