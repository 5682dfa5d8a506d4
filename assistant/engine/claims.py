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
from dataclasses import dataclass, field, fields
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
    kind: str = ""
    """What the claim is about (`[kinds]`: retention, access, court, ...); "" for none."""
    about: tuple[str, ...] = ()
    """Facts to quote beside the claim when it does not hold (besides those it needs)."""
    number: str = ""
    """A count fact the claim states: a number in the sentence must equal it ("30 days")."""

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts this claim depends on or is about, each once."""
        named = (*(self.needs or {}), *(self.unless or {}), *self.any_known, *self.about)
        return tuple(dict.fromkeys((*named, *((self.number,) if self.number else ()))))

    def said_in(self, sentence: str) -> str | None:
        """The phrase of this claim `sentence` says (already normalised), or None."""
        if any(_found(p, sentence) for p in self.not_with):
            return None
        return next((p for p in self.phrases if _found(p, sentence)), None)

    def backed_by(self, facts: Facts, sentence: str = "") -> bool:
        """True when `facts` make this claim true (with the numbers `sentence` states)."""
        if self.never:
            return False
        if self.number and sentence:
            value = getattr(facts, self.number)
            said = {int(n) for n in _NUMBER.findall(sentence)}
            if said and value not in said:
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
class Kind:
    """A kind of claim: how the feedback names it, and the concern whose answer says the truth."""

    id: str
    label: str
    concern: str


@dataclass(frozen=True, slots=True)
class Claims:
    """The whole list, and the hedges that make a sentence claim nothing."""

    claims: tuple[Claim, ...]
    hedges: tuple[str, ...]
    kinds: Mapping[str, Kind] = field(default_factory=dict)

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
            if not claim.backed_by(facts, normalise(sentence))
        ]

    def get(self, claim_id: str) -> Claim:
        """The claim `claim_id` (KeyError when there is none)."""
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)


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


_NUMBER = re.compile(r"\b\d+\b")

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


_CLAIM_KEYS = {
    "id", "phrases", "not_with", "needs", "unless", "any_known", "never", "kind", "about", "number"
}  # fmt: skip


def load_claims(path: Path) -> Claims:
    """Load and check `claims.toml`: every fact it names must be a fact of the configuration."""
    data = read_toml(path, "claims", ClaimsError)
    facts = {f.name for f in fields(Facts)}
    kinds = _kinds(data.get("kinds", {}), path)
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
        about = _texts(table.get("about", []), f"{where} about")
        number = table.get("number", "")
        kind = table.get("kind", "")
        if not isinstance(number, str) or not isinstance(kind, str):
            raise ClaimsError(f"{where}: `number` and `kind` must be text")
        for fact in (*any_known, *about, *([number] if number else [])):
            if fact not in facts:
                raise ClaimsError(f"{where}: no fact {fact!r}")
        if kind and kind not in kinds:
            raise ClaimsError(f"{where}: no kind {kind!r} in [kinds]")
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
                kind=kind,
                about=tuple(about),
                number=number,
            )
        )
    hedges = tuple(normalise(h) for h in _texts(data.get("hedges", []), f"{path} hedges"))
    return Claims(tuple(out), hedges, kinds)


def _kinds(value: Any, path: Path) -> dict[str, Kind]:
    if not isinstance(value, dict):
        raise ClaimsError(f"{path} [kinds]: must be a table of kind = {{ label, concern }}")
    out = {}
    for kid, table in value.items():
        if (
            not isinstance(table, dict)
            or set(table) != {"label", "concern"}
            or not all(isinstance(v, str) and v for v in table.values())
        ):
            raise ClaimsError(f"{path} [kinds].{kid}: needs text `label` and `concern`")
        out[kid] = Kind(kid, table["label"], table["concern"])
    return out


def _texts(value: Any, where: str) -> Sequence[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ClaimsError(f"{where}: must be a list of phrases in quotes")
    return value
