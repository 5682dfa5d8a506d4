"""The client's common concerns, loaded from `dialogs/concerns.toml` as plain data.

Each concern has a quick-reply label, an answer (jinja2 template *source*; the engine renders
it), the paraphrases and keywords the matcher uses, and the key points a clinician's answer
should cover in rehearsal. A concern added to the file is a concern: the ids of DESIGN.md are
the minimum the shipped content has (a test holds that), not a list in code. Loading checks each
table and fails with one clear line naming the file and the concern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.engine.datafile import read_toml
from assistant.paths import dialogs_dir

_ID = re.compile(r"[a-z][a-z0-9_]*")

MAX_LABEL = 24
"""Longest quick-reply label, so that buttons fit on the kiosk."""


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One thing a good answer to a concern covers, as rehearsal feedback checks it."""

    id: str
    text: str
    paraphrases: tuple[str, ...]
    follow_up: str


@dataclass(frozen=True, slots=True)
class Concern:
    """One common worry: its label, answer template source, matcher data and key points."""

    id: str
    label: str
    answer: str
    examples: tuple[str, ...]
    keywords: tuple[str, ...]
    key_points: tuple[KeyPoint, ...]
    about_no: bool = False
    """A worry about saying no or taking consent back: told beside a no word ("I'd rather not,
    what happens then"), the no stands (`questions.worry_beside_no`)."""


class _Problem(Exception):
    """A problem inside one concern table; the loader adds the file and the concern."""


def _text(table: dict[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"'{key}' must be non-empty text")
    return value


def _texts(table: dict[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise _Problem(f"'{key}' must be a non-empty list of non-empty texts")
    return tuple(value)


def _key_points(table: dict[str, Any]) -> tuple[KeyPoint, ...]:
    raw = table.get("key_points")
    if not isinstance(raw, list) or not raw or not all(isinstance(p, dict) for p in raw):
        raise _Problem("needs at least one [[<id>.key_points]] table")
    points: list[KeyPoint] = []
    for i, point in enumerate(raw):
        try:
            kp = KeyPoint(
                id=_text(point, "id"),
                text=_text(point, "text"),
                paraphrases=_texts(point, "paraphrases"),
                follow_up=_text(point, "follow_up"),
            )
        except _Problem as exc:
            raise _Problem(f"key_points[{i}]: {exc}") from None
        if any(p.id == kp.id for p in points):
            raise _Problem(f"key point id '{kp.id}' is used twice")
        points.append(kp)
    return tuple(points)


def _concern(cid: str, table: Any) -> Concern:
    if not isinstance(table, dict):
        raise _Problem("must be a table")
    unknown = set(table) - {"label", "answer", "examples", "keywords", "key_points", "about_no"}
    if unknown:
        raise _Problem(f"unknown key '{sorted(unknown)[0]}'")
    about_no = table.get("about_no", False)
    if not isinstance(about_no, bool):
        raise _Problem("'about_no' must be true or false")
    label = _text(table, "label")
    if len(label) > MAX_LABEL:
        raise _Problem(f"label {label!r} is longer than {MAX_LABEL} characters")
    return Concern(
        id=cid,
        label=label,
        answer=_text(table, "answer"),
        examples=_texts(table, "examples"),
        keywords=_texts(table, "keywords"),
        key_points=_key_points(table),
        about_no=about_no,
    )


def parse_concerns(data: dict[str, Any], source: str) -> tuple[Concern, ...]:
    """Build the concerns from parsed TOML, in file order; errors name `source` and the id."""
    if not data:
        raise ValueError(f"{source}: no concerns")
    concerns: list[Concern] = []
    for cid, table in data.items():
        if not _ID.fullmatch(cid) or cid in ("safety", "none"):
            raise ValueError(
                f"{source}: concern id {cid!r} must be lower-case letters, digits and _"
                " (and not 'safety' or 'none')"
            )
        try:
            concerns.append(_concern(cid, table))
        except _Problem as exc:
            raise ValueError(f"{source}: concern '{cid}': {exc}") from None
    return tuple(concerns)


def load_concerns(path: Path | None = None) -> tuple[Concern, ...]:
    """Load and check `concerns.toml` (default: the one in `dialogs/`), in file order."""
    p = path if path is not None else dialogs_dir() / "concerns.toml"
    return parse_concerns(read_toml(p, "concerns"), str(p))
