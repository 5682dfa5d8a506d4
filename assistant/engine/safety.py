"""Finds words that show a risk of harm to self or others, or abuse (`dialogs/safety.toml`).

The reading layer asks this first, before anything else, at every step: a safety reading gets
the safety reply and keeps the client where they were. A negation does not cancel a phrase
("I'm not going to hurt myself" still gets a kind check-in); figures of speech ("this wait is
killing me") are kept out by the file's `[not_crisis]` phrases: a phrase that overlaps one
of them does not count. Hits are looked for at every word, overlapping, so a figure of speech
never hides a real phrase that starts inside it. A message that puts what it tells in the past
and says it is over (`[over]`: "that was years ago", "he is in jail now") and holds nothing
that keeps it present (`[still]`: "still", "again", "lately") gets no safety reply. A message
with no sign as typed is read once more with its typos mended towards the file's `[mend]`
words ("sucidal", "myslef"). A message the phrases miss may still be flagged by the word-odds
signal (`word_odds.py`, `[word_odds]`): its words lean strongly towards the crisis examples,
or by the word-weights signal (`word_weights.py`, `[word_weights]`): a classifier fitted on the
same examples, which weighs the words together and so tells a crisis from a look-alike that
shares its words more often; neither is asked when a figure of speech explains the sign a
phrase found in it. Both read the message without its figures of speech and its `[calm]` words
("he was fine", "she's lovely"): "this wait is killing me" adds nothing to an alarm, and what
the rest of the message says is still read. The word weights are fitted on the first message
that reaches them (a tenth of a second or so), not when the content loads. Last, the meaning
signal (`safety_meaning.py`, `[meaning]`) reads the same words by meaning, with the matcher's
sentence vectors: how much nearer the message (or a window of it) sits to the crisis examples
than to the ordinary ones; that margin, weighted, is added to the word-weights score, so a
crisis said in words no example holds is still found when its meaning is near one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.engine.datafile import read_toml
from assistant.engine.embedder import default_embedder
from assistant.engine.language import Language, Mender, Words
from assistant.engine.patterns import PatternError, PhraseSet
from assistant.engine.safety_meaning import SafetyMeaning, settings_problem
from assistant.engine.word_odds import WordOdds
from assistant.engine.word_weights import WordWeights

Risk = Literal["self_harm", "harm_to_others", "abuse", "general"]
"""`general`: no phrase, the message's words as a whole (the word-odds signal)."""
RISKS: tuple[Risk, ...] = ("self_harm", "harm_to_others", "abuse")
WORD_ODDS = "(word odds)"
"""The `phrase` of a finding of the word-odds signal."""
WORD_WEIGHTS = "(word weights)"
"""The `phrase` of a finding of the word-weights signal."""
MEANING = "(meaning)"
"""The `phrase` of a finding of the meaning signal (with the word weights)."""


class SafetyError(ValueError):
    """`safety.toml` cannot be used; the message names the file and the table."""


@dataclass(frozen=True, slots=True)
class Concern:
    """A safety finding: which kind of risk and the phrase (from the file) that showed it."""

    risk: Risk
    phrase: str


