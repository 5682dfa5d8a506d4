"""The kiosk's views: chat, review, signature and done, switched inside one screen.

They live in one `ContentSwitcher` rather than on a screen stack so that the overlays (the
idle countdown, the PIN, the display settings) can sit above any view, and a reply that
arrives under an overlay can change the view beneath it.
"""

from __future__ import annotations

from typing import Literal

from assistant.engine.reply import Reply

ViewName = Literal["chat", "review", "signature", "done"]


def view_for(reply: Reply) -> ViewName:
    """Which view renders `reply`: read from the reply's fields, never decided by the UI."""
    if reply.ended:
        return "done"
    if reply.form is not None:
        return "review"
    if reply.input_kind == "signature":
        return "signature"
    return "chat"
