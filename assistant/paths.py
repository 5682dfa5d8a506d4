"""Where the content folders and the per-user data folder live, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def content_root() -> Path:
    """The folder holding `dialogs/` and `forms/`.

    A built wheel carries them inside the package (`assistant/_content`); a source checkout
    (including an editable install) has them at the top of the repository.
    """
    bundled = _PACKAGE / "_content"
    if (bundled / "dialogs").is_dir():
        return bundled
    return _PACKAGE.parent


def dialogs_dir() -> Path:
    """The conversation content: messages, concerns, choices, personas."""
    return content_root() / "dialogs"


def forms_dir() -> Path:
    """The consent and revocation form templates."""
    return content_root() / "forms"


def default_data_dir() -> Path:
    """The per-user data folder used when neither the configuration nor `--data-dir` names one."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "consent-assistant"
