"""Reads one data file (TOML: content, concerns, lexicon, personas, form versions; or plain
text: the phrasings and posts) with one-line errors that name the file: unreadable, not UTF-8,
or not valid TOML."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def read_text(path: Path, what: str, error: type[Exception] = ValueError) -> str:
    """The UTF-8 text at `path`. A failure raises `error` with one line that names `path`;
    `what` says what the file holds, e.g. "lexicon" gives "cannot read the lexicon (...)"."""
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read the {what} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise error(f"{path}: the {what} file is not UTF-8 text") from None


def read_toml(path: Path, what: str, error: type[Exception] = ValueError) -> dict[str, Any]:
    """The parsed TOML at `path`, with the errors of `read_text`, and one for TOML that is
    not valid."""
    text = read_text(path, what, error)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc})") from None


def tab_rows(text: str, where: str) -> Iterator[tuple[str, list[str]]]:
    """Each data line of a TAB-separated text (blank lines and `#` comment lines skipped): where
    it is, for an error ("<where> line N"), and its fields."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield f"{where} line {number}", line.split("\t")