class SafetyCheck:
    """The compiled phrases of `safety.toml`."""

    def __init__(
        self,
        path: Path,
        language: Language,
        ordinary: Iterable[str] = (),
        answers: Iterable[str] = (),
    ) -> None:
        """`ordinary`: more texts that are no crisis (the content's concern examples);
        `answers`: whole replies that are no crisis (the intents' yes, no, defer and question
        phrases): a message that is exactly one of them ("I will not") is not given to the
        learned signals, which read few words poorly; the phrases still read it. (As training
        examples for the word weights they cost recall on the check sets.)"""
        data = read_toml(path, "safety phrases", SafetyError)
        groups = data.get("groups", {})
        if not isinstance(groups, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in groups.values()
        ):
            raise SafetyError(f"{path} [groups]: each group must be a list of words in quotes")
        try:
            self._sets = {
                risk: PhraseSet(_phrases(data, risk, path), language, groups, f"{path} [{risk}]")
                for risk in RISKS
            }
            self._not, self._over, self._still, self._calm = (
                PhraseSet(_phrases(data, table, path), language, groups, f"{path} [{table}]")
                for table in ("not_crisis", "over", "still", "calm")
            )
        except PatternError as exc:
            raise SafetyError(str(exc)) from None
        crisis, plain, kiosk = _examples(data, path, language)
        concern_examples = [language.tokens(t) for t in ordinary]
        self._answers = frozenset(language.tokens(t) for t in answers)
        self._examples = crisis, plain, concern_examples + kiosk
        self._odds = WordOdds(crisis, plain + concern_examples)
        self._threshold = _number(data, "word_odds", "threshold", path)
        self._weights_threshold = _number(data, "word_weights", "threshold", path)
        self._ordinary_weight = _number(data, "word_weights", "ordinary_weight", path)
        self._meaning_threshold = _number(data, "meaning", "threshold", path)
        self._meaning_weight = _number(data, "meaning", "weight", path)
        self._meaning_nearest = int(_number(data, "meaning", "nearest", path))
        self._meaning_window = int(_number(data, "meaning", "window", path))
        if problem := settings_problem(self._meaning_nearest, self._meaning_window):
            raise SafetyError(f"{path} [meaning]: {problem}")
        self._function_words = frozenset(_words(data, "learned", "function_words", path, language))
        """Words that alone give the learned signals nothing to read ("and how?")."""
        learned = data.get("learned")
        self._joining = (
            frozenset(_words(data, "learned", "joining", path, language))
            if isinstance(learned, dict) and "joining" in learned
            else frozenset()
        )
        """Words that join a message to what came before ("and also, who hears it?"): the
        learned signals read a message without those it opens with (optional)."""
        self._mender = Mender(
            _words(data, "mend", "words", path, language),
            _words(data, "mend", "keep", path, language),
        )

    def find(self, words: Words) -> Concern | None:
        """The first sign of risk in `words` (a message's tokens), or None; typos mended."""
        if not words or (self._over.find(words) and not self._still.find(words)):
            return None
        found = self._find(words)
        mended = self.mend(words) if found is None else words
        if found is None and mended != words:
            found = self._find(mended)
        if found is None and words not in self._answers and not self._explained(words):
            # the learned signals read the message as typed and, if it differs, mended
            typed = (words, mended) if mended != words else (words,)
            readings = [
                r for r in map(self.plain, typed) if r and not set(r) <= self._function_words
            ]
            if any(self.odds(w) > self._threshold for w in readings):
                found = Concern("general", WORD_ODDS)
            else:
                found = self._learned(readings)
        return found

    def _learned(self, readings: list[Words]) -> Concern | None:
        """The word weights, then the word weights with the meaning margin added."""
        scores = [(w, self.weights(w)) for w in readings]
        if any(score > self._weights_threshold for _, score in scores):
            return Concern("general", WORD_WEIGHTS)
        for w, score in scores:
            if score + self._meaning_weight * self.meaning(w) > self._meaning_threshold:
                return Concern("general", MEANING)
        return None

    def plain(self, words: Words) -> Words:
        """`words` without the figures of speech (`[not_crisis]`) and `[calm]` words in them,
        and without the words joining it to what came before that it opens with (`joining`):
        what the learned signals read."""
        hits = [*self._not.find_overlapping(words), *self._calm.find_overlapping(words)]
        covered = {i for hit in hits for i in range(hit.start, hit.end)}
        kept = tuple(w for i, w in enumerate(words) if i not in covered)
        start = 0
        while start < len(kept) and kept[start] in self._joining:
            start += 1
        return kept[start:]

    def odds(self, words: Words) -> float:
        """The word-odds score of `words` (flagged above the file's threshold)."""
        return self._odds.score(words)

    def weights(self, words: Words) -> float:
        """The word-weights score of `words`, about -1..1 (flagged above the file's threshold)."""
        return self._word_weights.score(words)

    def meaning(self, words: Words) -> float:
        """The meaning margin of `words`, about -0.3..0.3 (above 0: nearer the crisis examples)."""
        return self._meaning.margin(words)

    @functools.cached_property
    def _meaning(self) -> SafetyMeaning:
        """Embedded on first use, like the word weights (and the model loaded if need be)."""
        crisis, plain, kiosk = self._examples
        return SafetyMeaning(
            default_embedder(),
            crisis,
            plain + kiosk,
            self._meaning_nearest,
            self._meaning_window,
        )

    @functools.cached_property
    def _word_weights(self) -> WordWeights:
        """Fitted on first use: the phrases answer most messages, and startup stays quick."""
        crisis, plain, kiosk = self._examples
        return WordWeights(crisis, plain, kiosk, self._ordinary_weight)

    def prepare(self) -> None:
        """Make ahead what the first message needs (a front's warm-up, on a thread of its
        own): the learned signals fitted and embedded. Without it the first message that
        the phrases do not settle waits about half a second for them. (The phrases are
        compiled as first needed, a few hundredths of a second for a message: compiling them
        all would cost every process half a second of work.)"""
        _ = self._word_weights, self._meaning

    def mend(self, words: Words) -> Words:
        """`words` with typos mended towards the file's `[mend]` words."""
        return self._mender.mend_all(words)

    def _explained(self, words: Words) -> bool:
        """Does a phrase hold a sign that a figure of speech explains ("my flatmate would kill
        me if I ate his leftovers")? Then the word odds, which cannot tell, are not asked."""
        covered = [(h.start, h.end) for h in self._not.find_overlapping(words)]
        return bool(covered) and any(
            hit.start < e and s < hit.end
            for risk in RISKS
            for hit in self._sets[risk].find_overlapping(words)
            for s, e in covered
        )

    def _find(self, words: Words) -> Concern | None:
        covered = [(h.start, h.end) for h in self._not.find_overlapping(words)]
        for risk in RISKS:
            for hit in self._sets[risk].find_overlapping(words):
                if not any(hit.start < e and s < hit.end for s, e in covered):
                    return Concern(risk, hit.phrase)
        return None


