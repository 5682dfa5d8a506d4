"""The pieces `intents.py` is built from: one intent's phrases, found with negation in mind,
and the checked reading of `intents.toml`'s lists (a bad list is one line naming file and key).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.engine.language import Language, Words
from assistant.engine.patterns import Hit, PhraseSet


class IntentsError(ValueError):
    """`intents.toml` cannot be used; the message names the file and the table."""


@dataclass(frozen=True, slots=True)
class Phrases:
    """One intent's phrases, found with negation in mind."""

    found: PhraseSet

    def first(self, words: Words, negated: Sequence[bool], language: Language) -> str | None:
        """The first phrase found outside a negation's reach, or None. `negated` has one flag
        per word (`Language.negation_flags`)."""
        hit = self.first_hit(words, negated, language)
        return hit.phrase if hit else None

    def first_hit(self, words: Words, negated: Sequence[bool], language: Language) -> Hit | None:
        """Like `first`, with where the phrase lies."""
        for hit in self.found.find(words):
            own = words[hit.start] in language.negations  # "not now" says its own "not"
            if own or not negated[hit.start]:
                return hit
        return None

    def whole(self, words: Words) -> str | None:
        """The phrase that is the whole reply, if one is."""
        return self.found.whole(words)


def name_forms(name: str) -> list[str]:
    """How a client may name their clinician: "Dr. Sam Lee" gives "dr sam lee", "sam lee",
    "dr lee", "sam" and "lee"."""
    parts = [p.strip(".,").lower() for p in name.split() if p.strip(".,")]
    titles = {"dr", "doctor", "mr", "mrs", "ms", "mx", "prof"}
    bare = [p for p in parts if p not in titles]
    forms = {" ".join(parts), " ".join(bare)}
    if bare:
        forms |= {bare[0], bare[-1], f"dr {bare[-1]}"}
    return sorted(f for f in forms if len(f) >= 2)


def optional(data: Mapping[str, Any], table: str, key: str, path: Path) -> list[str]:
    """A list a clinic's older `intents.toml` may lack: empty when it does."""
    section = data.get(table, {})
    return strings(data, table, key, path) if isinstance(section, dict) and key in section else []


def single_words(data: Mapping[str, Any], table: str, key: str, path: Path) -> frozenset[str]:
    """A list of single words, lower case, compared with the words of a reply as they are."""
    words = strings(data, table, key, path)
    if any(len(w.split()) != 1 for w in words):
        raise IntentsError(f"{path} [{table}].{key}: must be single words in quotes")
    return frozenset(w.casefold() for w in words)


def strings(data: Mapping[str, Any], table: str, key: str, path: Path) -> list[str]:
    section = data.get(table)
    value = section.get(key) if isinstance(section, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise IntentsError(f"{path} [{table}].{key}: must be a list of words or phrases in quotes")
    return value
