"""The matcher's language data, loaded from `dialogs/lexicon.toml` as plain data.

The lexicon says which words and phrases mean the same thing here ("erase", "wipe" and "get rid
of" all mean *delete*), which irregular word forms belong together ("kept" is "keep"), what
people ask at a kiosk that is not about recording at all, and which words carry no topic. It is
content, not code: a clinic adds a synonym by editing the file. Loading checks the file and
fails with one line naming the file and the key, so a broken edit is easy to find. How the
matcher *uses* the data lives in `assistant.engine.matcher`; nothing here scores anything.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from assistant.engine.datafile import read_toml
from assistant.engine.fingerprint import UNPRINTED
from assistant.paths import dialogs_dir

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_WORD = re.compile(r"[a-z0-9]+")
_TABLES = ("concepts", "irregular", "topics", "offtopic", "words", "gapped")


@dataclass(frozen=True, slots=True)
class Gap:
    """A phrase with words in between ("take my consent back"), closed up before matching."""

    pattern: re.Pattern[str]
    becomes: str
    needs: tuple[str, ...]
    """Bits of text one of which the message must hold for the pattern to be tried at all."""


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Everything in one lexicon file, checked. Compared and hashed by identity."""

    source: str = field(metadata=UNPRINTED)
    """The file it was read from, named in its error messages (no part of its fingerprint)."""
    concepts: Mapping[str, tuple[str, ...]]
    """Concept name -> the words and phrases that mean it, in file order."""
    irregular: Mapping[str, str]
    """Word form -> the word it is a form of ("kept" -> "keep")."""
    topics: Mapping[str, str | None]
    """Concepts nearly every message uses -> the concern that owns them (or None)."""
    anchors: frozenset[str]
    """Concepts that show a message is about recording at all."""
    offtopic_concepts: tuple[str, ...]
    """Concepts that point away from recording ("blood pressure", "lost and found")."""
    pointers: frozenset[str]
    """Words that point at something named before ("can they get *it*")."""
    offtopic_keywords: tuple[str, ...]
    offtopic_examples: tuple[str, ...]
    stop: frozenset[str]
    common: frozenset[str]
    gapped: tuple[Gap, ...]
    additive: tuple[str, ...] = ()
    """Openings that add another point to a long message ("also", "and one more thing")."""
    adding: frozenset[str] = frozenset()
    """Words that mark an added point among a sentence's first words ("i would *also* like")."""
    asking: tuple[str, ...] = ()
    """Phrases that mark the sentence of a long message that asks or states the worry ("i want
    to know", "i am worried", "what if"), as against the story around it."""
    asking_starts: frozenset[str] = frozenset()
    """Words a sentence that asks opens with ("can", "who"), even without a question mark."""
    fillers: frozenset[str] = frozenset()
    """Words skipped at the start of a sentence before its opening is judged ("so", "ok")."""
    frame_words: frozenset[str] = frozenset()
    """Words of a lead-in of asking ("could *somebody* tell *me* about"): with a `frame_asks`
    word among them, up to a `frame_ends` word, a message of one sentence is read without it."""
    frame_asks: frozenset[str] = frozenset()
    """The asking a lead-in must name ("question", "ask", "know", "explain")."""
    frame_ends: frozenset[str] = frozenset()
    """The words a lead-in ends with ("about", "regarding", "on", "through")."""
    frame_talks: frozenset[str] = frozenset()
    """Pairs of words that ask in a lead-in as `frame_asks` do, as the pair only ("who would i
    *speak with* about": "speak to", "talk with"; "is it ok to talk about" asks nothing)."""
    telling: tuple[str, ...] = ()
    """Phrases that open a sentence of the story around a worry: greetings, thanks and
    sign-offs ("hi all", "thanks in advance"), who the writer is ("i am a", "i have been
    seeing"), what happened when ("last week", "years ago")."""
    dismissing: tuple[str, ...] = ()
    """Phrases that set a topic aside in a long message ("i am not worried about", "i am fine
    with"): what follows them in their clause is no worry of the writer's."""
    excusing: tuple[str, ...] = ()
    """Phrases by which a writer excuses how they write ("sorry for my english", "english is
    not my first language", "sorry for the long post"): in a long message, a sentence holding
    one that does not ask is not read at all."""
    opening: tuple[str, ...] = ()
    """Greetings and apologies that open a message and carry no worry ("hi", "sorry, quick
    question"): a message is read without them (`SentenceKinds.unwrapped`), and a sentence of
    nothing else (or `closing`) is not read at all in a message of several."""
    closing: tuple[str, ...] = ()
    """Thanks that close a message and carry no worry ("thanks", "thank you so much")."""
    interjections: tuple[str, ...] = ()
    """Words said before a question and set off from it by a comma, a dash or a full stop
    ("wait, ...", "hmm... ", "hang on - "): not read there (`asides.py`)."""
    sign_offs: tuple[str, ...] = ()
    """Thanks and sign-offs before the writer's name at the end of a message ("thanks, Priya",
    "kind regards, J. Novak"): the name is not read (`sign_offs.py`)."""
    line_sign_offs: tuple[str, ...] = ()
    """Sign-offs that are one only on a line or sentence of their own ("Best,\nTom")."""
    footers: tuple[str, ...] = ()
    """How a phone or mail program signs what it sends ("sent from my"): not read at the end."""
    introducing: tuple[str, ...] = ()
    """How a writer gives their name at the start ("this is", "my name is"): not read."""
    titles: frozenset[str] = frozenset()
    """Titles before a name ("dr", "mrs"): "Hi Dr Lee, ..." is read as "Hi, ..."."""
    stressing: tuple[str, ...] = ()
    """Phrases by which a writer marks the worry that matters most to them ("what i really
    need to know", "my main worry", "most importantly"): in a long post, of its two leading
    worries, the one such a sentence is about is the main one."""