def _phrases(data: dict[str, object], table: str, path: Path) -> list[str]:
    section = data.get(table)
    value = section.get("phrases") if isinstance(section, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SafetyError(f"{path} [{table}].phrases: must be a list of phrases in quotes")
    return value


def _words(
    data: dict[str, object], table: str, key: str, path: Path, language: Language
) -> set[str]:
    section = data.get(table)
    value = section.get(key) if isinstance(section, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SafetyError(f"{path} [{table}].{key}: must be a list of words in quotes")
    return {w for v in value for w in language.tokens(v)}


def _number(data: dict[str, object], table: str, key: str, path: Path) -> float:
    section = data.get(table)
    value = section.get(key) if isinstance(section, dict) else None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise SafetyError(f"{path} [{table}].{key}: must be a number")
    return float(value)


def _examples(
    data: dict[str, object], path: Path, language: Language
) -> tuple[list[Words], list[Words], list[Words]]:
    """The crisis, ordinary and kiosk examples of the file [word_odds].examples names."""
    section = data.get("word_odds")
    name = section.get("examples") if isinstance(section, dict) else None
    if not isinstance(name, str):
        raise SafetyError(f"{path} [word_odds].examples: must be a file name in quotes")
    where = path.with_name(name)
    examples = read_toml(where, "safety examples", SafetyError)
    lists = [examples.get(key) for key in ("crisis", "ordinary", "kiosk")]
    if not all(isinstance(v, list) and v and all(isinstance(t, str) for t in v) for v in lists):
        raise SafetyError(
            f"{where}: crisis, ordinary and kiosk must be lists of messages in quotes"
        )
    crisis, plain, kiosk = (list(map(language.tokens, v)) for v in lists if isinstance(v, list))
    return crisis, plain, kiosk
