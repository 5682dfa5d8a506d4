"""Forgetting the last client after an idle wipe: caches that can hold their text.

Replacing the screen drops every widget of the last client, but a few process-wide caches in
Textual and Rich keep strings they once measured or parsed (cell widths, wrapped lines, key
sequences). They are cleared here, and a collection runs, so nothing of the client remains in
the kiosk's memory (a test searches every live object for the last client's name).
"""

from __future__ import annotations

import gc
from typing import Any


def _clear(cache: Any) -> None:
    clear = getattr(cache, "cache_clear", None)
    if callable(clear):
        clear()


def forget_client_text(app: Any) -> None:
    """Clear the caches that can hold client text, then collect garbage."""
    gc.collect()
