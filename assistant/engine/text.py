"""Client text hygiene: what every piece of client input goes through before the engine uses it."""

from __future__ import annotations

import re
import unicodedata

MAX_INPUT = 2000
"""Longest client message the engine reads; the rest is dropped (and the client is told)."""

# CSI / OSC / other ESC sequences, so that terminal escapes never reach a screen or a file.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")


def clean(text: str, limit: int = MAX_INPUT) -> tuple[str, bool]:
    """Strip escape sequences and control characters, fold white space, cap the length.

    Returns the cleaned text and whether it was cut. Letters of every script, emoji and
    combining marks are kept; NFC normalisation keeps names comparable.
    """
    text = _ESCAPES.sub("", text)
    text = "".join(
        " " if ch in "\t\n\r\v\f" else ch
        for ch in text
        if ch in "\t\n\r\v\f" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    )
    # Bidi overrides and zero-width tricks are format characters; keep ZWJ/ZWNJ for scripts
    # and emoji that need them, drop the rest.
    text = "".join(
        ch for ch in text if unicodedata.category(ch) != "Cf" or ch in "\u200c\u200d\ufe0f"
    )
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    cut = len(text) > limit
    return (text[:limit].rstrip() if cut else text), cut


def has_control(text: str) -> bool:
    """True when `text` holds control characters or escape sequences."""
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def fold(text: str) -> str:
    """Case- and space-insensitive form used to compare names and labels."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def same_name(a: str, b: str) -> bool:
    """True when two typed names are the same, ignoring case and spacing."""
    return fold(a) == fold(b)
