"""Where the content folders and the per-user data folder live, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_chosen: Path | None = None


class ContentError(ValueError):
    """Content files that cannot be used; the message names the file and the key."""


class ContentDirError(ContentError):
    """A `--content` folder that does not hold `dialogs/` and `forms/`."""


def use_content(folder: str | Path | None) -> Path:
    """Make `folder` (a clinic's copy of `dialogs/` and `forms/`) the content of this process,
    as `--content DIR` does for every command; None goes back to the shipped content."""
    global _chosen
    if folder is None:
        _chosen = None
        return content_root()
    root = Path(folder).expanduser()
    for sub in ("dialogs", "forms"):
        if not (root / sub).is_dir():
            raise ContentDirError(f"{root}: a content folder needs {sub}/ (copy the shipped one)")
    _chosen = root.resolve()
    return _chosen


def shipped_content_root() -> Path:
    """The content that ships with the program (see `content_root`)."""
    bundled = _PACKAGE / "_content"
    if (bundled / "dialogs").is_dir():
        return bundled
    return _PACKAGE.parent


def content_root() -> Path:
    """The folder holding `dialogs/` and `forms/`: the one `--content` chose, else the shipped
    one. A built wheel carries them inside the package (`assistant/_content`); a source
    checkout (including an editable install) has them at the top of the repository."""
    return _chosen or shipped_content_root()


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


def cache_dir() -> Path | None:
    """The per-user cache folder: what the program can build again, kept so that it need not
    (the built question matcher). `$XDG_CACHE_HOME/consent-assistant` if that is an absolute
    path (the XDG rule: a relative one is ignored), else `~/.cache/consent-assistant`; None
    when there is no home folder to put it in (nothing is kept then)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no entry in the user database
            return None
    return Path(base) / "consent-assistant"
