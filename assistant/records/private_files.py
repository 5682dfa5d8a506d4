"""Writing a file only its owner may read, so that a crash never leaves half of it.

The data goes to a temporary file first (mode 0600), is flushed to the disk, and then takes
the target's place in one rename: a reader sees the old file or the new one, never a torn
one. Used for the outbox's messages, the seal's key and certificate and the chain head.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def replace_privately(path: Path, data: bytes, tmp: Path | None = None) -> None:
    """Write `data` to `path` (0600) atomically, through `tmp` (by default a hidden file
    beside `path`). Raises OSError; the caller says what could not be written."""
    tmp = tmp or path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
