"""Reads one TOML data file (content, concerns, lexicon, personas, form versions) with
one-line errors that name the file: unreadable, not UTF-8, or not valid TOML."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def read_toml(path: Path, what: str, error: type[Exception] = ValueError) -> dict[str, Any]:
    """The parsed TOML at `path`. A failure raises `error` with one line that names `path`;
    `what` says what the file holds, e.g. "lexicon" gives "cannot read the lexicon (...)"."""
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot read the {what} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise error(f"{path}: the {what} file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc})") from None
