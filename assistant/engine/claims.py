"""Claims about the practice's facts (`dialogs/claims.toml`), and whether the facts back them.

Honest by design: the assistant may claim only what the configuration's `facts` state. The
tests render every text the assistant or the form can show under many sets of facts and ask
`unbacked()` which sentences claim something those facts do not state. The rehearsal can use
the same list for a clinician's lines. Matching is plain and predictable on purpose (phrases
in one sentence, "a ... b" for words in order), so a content author can see why a sentence
counts as a claim.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from assistant.engine.datafile import read_toml
from assistant.facts import UNKNOWN, Facts


class ClaimsError(ValueError):
    """`claims.toml` cannot be used; the message names the file and the claim."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim: how it is said and what it needs of the facts (see claims.toml)."""

    id: str
    phrases: tuple[str, ...]
    not_with: tuple[str, ...] = ()
    needs: Mapping[str, Any] | None = None
    unless: Mapping[str, Any] | None = None
    any_known: tuple[str, ...] = ()
    never: bool = False

    def said_in(self, sentence: str) -> str | None:
        """The phrase of this claim `sentence` says (already normalised), or None."""
        if any(_found(p, sentence) for p in self.not_with):
            return None
        return next((p for p in self.phrases if _found(p, sentence)), None)

    def backed_by(self, facts: Facts) -> bool:
        """True when `facts` make this claim true."""
        if self.never:
            return False
        for key, wanted in (self.needs or {}).items():
            value = getattr(facts, key)
            if value == UNKNOWN:
                return False
            if wanted == "known":
                continue
            allowed = wanted if isinstance(wanted, list) else [wanted]
            if not any(_same(value, a) for a in allowed):
                return False
        for key, bad in (self.unless or {}).items():
            if _same(getattr(facts, key), bad):
                return False
        return not (self.any_known and all(getattr(facts, k) == UNKNOWN for k in self.any_known))


@dataclass(frozen=True, slots=True)
class Claims:
    """The whole list, and the hedges that make a sentence claim nothing."""

    claims: tuple[Claim, ...]
    hedges: tuple[str, ...]

    def said(self, sentence: str) -> list[tuple[Claim, str]]:
        """The claims `sentence` makes, each with the phrase that made it."""
        text = normalise(sentence)
        if any(h in text for h in self.hedges):
            return []
        out = []
        for claim in self.claims:
            phrase = claim.said_in(text)
            if phrase is not None:
                out.append((claim, phrase))
        return out

    def unbacked(self, text: str, facts: Facts) -> list[tuple[str, str, str]]:
        """(sentence, claim id, phrase) for each claim in `text` that `facts` do not back."""
        return [
            (sentence, claim.id, phrase)
            for sentence in sentences(text)
            for claim, phrase in self.said(sentence)
            if not claim.backed_by(facts)
        ]


_ABBREVIATIONS = re.compile(r"\b(Dr|Mr|Mrs|Ms|St|Co|Inc|Ltd|e\.g|i\.e)\.", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Sentences and lines of `text`; "Dr." and "Co." do not end a sentence."""
    guarded = _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + "\0", text)
    parts = re.split(r"(?<=[.!?])\s+|\n+", guarded)
    return [p.replace("\0", ".").strip() for p in parts if p.strip()]


def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


GAP_WORDS = 3
"""At most this many words stand for the " ... " of a phrase ("no one at ... listens")."""


@functools.cache
def _pattern(phrase: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in phrase.split(" ... ")]
    gap = rf"\s+(?:\S+\s+){{0,{GAP_WORDS - 1}}}"
    return re.compile(gap.join(parts))


def _found(phrase: str, sentence: str) -> bool:
    return _pattern(phrase).search(sentence) is not None


def _same(value: Any, wanted: Any) -> bool:
    return type(value) is type(wanted) and value == wanted


_CLAIM_KEYS = {"id", "phrases", "not_with", "needs", "unless", "any_known", "never"}


def load_claims(path: Path) -> Claims:
    """Load and check `claims.toml`: every fact it names must be a fact of the configuration."""
    data = read_toml(path, "claims", ClaimsError)
    facts = {f.name for f in fields(Facts)}
    out = []
    for i, table in enumerate(data.get("claim", [])):
        where = f"{path} claim {i + 1}"
        if not isinstance(table, dict) or not isinstance(table.get("id"), str):
            raise ClaimsError(f"{where}: needs an id")
        where = f"{path} claim {table['id']!r}"
        unknown = set(table) - _CLAIM_KEYS
        if unknown:
            raise ClaimsError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        phrases = _texts(table.get("phrases"), f"{where} phrases")
        if not phrases:
            raise ClaimsError(f"{where}: needs phrases")
        for key in ("needs", "unless"):
            for fact in table.get(key, {}):
                if fact not in facts:
                    raise ClaimsError(f"{where} {key}: no fact {fact!r}")
        any_known = _texts(table.get("any_known", []), f"{where} any_known")
        for fact in any_known:
            if fact not in facts:
                raise ClaimsError(f"{where} any_known: no fact {fact!r}")
        never = table.get("never") is True
        if not never and not table.get("needs") and not any_known:
            raise ClaimsError(f"{where}: needs `needs`, `any_known` or `never = true`")
        out.append(
            Claim(
                id=table["id"],
                phrases=tuple(normalise(p) for p in phrases),
                not_with=tuple(normalise(p) for p in _texts(table.get("not_with", []), where)),
                needs=table.get("needs"),
                unless=table.get("unless"),
                any_known=tuple(any_known),
                never=never,
            )
        )
    hedges = tuple(normalise(h) for h in _texts(data.get("hedges", []), f"{path} hedges"))
    return Claims(tuple(out), hedges)


def _texts(value: Any, where: str) -> Sequence[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ClaimsError(f"{where}: must be a list of phrases in quotes")
    return value
