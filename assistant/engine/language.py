"""The one language layer: how every part of the assistant turns text into words.

The reading of a client's turn (`reading.py`), the question matcher and rehearsal scoring all
read text through `Language.tokens()`: case and apostrophes folded, contractions and texting
shorthand spelt out ("don't" and "dont" are both "do not"; "&", "w/" and "want 2 know":
`shorthand.py`), punctuation dropped, so one word list can be written in any natural form. On
top of the words it knows the small things that change what a reply means: negation and its
reach, hedges ("I guess"), conditions ("only if"), felt pressure ("if I have to") and
corrections ("I mean"). The word lists live in `dialogs/language.toml`; this module
holds only the behaviour. Typo repair (`Mender`) and finding a phrase in words are in
`words.py` (also importable from here).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.engine.datafile import read_toml
from assistant.engine.pressure import felt_pressure
from assistant.engine.shorthand import Shorthand
from assistant.engine.words import FIRST_LETTER_MAX as FIRST_LETTER_MAX
from assistant.engine.words import MEND_MIN as MEND_MIN
from assistant.engine.words import Mender as Mender
from assistant.engine.words import Words as Words
from assistant.engine.words import find_phrase as find_phrase
from assistant.engine.words import first_phrase as first_phrase
from assistant.engine.words import has_phrase as has_phrase
from assistant.paths import dialogs_dir

_APOSTROPHES = re.compile(r"[’‘`´ʼ]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(
    r"(?<![DdMm]r\.)(?<![Mm]s\.)(?<![Mm]rs\.)(?<=[.!?;])\s+|[\n\r]+|(?<=[.!?])(?=[A-Z])"
)
"""A sentence ends at . ! ? ; and a space, or a line break; not after a title ("Dr. Lee")."""
_CLAUSE = re.compile(r"[,:;()]|\s[-–—]+\s|\.\.\.")
_TRAILING_OFF = re.compile(r"(?:\.\.|…)\W*$")
"""A reply that ends in an ellipsis ("ok...", "sure…") trails off."""
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
"""A letter typed three or more times ("nooo", "stopppp", "yesss") counts once."""
_THRICE = re.compile(r"(.)\1\1")
"""Any sign three times: a quick test (few messages have one) before `_STRETCHED`'s slower
letter classes are tried at every place."""
_EMOJI = {"👍": "yes", "👌": "yes", "✅": "yes", "👎": "no", "❌": "no", "🙅": "no",
          "🙄": "eyeroll", "😒": "eyeroll", "🤷": "shrug"}  # fmt: skip
"""Emoji that answer or show doubt, as a word the word lists can name."""


@functools.cache
def _emoji_words(
    more: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str], dict[str, str], bool]:
    """One pattern finding every emoji (built in and `more`) and the word each becomes: one
    scan of a message instead of a search per emoji. A longer sign is tried first. Last,
    whether any sign is plain ASCII (":)"): if none is, plain ASCII text has no emoji."""
    words = {**dict(more), **_EMOJI}
    signs = sorted(words, key=len, reverse=True)
    plain = any(sign.isascii() for sign in signs)
    return re.compile("|".join(map(re.escape, signs))), words, plain


class LanguageError(ValueError):
    """`language.toml` cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Language:
    """The word lists of `dialogs/language.toml`, with the functions that use them."""

    contractions: Mapping[str, Words]
    suffixes: Mapping[str, str]
    s_after: frozenset[str]
    negations: frozenset[str]
    negation_ends: frozenset[str]
    hedges: tuple[Words, ...]
    conditions: tuple[Words, ...]
    pressure: tuple[Words, ...]
    corrections: tuple[Words, ...]
    neutral: frozenset[str] = frozenset()
    """Words a clear yes may carry besides its yes words (politeness, what is asked about)."""
    neutral_phrases: tuple[Words, ...] = ()
    """Phrases a clear yes may carry though some of their words are not neutral alone."""
    not_hedges: tuple[Words, ...] = ()
    """Phrases holding a hedge word that take no certainty out ("i think it is a good idea")."""
    softeners: tuple[Words, ...] = ()
    """Hedges that only soften a no ("i think i will pass", "not a fan, so no")."""
    reason_openers: tuple[Words, ...] = ()
    """Phrases that open a clause of their own ("yes because I forget things")."""
    denials: tuple[Words, ...] = ()
    """Negations that deny what follows ("not saying", "not that"): "I'm not saying no"."""
    keyboard: tuple[str, ...] = ()
    """The keyboard's rows of keys, to tell a slip of the finger ("ues") from another word."""
    emoji: tuple[tuple[str, str], ...] = ()
    """More emoji as words (`[emoji]`): a grimace or a smirk beside a yes is no clear yes."""
    soft_conditions: frozenset[Words] = frozenset()
    """Conditions that only soften a no (`[conditions] soft`): "thanks for asking, but no"."""
    shorthand: Shorthand = Shorthand()
    """Texting shorthand that is no word (`[shorthand]`): "&", "w/", "want 2 know"."""
    obliged: frozenset[str] = frozenset()
    """Words that open an obligation among the phrases of felt pressure ("have to agree")."""
    others: frozenset[str] = frozenset()
    """Words naming someone other than the client ("he", "partner", "everyone")."""
    selves: frozenset[str] = frozenset()
    """Words naming the client ("i", "me", "we")."""
    tasks: frozenset[str] = frozenset()
    """Tasks other than agreeing after "have to" ("give", "fill", "watch"): no pressure."""

    # ------------------------------------------------------------ words

    def tokens(self, text: str) -> Words:
        """`text` as words: lower case, texting shorthand (`shorthand.py`, read before the
        marks go: "2%" stays a number) and contractions spelt out, punctuation and marks dropped.

        A thumbs-up or thumbs-down emoji becomes the word "yes" or "no", an eye-roll
        "eyeroll" and a shrug "shrug"."""
        signs, words, plain_signs = _emoji_words(self.emoji)
        if text.isascii() and not plain_signs:  # the common case: nothing to normalise
            folded = text.lower().replace("`", "'")
        else:
            folded = _APOSTROPHES.sub("'", unicodedata.normalize("NFKC", text).casefold())
            folded = signs.sub(lambda hit: f" {words[hit.group()]} ", folded)
        shorthand = self.shorthand
        folded = shorthand.spell_digits(shorthand.spell_signs(folded))
        out: list[str] = []
        if _THRICE.search(folded):
            folded = _STRETCHED.sub(r"\1", folded)
        contractions = self.contractions
        for raw in _WORD.findall(folded):  # (most words spelt as they are, without a call)
            spelt = contractions.get(raw)
            if spelt is not None:
                out.extend(spelt)
            elif "'" not in raw:
                out.append(raw)
            else:
                out.extend(self._spell(raw))
        return tuple(out)

    def unsigned(self, text: str) -> str:
        """`text` without the emoji that `tokens` reads as words (a thumbs-up as "yes", a
        grimace as "uneasy"), each a space instead: what a message is about, without the
        answer or feeling typed beside it. The matcher reads messages so ("hi 👍" is no wish to
        take consent back); a yes or no, and the unease beside a yes, are read from the words
        `tokens` gives."""
        signs, _, plain_signs = _emoji_words(self.emoji)
        if text.isascii() and not plain_signs:  # the common case: no emoji
            return text
        return signs.sub(" ", text)

    def _spell(self, word: str) -> Words:
        if word in self.contractions:
            return self.contractions[word]
        if "'" not in word:
            return (word,)
        head, _, tail = word.partition("'")
        if tail == "t" and head.endswith("n"):
            return (*self._spell(head[:-1]), "not")
        if tail == "s":
            return (head, "is") if head in self.s_after else (head,)
        if tail in self.suffixes:
            return (*self._spell(head), self.suffixes[tail])
        return (head + tail,)

    def phrase(self, text: str) -> Words:
        """A word list entry read the same way as client text."""
        return self.tokens(text)

    def sentences(self, text: str) -> list[str]:
        """The sentences of `text`, as typed."""
        return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()] or [text]

    @staticmethod
    def trails_off(text: str) -> bool:
        """True when `text` ends in an ellipsis ("yeah... sure..."): said with hesitation."""
        return _TRAILING_OFF.search(text.strip()) is not None

    def clauses(self, text: str) -> list[Words]:
        """The words of each clause of `text` (split at commas, dashes, semicolons, ...)."""
        out = []
        for sentence in self.sentences(text):
            for part in _CLAUSE.split(sentence):
                words = self.tokens(part)
                if words:
                    out.append(words)
        return out

    # ------------------------------------------------------------ what a reply means

    def negated(self, words: Words) -> list[bool]:
        """For each word: is it inside a negation's reach (the negation word itself too)?"""
        flags, on = [], False
        for word in words:
            if word in self.negation_ends:
                on = False
            elif word in self.negations:
                on = True
            flags.append(on)
        return flags

    def negation_flags(self, text: str) -> list[bool]:
        """`negated()` for the words of `text`, with every clause starting afresh: in "no, I
        agree" the "no" does not reach "agree". One flag per word of `tokens(text)`."""
        flags = [flag for clause in self.clauses(text) for flag in self.negated(clause)]
        words = self.tokens(text)
        return flags if len(flags) == len(words) else self.negated(words)

    def hedge(self, words: Words, kept: Iterable[tuple[int, int]] = ()) -> Words | None:
        """The first hedge phrase in `words` ("i guess", "not sure"), or None. A hedge lying
        wholly inside a `not_hedges` phrase or inside one of the spans `kept` (a no phrase
        such as "nuh uh") does not count."""
        spans = list(kept)
        for phrase in self.not_hedges:
            spans += [(at, at + len(phrase)) for at in find_phrase(words, phrase)]
        for hedge in self.hedges:
            for at in find_phrase(words, hedge):
                if not any(start <= at and at + len(hedge) <= end for start, end in spans):
                    return hedge
        return None

    def neutral_at(self, words: Words) -> set[int]:
        """The indices of `words` inside a neutral phrase ("thank you for your time")."""
        return {
            i
            for phrase in self.neutral_phrases
            for at in find_phrase(words, phrase)
            for i in range(at, at + len(phrase))
        }

    def condition(self, words: Words) -> Words | None:
        """The first condition phrase in `words` ("only if", "unless"), or None."""
        return first_phrase(words, self.conditions)

    def felt_pressure(self, words: Words) -> Words | None:
        """The first phrase of felt pressure in `words` ("if i have to"), or None; not one said
        of someone else or before another task (`pressure.py`)."""
        return felt_pressure(self, words)

    def denials_in(self, words: Words) -> list[tuple[int, int]]:
        """Where each denial ("not saying", "never said") lies in `words`: an answer after
        it in the same clause is taken back, not said ("I'm not saying no")."""
        return sorted({(at, at + len(p)) for p in self.denials for at in find_phrase(words, p)})

    def correction_at(self, words: Words) -> int | None:
        """Where the last correction phrase ("i mean", "actually") ends, or None."""
        ends = self.correction_ends(words)
        return ends[-1] if ends else None

    def correction_ends(self, words: Words) -> list[int]:
        """Where each correction phrase ("i mean", "actually") ends, in order."""
        return sorted(
            {at + len(phrase) for phrase in self.corrections for at in find_phrase(words, phrase)}
        )


