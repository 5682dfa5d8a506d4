"""How clients have put their worries in their own words (`dialogs/phrasings.tsv`).

One message a line, `concern<TAB>message`, with `-` for a message about none of the concerns
(small talk, errands); `#` lines are comments. The question matcher (`matcher.py`) learns from
these beside each concern's examples and keywords and the lexicon's off-topic examples, so a
clinic teaches it a way of putting a worry by adding the message under the right concern id.
A file that cannot be read, or a line that is not two fields, names no known concern or has
no message, raises `ValueError` with one line naming the file and the line number.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from assistant.engine.concerns import load_concerns
from assistant.engine.datafile import read_text, tab_rows
from assistant.paths import dialogs_dir

SMALL_TALK = "-"
"""The concern column of a message about none of the concerns."""

MAX_LENGTH = 2000
"""The longest message a line may hold, in characters (a kiosk message is far shorter)."""


@dataclass(frozen=True, slots=True)
class Phrasing:
    """One message a client might type, and the concern it is about (None: small talk)."""

    concern: str | None
    text: str


def parse_phrasings(text: str, where: str, concerns: Collection[str]) -> tuple[Phrasing, ...]:
    """The phrasings in `text` (the file's contents; `where` names it in errors), whose
    concern column must be one of `concerns` or `-`."""
    out: list[Phrasing] = []
    for at, fields in tab_rows(text, where):
        if len(fields) != 2:
            raise ValueError(
                f"{at}: expected the concern id, one TAB and the message "
                f"(found {len(fields) - 1} TABs)"
            )
        concern, message = fields[0].strip(), " ".join(fields[1].split())
        if concern != SMALL_TALK and concern not in concerns:
            known = ", ".join(sorted(concerns))
            raise ValueError(
                f"{at}: unknown concern {concern!r} (use one of {known}, or - for small talk)"
            )
        if not message:
            raise ValueError(f"{at}: the message is empty")
        if len(message) > MAX_LENGTH:
            raise ValueError(f"{at}: the message is longer than {MAX_LENGTH} characters")
        out.append(Phrasing(None if concern == SMALL_TALK else concern, message))
    return tuple(out)


def load_phrasings(path: Path, concerns: Collection[str]) -> tuple[Phrasing, ...]:
    """Load and check a phrasings file; its concern ids must be among `concerns`."""
    return parse_phrasings(read_text(path, "phrasings"), str(path), concerns)


def default_phrasings() -> tuple[Phrasing, ...]:
    """The phrasings in `dialogs/` (none when it has no `phrasings.tsv`), checked against its
    concerns, loaded once per folder and process."""
    return _phrasings_in(dialogs_dir())


@functools.cache
def _phrasings_in(folder: Path) -> tuple[Phrasing, ...]:
    path = folder / "phrasings.tsv"
    if not path.exists():
        return ()
    return load_phrasings(path, {c.id for c in load_concerns(folder / "concerns.toml")})
