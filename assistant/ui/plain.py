"""Text on screen that can never act as markup or as a terminal escape sequence.

Everything the kiosk shows (assistant messages, the client's own words, choice labels, the
form) goes through `plain`: Textual `Content` is never parsed as markup, and control
characters are swapped for their visible Unicode "control pictures" (ESC shows as `␛`), so an
escape sequence a client pastes appears literally and does nothing.
"""

from __future__ import annotations

from textual.content import Content

_KEEP = "\n"


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"  # C1 controls (0x80-0x9f) have no pictures


def visible(text: str) -> str:
    """`text` with every control character except newline replaced by a visible symbol."""
    if text.isprintable():
        return text
    return "".join(
        _picture(ch) if (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) and ch not in _KEEP else ch
        for ch in text
    )


def plain(text: str) -> Content:
    """`text` as Textual Content: no markup, no escapes, newlines kept."""
    return Content(visible(text))
