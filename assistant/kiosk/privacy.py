"""Forgetting the last client after an idle wipe: caches that can hold their words.

Replacing the screen drops every widget of the last client, but process-wide caches in
Textual and Rich keep what they once measured or drew: `rich.cells.cached_cell_len` holds the
strings it measured (a name, a question), and Textual's `lru_cache`d filters and segment tools
hold whole rendered lines. Every `functools.lru_cache` of those two packages is cleared (found
by walking the live objects, so a new cache in a later Textual is covered too), then a
collection runs. A test searches every live object for the last client's name afterwards.
"""

from __future__ import annotations

import functools
import gc
import logging

log = logging.getLogger(__name__)

PACKAGES = ("textual", "rich")
"""Whose caches may hold text from the screen."""


def _is_screen_cache(obj: object) -> bool:
    if not isinstance(obj, functools._lru_cache_wrapper):
        return False
    module = getattr(obj, "__module__", None) or ""
    return module.split(".", 1)[0] in PACKAGES


def forget_client_text() -> int:
    """Clear the screen caches that can hold client text; returns how many were cleared."""
    cleared = 0
    for obj in gc.get_objects():
        if _is_screen_cache(obj):
            obj.cache_clear()
            cleared += 1
    gc.collect()
    log.debug("cleared %d screen caches after a wipe", cleared)
    return cleared
