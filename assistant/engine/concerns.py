"""The client's common concerns, loaded from `dialogs/concerns.toml` as plain data.

Each concern has a quick-reply label, an answer (jinja2 template *source*; the engine renders
it), the paraphrases and keywords the matcher uses, and the key points a clinician's answer
should cover in rehearsal. Loading checks the file against the fixed concern ids of DESIGN.md,
so a clinic's edit that drops or misspells a concern fails with one clear line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.engine.datafile import read_toml
from assistant.paths import dialogs_dir

CONCERN_IDS: tuple[str, ...] = (
    "privacy",
    "deletion",
    "access",
    "security",
    "ai",
    "judgment",
    "openness",
    "necessity",
    "decline",
    "withdraw",
    "summary",
    "supervision",
    "pseudonym",
    "form",
    "evidence",
    "accuracy",
    "data_use",
    "legal",
)
"""The concern ids of DESIGN.md, in its order; other tools rely on them."""

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
    unknown = set(table) - {"label", "answer", "examples", "keywords", "key_points"}
    if unknown:
        raise _Problem(f"unknown key '{sorted(unknown)[0]}'")
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
    )


def parse_concerns(data: dict[str, Any], source: str) -> tuple[Concern, ...]:
    """Build the concerns from parsed TOML, in DESIGN order; errors name `source` and the id."""
    unknown = [cid for cid in data if cid not in CONCERN_IDS]
    if unknown:
        known = ", ".join(CONCERN_IDS)
        raise ValueError(f"{source}: unknown concern '{unknown[0]}' (known: {known})")
    missing = [cid for cid in CONCERN_IDS if cid not in data]
    if missing:
        raise ValueError(f"{source}: missing concern '{missing[0]}'")
    concerns: list[Concern] = []
    for cid in CONCERN_IDS:
        try:
            concerns.append(_concern(cid, data[cid]))
        except _Problem as exc:
            raise ValueError(f"{source}: concern '{cid}': {exc}") from None
    return tuple(concerns)


def load_concerns(path: Path | None = None) -> tuple[Concern, ...]:
    """Load and check `concerns.toml` (default: the one in `dialogs/`), in DESIGN order."""
    p = path if path is not None else dialogs_dir() / "concerns.toml"
    return parse_concerns(read_toml(p, "concerns"), str(p))
