"""The word lists rehearsal scoring reads a clinician's answer with, from `[answers]` in
`dialogs/language.toml` (the one language layer's file): words that negate a point, hedge it,
start a new clause, say who speaks, or carry no point of their own. Content, not Python: a
clinic that words its answers differently edits the file."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

from assistant.engine.datafile import read_toml
from assistant.paths import ContentError, dialogs_dir


class AnswerWordsError(ContentError):
    """`[answers]` in language.toml is missing or malformed; the message names the key."""


@dataclass(frozen=True, slots=True)
class AnswerWords:
    """Each list of `[answers]` as a set of words (see the comments in the file)."""

    phrase_guard: frozenset[str]
    say_words: frozenset[str]
    negators: frozenset[str]
    denials: frozenset[str]
    hedges: frozenset[str]
    unable: frozenset[str]
    unsaid: frozenset[str]
    contrast: frozenset[str]
    clause_starts: frozenset[str]
    time_words: frozenset[str]
    joiners: frozenset[str]
    subjects: frozenset[str]
    speaker_i: frozenset[str]
    speaker_we: frozenset[str]
    function_words: frozenset[str]
    conditions: frozenset[str]

    @property
    def clause_words(self) -> frozenset[str]:
        """Every word that starts a new clause (the contrast words among them)."""
        return self.contrast | self.clause_starts

    @property
    def roles(self) -> dict[str, str]:
        """Word -> who speaks ("<i>" or "<we>")."""
        return {**dict.fromkeys(self.speaker_i, "<i>"), **dict.fromkeys(self.speaker_we, "<we>")}


@functools.cache
def answer_words() -> AnswerWords:
    """The lists of the content in use (`--content`, else the shipped `dialogs/`)."""
    path = dialogs_dir() / "language.toml"
    table = read_toml(path, "language word lists", AnswerWordsError).get("answers")
    if not isinstance(table, dict):
        raise AnswerWordsError(f"{path}: [answers] is missing")
    lists = {}
    for field in fields(AnswerWords):
        value = table.get(field.name)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(w, str) and w.strip() == w and w for w in value)
        ):
            raise AnswerWordsError(f"{path} [answers].{field.name}: must be a list of words")
        lists[field.name] = frozenset(w.casefold() for w in value)
    unknown = sorted(set(table) - set(lists))
    if unknown:
        raise AnswerWordsError(f"{path} [answers]: unknown key {unknown[0]!r}")
    return AnswerWords(**lists)