class _Problem(Exception):
    """A problem at one key; the loader adds the file name."""


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _Problem(f"{key}: must be a table")
    return value


def _phrases(value: Any, key: str) -> tuple[str, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and _WORD.search(v.lower()) for v in value)
    ):
        raise _Problem(f"{key}: must be a non-empty list of words or phrases in quotes")
    return tuple(" ".join(v.lower().split()) for v in value)


def _optional(words: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """The phrases of `words[key]`, none when the file leaves the list out."""
    return _phrases(words[key], f"words.{key}") if key in words else ()


def _pairs(words: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """`_optional`'s phrases, each of two plain words ("speak with")."""
    pairs = _optional(words, key)
    for pair in pairs:
        if len(pair.split()) != 2 or not all(_WORD.fullmatch(w) for w in pair.split()):
            raise _Problem(f'words.{key}: {pair!r} is not two plain words ("speak with")')
    return pairs


def _words(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, str):
        raise _Problem(f"{key}: must be text: words separated by spaces or new lines")
    words = tuple(value.lower().split())
    for word in words:
        if not _WORD.fullmatch(word):
            raise _Problem(f"{key}: {word!r} is not a plain word (letters and digits only)")
    return words


def _names(value: Any, key: str, concepts: Mapping[str, object]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Problem(f"{key}: must be a list of concept names in quotes")
    for name in value:
        if name not in concepts:
            raise _Problem(f"{key}: {name!r} is no concept in [concepts]")
    return tuple(value)


def _concepts(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    concepts: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for name, value in _table(data, "concepts").items():
        if not _NAME.fullmatch(name):
            raise _Problem(f"concepts.{name}: a concept name is lower-case letters, digits, _")
        phrases = _phrases(value, f"concepts.{name}")
        for phrase in phrases:
            key = phrase.replace("'", "")
            if key in owner:
                where = "twice" if owner[key] == name else f"under concepts.{owner[key]} too"
                raise _Problem(f"concepts.{name}: {phrase!r} is listed {where}")
            owner[key] = name
        concepts[name] = phrases
    if not concepts:
        raise _Problem("concepts: needs at least one concept")
    return concepts


def _irregular(data: Mapping[str, Any]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for form, base in _table(data, "irregular").items():
        if not _WORD.fullmatch(form):
            raise _Problem(f"irregular.{form}: the word form must be one plain lower-case word")
        if not isinstance(base, str) or not _WORD.fullmatch(base):
            raise _Problem(f"irregular.{form}: must be one plain lower-case word in quotes")
        forms[form] = base
    return forms


def _topics(
    data: Mapping[str, Any], concepts: Mapping[str, object], concern_ids: frozenset[str]
) -> dict[str, str | None]:
    topics: dict[str, str | None] = {}
    for name, owner in _table(data, "topics").items():
        if name not in concepts:
            raise _Problem(f"topics.{name}: no such concept in [concepts]")
        if not isinstance(owner, str) or (owner and concern_ids and owner not in concern_ids):
            raise _Problem(f'topics.{name}: must be a concern id in quotes, or "" for none')
        topics[name] = owner or None
    return topics


def _gapped(data: Mapping[str, Any]) -> tuple[Gap, ...]:
    raw = data.get("gapped", [])
    if not isinstance(raw, list) or not all(isinstance(g, dict) for g in raw):
        raise _Problem("gapped: must be [[gapped]] tables")
    gaps: list[Gap] = []
    for i, table in enumerate(raw):
        where = f"gapped[{i}]"
        unknown = set(table) - {"pattern", "becomes", "needs"}
        if unknown:
            raise _Problem(f"{where}: unknown key '{sorted(unknown)[0]}'")
        pattern, becomes = table.get("pattern"), table.get("becomes")
        if not isinstance(pattern, str) or not pattern:
            raise _Problem(f"{where}.pattern: must be a regular expression in quotes")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise _Problem(f"{where}.pattern: not a valid regular expression ({exc})") from None
        if not isinstance(becomes, str) or not becomes.strip():
            raise _Problem(f"{where}.becomes: must be non-empty text")
        for ref in re.findall(r"\\(\d+)", becomes):
            if not 0 < int(ref) <= compiled.groups:
                raise _Problem(f"{where}.becomes: \\{ref} names no group of the pattern")
        gaps.append(Gap(compiled, becomes, _phrases(table.get("needs"), f"{where}.needs")))
    return tuple(gaps)


def parse_lexicon(data: Mapping[str, Any], source: str, concern_ids: Sequence[str] = ()) -> Lexicon:
    """Build a lexicon from parsed TOML; a problem is one line naming `source` and the key."""
    try:
        unknown = [key for key in data if key not in _TABLES]
        if unknown:
            raise _Problem(f"{unknown[0]}: unknown table (known: {', '.join(_TABLES)})")
        concepts = _concepts(data)
        offtopic = _table(data, "offtopic")
        anchors = _names(offtopic.get("anchors"), "offtopic.anchors", concepts)
        away = _names(offtopic.get("concepts", []), "offtopic.concepts", concepts)
        words = _table(data, "words")
        return Lexicon(
            source=source,
            concepts=MappingProxyType(concepts),
            irregular=MappingProxyType(_irregular(data)),
            topics=MappingProxyType(_topics(data, concepts, frozenset(concern_ids))),
            anchors=frozenset(anchors),
            offtopic_concepts=away,
            pointers=frozenset(_words(offtopic.get("pointers", ""), "offtopic.pointers")),
            offtopic_keywords=_words(offtopic.get("keywords", ""), "offtopic.keywords"),
            offtopic_examples=_phrases(offtopic.get("examples"), "offtopic.examples"),
            stop=frozenset(_words(words.get("stop", ""), "words.stop")),
            common=frozenset(_words(words.get("common", ""), "words.common")),
            gapped=_gapped(data),
            additive=_optional(words, "additive"),
            adding=frozenset(_words(words.get("adding", ""), "words.adding")),
            asking=_optional(words, "asking"),
            asking_starts=frozenset(_words(words.get("asking_starts", ""), "words.asking_starts")),
            fillers=frozenset(_words(words.get("fillers", ""), "words.fillers")),
            frame_words=frozenset(_words(words.get("frame_words", ""), "words.frame_words")),
            frame_asks=frozenset(_words(words.get("frame_asks", ""), "words.frame_asks")),
            frame_ends=frozenset(_words(words.get("frame_ends", ""), "words.frame_ends")),
            frame_talks=frozenset(_pairs(words, "frame_talks")),
            telling=_optional(words, "telling"),
            dismissing=_optional(words, "dismissing"),
            excusing=_optional(words, "excusing"),
            opening=_optional(words, "opening"),
            closing=_optional(words, "closing"),
            interjections=_optional(words, "interjections"),
            stressing=_optional(words, "stressing"),
            sign_offs=_optional(words, "sign_offs"),
            line_sign_offs=_optional(words, "line_sign_offs"),
            footers=_optional(words, "footers"),
            introducing=_optional(words, "introducing"),
            titles=frozenset(_words(words.get("titles", ""), "words.titles")),
        )
    except _Problem as exc:
        raise ValueError(f"{source}: {exc}") from None


def load_lexicon(path: Path | None = None, concern_ids: Sequence[str] = ()) -> Lexicon:
    """Load and check `lexicon.toml` (default: the one in `dialogs/`); `topics` may name
    only `concern_ids` when given. Reads the file each call; use `default_lexicon()` for the
    shared, load-once copy."""
    p = path if path is not None else dialogs_dir() / "lexicon.toml"
    return parse_lexicon(read_toml(p, "lexicon"), str(p), concern_ids)


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon in `dialogs/`, loaded once per process."""
    return load_lexicon()