# ---------------------------------------------------------------- loading


def _list(
    data: Mapping[str, object], table: str, key: str, path: Path, required: bool = False
) -> list[str]:
    section = data.get(table, {})
    value = section.get(key, None if required else []) if isinstance(section, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LanguageError(f"{path} [{table}].{key}: must be a list of words or phrases")
    return value


def load_language(path: Path) -> Language:
    """Load and check `language.toml`; a problem is one line naming the file and key."""
    data = read_toml(path, "language word lists", LanguageError)
    raw_contractions = data.get("contractions", {})
    if not isinstance(raw_contractions, dict) or not all(
        isinstance(v, str) and v.strip() for v in raw_contractions.values()
    ):
        raise LanguageError(f"{path} [contractions]: each entry must be text in quotes")
    contractions = {k.casefold(): tuple(v.casefold().split()) for k, v in raw_contractions.items()}
    suffixes = {
        k: v for k, v in data.get("suffixes", {}).items() if k != "is_after" and isinstance(v, str)
    }
    bare = Language(contractions, suffixes, frozenset(), frozenset(), frozenset(), (), (), (), ())

    def phrases(table: str, key: str = "phrases") -> tuple[Words, ...]:
        out = tuple(bare.tokens(p) for p in _list(data, table, key, path))
        if any(not p for p in out):
            raise LanguageError(f"{path} [{table}].{key}: an entry has no words")
        return out

    return Language(
        contractions=contractions,
        suffixes=suffixes,
        s_after=frozenset(_list(data, "suffixes", "is_after", path)),
        negations=frozenset(w for p in phrases("negation", "words") for w in p),
        negation_ends=frozenset(w for p in phrases("negation", "ends") for w in p),
        hedges=phrases("hedges"),
        conditions=phrases("conditions"),
        pressure=phrases("pressure"),
        corrections=phrases("corrections"),
        neutral=frozenset(w for p in phrases("neutral", "words") for w in p),
        neutral_phrases=phrases("neutral"),
        not_hedges=phrases("hedges", "not_hedges"),
        softeners=phrases("hedges", "softeners"),
        denials=phrases("negation", "denials"),
        reason_openers=phrases("clauses", "reasons"),
        keyboard=tuple(_list(data, "typing", "keyboard", path)),
        emoji=_emoji(data.get("emoji", {}), path),
        soft_conditions=frozenset(
            bare.tokens(p) for p in _list(data, "conditions", "soft", path, required=True)
        ),
        shorthand=_shorthand(data, path),
        obliged=frozenset(_list(data, "pressure", "obliged", path)),
        others=frozenset(_list(data, "pressure", "others", path)),
        selves=frozenset(_list(data, "pressure", "selves", path)),
        tasks=frozenset(_list(data, "pressure", "tasks", path)),
    )


def _shorthand(data: Mapping[str, object], path: Path) -> Shorthand:
    """`[shorthand]`: its signs and digits, each spelt out as words, and the words a number
    counts."""
    table = data.get("shorthand", {})
    spelt: list[dict[str, str]] = []
    for key in "signs", "digits":
        entries = table.get(key, {}) if isinstance(table, dict) else None
        if not isinstance(entries, dict) or not all(
            isinstance(v, str) and v.strip() and all(w.isalpha() for w in v.split())
            for v in entries.values()
        ):
            raise LanguageError(f"{path} [shorthand].{key}: each entry must be words in quotes")
        spelt.append({k.casefold(): " ".join(v.casefold().split()) for k, v in entries.items()})
    signs, digits = spelt
    if any(sign.isalnum() for sign in signs):
        raise LanguageError(f"{path} [shorthand].signs: a sign must hold a mark, such as & or /")
    if not all(digit.isdigit() and " " not in word for digit, word in digits.items()):
        raise LanguageError(f"{path} [shorthand].digits: each must be digits, for one word")
    return Shorthand(
        signs=tuple(signs.items()),
        digits=digits,
        counted=frozenset(_list(data, "shorthand", "counted", path)),
        not_plural=frozenset(_list(data, "shorthand", "not_plural", path)),
        numbers_after=frozenset(_list(data, "shorthand", "numbers_after", path)),
    )


def _emoji(table: object, path: Path) -> tuple[tuple[str, str], ...]:
    if not isinstance(table, dict) or not all(
        isinstance(v, str) and v.strip() and v.isalpha() for v in table.values()
    ):
        raise LanguageError(f"{path} [emoji]: each entry must be one word in quotes")
    return tuple((k, v.casefold()) for k, v in table.items())


@functools.cache
def default_language() -> Language:
    """The word lists of the content in use (`--content`, else the shipped `dialogs/`)."""
    return load_language(dialogs_dir() / "language.toml")
