"""Running blocking work that calls `asyncio.run` (pyHanko's signing and validation) from
any caller: here, or in a short-lived thread when this thread already runs an event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def in_own_thread(work: Callable[[], T]) -> T:
    """Run `work` here, or in a fresh thread when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(1, thread_name_prefix="seal") as pool:
        return pool.submit(work).result()
