"""What every persona shares, from `[rehearsal]` in `dialogs/personas.toml`, loaded and checked.

The phrase lists (pressure by kind, persuasion, accepting a no), the items every conversation
is scored on (the rights, naming the risks, checking understanding), the simulated client's
trust settings and the advice lines of the feedback. Content: a clinic rewords any of it
without touching Python. `personas.py` loads the personas themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

REQUIRED_ITEMS = ("refuse", "revoke")
"""Items every `[rehearsal.rights]` must have; more (risks, understanding) may be added."""


class Problem(Exception):
    """A problem inside one table; the loader adds the file and where."""


@dataclass(frozen=True, slots=True)
class Right:
    """Something every consent conversation should say (may refuse, may revoke, the risks),
    with its cues and a better wording to suggest when it was missed."""

    id: str
    text: str
    phrases: tuple[str, ...]
    suggest: str = ""


@dataclass(frozen=True, slots=True)
class PushKind:
    """One kind of pressure: its label, the phrases that show it, and the score cap it sets.

    `through_negation`: found after "not" too (a threat is a threat in "I can't keep seeing
    you"). `not_with`: phrases that make the sentence something else ("do what feels right").
    """

    id: str
    label: str
    cap: int
    phrases: tuple[str, ...]
    not_with: tuple[str, ...]
    instead: str
    through_negation: bool = False


@dataclass(frozen=True, slots=True)
class Trust:
    """How the simulated client's trust moves, and where it decides."""

    start: int
    pushed: int
    false_claim: int
    honest: int
    agree_at: int
    leave_at: int


@dataclass(frozen=True, slots=True)
class Rules:
    """What every persona shares: follow-up limits, a few lines, phrase lists and settings."""

    max_follow_ups: int
    max_refusals: int
    nudge: str
    off_topic: tuple[str, ...]
    pushes: tuple[PushKind, ...]
    persuasion: tuple[str, ...]
    accept_no: tuple[str, ...]
    rights: tuple[Right, ...]
    trust: Trust
    claim_cap: int
    doubt: tuple[str, ...]
    wary: tuple[str, ...]
    agrees: tuple[str, ...]
    leaves: tuple[str, ...]
    advice: Mapping[str, str]

    @property
    def pressure(self) -> tuple[str, ...]:
        """Every pressure phrase, of every kind, in file order."""
        return tuple(p for kind in self.pushes for p in kind.phrases)


RULE_KEYS = frozenset(
    {"max_follow_ups", "max_refusals", "nudge", "off_topic", "pressure", "persuasion",
     "accept_no", "rights", "trust", "claim_cap", "doubt", "wary", "agrees", "leaves", "advice"}
)  # fmt: skip
ADVICE_KEYS = frozenset({"pressure", "claim", "item", "point", "none", "accept_no"})


def text(table: Mapping[str, Any], key: str) -> str:
    """`table[key]` as non-empty text."""
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise Problem(f"'{key}' must be non-empty text")
    return value.strip()


def texts(table: Mapping[str, Any], key: str, *, required: bool = True) -> tuple[str, ...]:
    """`table[key]` as a non-empty list of non-empty texts (or () when optional and absent)."""
    value = table.get(key)
    if value is None and not required:
        return ()
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise Problem(f"'{key}' must be a non-empty list of non-empty texts")
    return tuple(v.strip() for v in value)


def count(table: Mapping[str, Any], key: str, low: int, high: int = 1_000) -> int:
    """`table[key]` as a whole number between `low` and `high`."""
    value = table.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Problem(f"'{key}' must be a whole number from {low} to {high}")
    return value


def unknown(table: Mapping[str, Any], allowed: frozenset[str]) -> None:
    """Fail on a key `allowed` does not hold."""
    extra = sorted(set(table) - allowed)
    if extra:
        raise Problem(f"unknown key '{extra[0]}' (allowed: {', '.join(sorted(allowed))})")


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise Problem(f"{where} must be a table")
    return value


def _rights(value: Any) -> tuple[Right, ...]:
    if not isinstance(value, dict) or not set(REQUIRED_ITEMS) <= set(value):
        raise Problem("needs [rehearsal.rights.refuse] and [rehearsal.rights.revoke]")
    out = []
    for rid, raw in value.items():
        right = _table(raw, f"rights.{rid}")
        unknown(right, frozenset({"text", "phrases", "suggest"}))
        suggest = text(right, "suggest") if "suggest" in right else ""
        out.append(Right(rid, text(right, "text"), texts(right, "phrases"), suggest))
    return tuple(out)


def _pushes(value: Any) -> tuple[PushKind, ...]:
    if not isinstance(value, dict) or not value:
        raise Problem("needs [rehearsal.pressure.<kind>] tables")
    out = []
    keys = frozenset({"label", "cap", "phrases", "not_with", "instead", "through_negation"})
    for kid, raw in value.items():
        try:
            kind = _table(raw, "it")
            unknown(kind, keys)
            through = kind.get("through_negation", False)
            if not isinstance(through, bool):
                raise Problem("'through_negation' must be true or false")
            out.append(
                PushKind(
                    id=kid,
                    label=text(kind, "label"),
                    cap=count(kind, "cap", 0, 100),
                    phrases=texts(kind, "phrases"),
                    not_with=texts(kind, "not_with", required=False),
                    instead=text(kind, "instead"),
                    through_negation=through,
                )
            )
        except Problem as exc:
            raise Problem(f"pressure.{kid}: {exc}") from None
    return tuple(out)


def _trust(value: Any) -> Trust:
    table = _table(value, "trust")
    keys = ("start", "pushed", "false_claim", "honest", "agree_at", "leave_at")
    unknown(table, frozenset(keys))
    values = {k: count(table, k, -20, 20) for k in keys}
    if values["leave_at"] >= values["agree_at"]:
        raise Problem("trust: 'leave_at' must be below 'agree_at'")
    return Trust(**values)


def _advice(value: Any) -> Mapping[str, str]:
    table = _table(value, "advice")
    unknown(table, ADVICE_KEYS)
    return {key: text(table, key) for key in sorted(ADVICE_KEYS)}


def parse_rules(table: Any) -> Rules:
    """The `[rehearsal]` table, checked; a problem raises `Problem` naming the key."""
    if not isinstance(table, dict):
        raise Problem("needs a [rehearsal] table")
    unknown(table, RULE_KEYS)
    return Rules(
        max_follow_ups=count(table, "max_follow_ups", 1),
        max_refusals=count(table, "max_refusals", 0),
        nudge=text(table, "nudge"),
        off_topic=texts(table, "off_topic"),
        pushes=_pushes(table.get("pressure")),
        persuasion=texts(table, "persuasion"),
        accept_no=texts(table, "accept_no"),
        rights=_rights(table.get("rights")),
        trust=_trust(table.get("trust")),
        claim_cap=count(table, "claim_cap", 0, 100),
        doubt=texts(table, "doubt"),
        wary=texts(table, "wary"),
        agrees=texts(table, "agrees"),
        leaves=texts(table, "leaves"),
        advice=_advice(table.get("advice")),
    )
