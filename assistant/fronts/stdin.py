"""Lines from standard input that never raise on bytes that are not UTF-8.

Python's text stdin is strict UTF-8 under a UTF-8 locale: one Latin-1 "é" from a script or a
braille display raises UnicodeDecodeError in the middle of a conversation. Here each line is
read as bytes and decoded on its own; a line that is not UTF-8 keeps every readable character,
shows the rest as U+FFFD (�), and standard error says so once. Nothing else is lost.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

NOTICE = (
    "consent-assistant: some input was not UTF-8 text; characters that could not be read"
    " are shown as \ufffd"
)


class Lines:
    """Iterate `stream` line by line (newline kept), tolerant of bad bytes."""

    def __init__(self, stream: TextIO, errors: TextIO | None = None) -> None:
        self._stream = stream
        self._errors = errors
        self._told = False

    def _source(self) -> Iterable[bytes | str]:
        if isinstance(self._stream, io.TextIOWrapper):
            return iter(self._stream.buffer.readline, b"")
        return self._stream

    def _decode(self, raw: bytes | str) -> str:
        if isinstance(raw, str):
            return raw
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            if not self._told:
                self._told = True
                print(NOTICE, file=self._errors or sys.stderr, flush=True)
            return raw.decode("utf-8", errors="replace")

    def __iter__(self) -> Iterator[str]:
        for raw in self._source():
            yield self._decode(raw)

    def readline(self) -> str:
        """One line ('' at the end of input)."""
        return next(iter(self), "")
