"""One process at a time: an advisory lock on a file, for work that two processes should not
both do (two fronts started together on a fresh content would each build the same matcher, each
slowed by the other, and the second's work thrown away).

The lock is the operating system's (`flock`): it goes with the process, so a process that dies
while holding it frees it, and no file left behind can lock anyone out. A process that cannot
have it within its wait, or cannot lock at all (no `fcntl`, a folder it cannot write), is told
so and goes on without it: the lock saves work, it is never needed for a right answer.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on this platform: every lock is "not held"
    fcntl = None  # type: ignore[assignment]

PAUSE = 0.05
"""Seconds between two tries while another process holds the lock."""


@contextlib.contextmanager
def held(path: Path, wait: float) -> Iterator[bool]:
    """Hold the lock of `path` (a file made for it, read and written by this user only) while
    the block runs; yields whether it is held: False when another process kept it for `wait`
    seconds, or when it cannot be had at all. A link at `path` is never followed."""
    if fcntl is None:
        yield False
        return
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        yield False
        return
    try:
        yield _take(descriptor, time.monotonic() + wait)
    finally:
        os.close(descriptor)  # and with it the lock


def _take(descriptor: int, deadline: float) -> bool:
    """Whether the lock on `descriptor` was had before `deadline` (`time.monotonic`)."""
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:  # another process holds it
            if time.monotonic() >= deadline:
                return False
            time.sleep(PAUSE)
        except OSError:  # a file system without locks
            return False
