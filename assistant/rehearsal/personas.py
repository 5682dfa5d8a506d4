"""The simulated clients of rehearsal, loaded from `dialogs/personas.toml` and checked.

Personas are content, like the concerns: a clinic adds or rewords one without touching Python.
Loading checks every persona against the concern ids and key point ids of `concerns.toml`, so
a misspelt id fails with one line naming the file, the persona and the key.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.engine.concerns import Concern, KeyPoint, load_concerns
from assistant.engine.datafile import read_toml
from assistant.paths import dialogs_dir
from assistant.rehearsal.rules import Problem as _Problem
from assistant.rehearsal.rules import Rules, parse_rules
from assistant.rehearsal.rules import text as _text
from assistant.rehearsal.rules import texts as _texts
from assistant.rehearsal.rules import unknown as _unknown

MIN_RAISED = 2
MAX_RAISED = 4
"""A simulated client raises between this many concerns (the issue's 2-4)."""


class PersonaError(ValueError):
    """`personas.toml` cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class PersonaConcern:
    """One concern as this persona raises it: varied wordings and optional own follow-ups."""

    id: str
    asks: tuple[str, ...]
    follow_ups: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Persona:
    """One simulated client: who they are, what worries them, and how they talk."""

    id: str
    name: str
    description: str
    opening: tuple[str, ...]
    concerns: tuple[PersonaConcern, ...]
    raises: tuple[int, int]
    declines: bool
    satisfied: tuple[str, ...]
    unconvinced: tuple[str, ...]
    closing: tuple[str, ...]
    goodbye: tuple[str, ...]
    pressured: tuple[str, ...]
    refusals: tuple[str, ...] = ()
    pushed: tuple[str, ...] = ()
    points: tuple[KeyPoint, ...] = ()
    """This persona's own key points (the teenager: the guardian's consent and their own say),
    scored over everything the clinician said."""
    trust: int | None = None
    """Where the client's trust starts (None: the rules' `trust.start`)."""
    wary: tuple[str, ...] = ()
    """Said instead of `satisfied` while trust is low (empty: the rules' `wary`)."""
    suggest: Mapping[str, str] = field(default_factory=dict)
    """Better wording for each own point (`points`), by point id, suggested when it is missed."""

    @property
    def title(self) -> str:
        """`Jordan, worried about privacy`: how the screen introduces the persona."""
        return f"{self.name}, {self.description}"


@dataclass(frozen=True, slots=True)
class Cast:
    """Every persona by id, in file order, and the rules they share."""

    rules: Rules
    personas: Mapping[str, Persona]

    def get(self, persona_id: str) -> Persona:
        """The persona `persona_id`; an unknown id raises PersonaError listing the known ones."""
        try:
            return self.personas[persona_id]
        except KeyError:
            known = ", ".join(self.personas)
            raise PersonaError(f"unknown persona {persona_id!r} (known: {known})") from None

    def pick(self, seed: int) -> Persona:
        """A persona chosen by `seed`: the same seed always picks the same one."""
        return random.Random(f"persona/{seed}").choice(list(self.personas.values()))


_PERSONA_KEYS = frozenset(
    {"name", "description", "opening", "concerns", "raises", "declines", "satisfied",
     "unconvinced", "closing", "goodbye", "pressured", "refusals", "pushed", "points", "trust",
     "wary"}
)  # fmt: skip
_POINT_KEYS = frozenset({"id", "text", "paraphrases", "follow_up", "suggest"})


def _point_ids(concerns: Sequence[Concern]) -> dict[str, frozenset[str]]:
    return {c.id: frozenset(p.id for p in c.key_points) for c in concerns}


def _suggestions(raw: Any) -> dict[str, str]:
    if not isinstance(raw, list):
        return {}
    return {t["id"]: _text(t, "suggest") for t in raw if isinstance(t, dict) and "suggest" in t}


def _own_points(raw: Any) -> tuple[KeyPoint, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
        raise _Problem("'points' must be [[persona.<id>.points]] tables")
    out = []
    for i, table in enumerate(raw):
        try:
            _unknown(table, _POINT_KEYS)
            out.append(
                KeyPoint(
                    id=_text(table, "id"),
                    text=_text(table, "text"),
                    paraphrases=_texts(table, "paraphrases"),
                    follow_up=_text(table, "follow_up"),
                )
            )
        except _Problem as exc:
            raise _Problem(f"points[{i}]: {exc}") from None
    ids = [p.id for p in out]
    if len(set(ids)) != len(ids):
        raise _Problem(f"point '{next(p for p in ids if ids.count(p) > 1)}' is listed twice")
    return tuple(out)


def _persona_concern(i: int, table: Any, points: Mapping[str, frozenset[str]]) -> PersonaConcern:
    if not isinstance(table, dict):
        raise _Problem(f"concerns[{i}] must be a table")
    try:
        _unknown(table, frozenset({"id", "asks", "follow_ups"}))
        cid = _text(table, "id")
        if cid not in points:
            raise _Problem(f"unknown concern '{cid}' (known: {', '.join(points)})")
        follow_ups = table.get("follow_ups", {})
        if not isinstance(follow_ups, dict):
            raise _Problem("'follow_ups' must be a table of key point id = text")
        for pid in follow_ups:
            if pid not in points.get(cid, ()):
                known = ", ".join(sorted(points.get(cid, ())))
                raise _Problem(f"follow_ups: no key point '{pid}' in '{cid}' (known: {known})")
        return PersonaConcern(
            id=cid,
            asks=_texts(table, "asks"),
            follow_ups={pid: _text(follow_ups, pid) for pid in follow_ups},
        )
    except _Problem as exc:
        raise _Problem(f"concerns[{i}]: {exc}") from None


def _persona(pid: str, table: Any, points: Mapping[str, frozenset[str]]) -> Persona:
    if not isinstance(table, dict):
        raise _Problem("must be a table")
    _unknown(table, _PERSONA_KEYS)
    raw_concerns = table.get("concerns")
    if not isinstance(raw_concerns, list) or not raw_concerns:
        raise _Problem("needs [[persona.<id>.concerns]] tables")
    concerns = tuple(_persona_concern(i, t, points) for i, t in enumerate(raw_concerns))
    ids = [c.id for c in concerns]
    if len(set(ids)) != len(ids):
        raise _Problem(f"concern '{next(c for c in ids if ids.count(c) > 1)}' is listed twice")
    raises = table.get("raises")
    if (
        not isinstance(raises, list)
        or len(raises) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in raises)
        or not MIN_RAISED <= raises[0] <= raises[1] <= MAX_RAISED
    ):
        raise _Problem(f"'raises' must be [fewest, most] with {MIN_RAISED} <= fewest <= most <= 4")
    if raises[1] > len(concerns):
        raise _Problem(f"'raises' asks for {raises[1]} concerns but {len(concerns)} are listed")
    declines = table.get("declines", False)
    if not isinstance(declines, bool):
        raise _Problem("'declines' must be true or false")
    if not declines and ("refusals" in table or "pushed" in table):
        raise _Problem("'refusals' and 'pushed' are only for personas with declines = true")
    return Persona(
        id=pid,
        name=_text(table, "name"),
        description=_text(table, "description"),
        opening=_texts(table, "opening"),
        concerns=concerns,
        raises=(raises[0], raises[1]),
        declines=declines,
        satisfied=_texts(table, "satisfied"),
        unconvinced=_texts(table, "unconvinced"),
        closing=_texts(table, "closing"),
        goodbye=_texts(table, "goodbye"),
        pressured=_texts(table, "pressured"),
        refusals=_texts(table, "refusals", required=declines),
        pushed=_texts(table, "pushed", required=declines),
        points=_own_points(table.get("points")),
        trust=_trust_start(table.get("trust")),
        wary=_texts(table, "wary", required=False),
        suggest=_suggestions(table.get("points")),
    )


def _trust_start(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not -10 <= value <= 10:
        raise _Problem("'trust' must be a whole number from -10 to 10")
    return value


def parse_cast(data: Mapping[str, Any], concerns: Sequence[Concern], source: str) -> Cast:
    """Build the cast from parsed TOML, checked against `concerns`; errors name `source`."""
    points = _point_ids(concerns)
    extra = sorted(set(data) - {"rehearsal", "persona"})
    if extra:
        raise PersonaError(f"{source}: unknown table '{extra[0]}' (allowed: rehearsal, persona)")
    try:
        rules = parse_rules(data.get("rehearsal"))
    except _Problem as exc:
        raise PersonaError(f"{source}: [rehearsal]: {exc}") from None
    tables = data.get("persona")
    if not isinstance(tables, dict) or not tables:
        raise PersonaError(f"{source}: needs at least one [persona.<id>] table")
    personas: dict[str, Persona] = {}
    for pid, table in tables.items():
        try:
            personas[pid] = _persona(pid, table, points)
        except _Problem as exc:
            raise PersonaError(f"{source}: persona '{pid}': {exc}") from None
    return Cast(rules, personas)


def load_cast(path: Path | None = None, concerns: Sequence[Concern] | None = None) -> Cast:
    """Load and check `personas.toml` (default: the one in `dialogs/`)."""
    if path is None and concerns is None:
        return _default_cast()
    return _load(path or dialogs_dir() / "personas.toml", concerns)


@functools.cache
def _default_cast() -> Cast:
    return _load(dialogs_dir() / "personas.toml", None)


def _load(path: Path, concerns: Sequence[Concern] | None) -> Cast:
    data = read_toml(path, "personas", PersonaError)
    if concerns is None:
        concerns = load_concerns(path.parent / "concerns.toml")
    return parse_cast(data, concerns, str(path))
