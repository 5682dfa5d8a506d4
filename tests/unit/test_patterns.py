"""Phrase patterns (`patterns.py`) and plain phrases (`words.find_phrase`): which phrase is found
where, and that trying at each word only the phrases that can start with it finds what trying
them all, longest first, would."""

from __future__ import annotations

import random
import re
import tomllib
from pathlib import Path

import pytest

from assistant.engine.language import Language, default_language
from assistant.engine.patterns import PatternError, PhraseSet, _compile, _joined
from assistant.engine.words import find_phrase, has_phrase

DIALOGS = Path(__file__).resolve().parents[2] / "dialogs"
GROUPS = {"self": ["myself", "me"], "harm": ["hurt", "hurting", "cut"], "who": ["my mum", "him"]}


@pytest.fixture(scope="module")
def language() -> Language:
    return default_language()


def _hits(found: PhraseSet, text: str, language: Language, overlapping: bool) -> list[tuple]:
    words = language.tokens(text)
    hits = found.find_overlapping(words) if overlapping else found.find(words)
    return [(h.phrase, h.start, h.end) for h in hits]


def test_the_longest_phrase_starting_at_a_word_wins(language: Language) -> None:
    found = PhraseSet(["i do", "i do not mind", "do not have a problem"], language)
    text = "well i do not mind"
    assert _hits(found, text, language, False) == [("i do not mind", 1, 5)]
    text = "i do not have a problem"
    assert _hits(found, text, language, False) == [("i do", 0, 2)]
    assert _hits(found, text, language, True) == [
        ("i do", 0, 2),
        ("do not have a problem", 1, 6),
    ]


def test_groups_and_gaps_at_the_start_and_inside(language: Language) -> None:
    phrases = ["{harm} {self}", "* worried", "talk to {who}", "{who} ** know"]
    found = PhraseSet(phrases, language, GROUPS)
    text = "I might cut myself, I'm so worried. Can I talk to my mum? Does him know"
    assert _hits(found, text, language, True) == [
        ("{harm} {self}", 2, 4),
        ("* worried", 4, 8),  # "i am so worried": a gap of up to three words may open it
        ("* worried", 5, 8),
        ("* worried", 6, 8),
        ("* worried", 7, 8),
        ("talk to {who}", 10, 14),  # "my mum": a group's words may be several
        ("{who} ** know", 12, 17),  # "my mum does him know"
        ("{who} ** know", 15, 17),
    ]
    assert _hits(found, text, language, False) == [
        ("{harm} {self}", 2, 4),
        ("* worried", 4, 8),
        ("talk to {who}", 10, 14),
        ("{who} ** know", 15, 17),  # the hit at "my" is inside "talk to my mum"
    ]
    assert _hits(found, "so i want to talk to him", language, False) == [("talk to {who}", 4, 7)]
    assert _hits(found, "a worry", language, True) == []


def test_of_phrases_starting_in_different_ways_the_longest_wins(language: Language) -> None:
    """A phrase's first word, its first group and a gap at its start are three ways to start at
    one word; the longest phrase still wins, whichever way it starts."""
    found = PhraseSet(["so worried", "* worried about it", "my", "{who} said no"], language, GROUPS)
    assert _hits(found, "so worried about it", language, False) == [("* worried about it", 0, 4)]
    assert _hits(found, "so worried", language, False) == [("so worried", 0, 2)]
    assert _hits(found, "my mum said no", language, False) == [("{who} said no", 0, 4)]
    assert _hits(found, "my mum said yes", language, False) == [("my", 0, 1)]


def test_a_phrase_of_gaps_alone_is_refused(language: Language) -> None:
    with pytest.raises(PatternError, match="has no words"):
        PhraseSet(["* **"], language)
    with pytest.raises(PatternError, match="names no group"):
        PhraseSet(["{nobody} here"], language, GROUPS)


def _shipped() -> list[tuple[str, list[str], dict[str, list[str]]]]:
    """Every phrase table of the shipped safety.toml and intents.toml, with its groups."""
    out = []
    for name in "safety.toml", "intents.toml":
        data = tomllib.loads((DIALOGS / name).read_text(encoding="utf-8"))
        groups = {k: list(v) for k, v in data.get("groups", {}).items()}
        groups.setdefault("clinician", []).append("dr rivera")
        groups.setdefault("someone", []).append("dr rivera")
        for table, value in data.items():
            if isinstance(value, dict) and isinstance(value.get("phrases"), list):
                out.append((f"{name} [{table}]", value["phrases"], groups))
    return out


Alone = list[tuple[str, re.Pattern[str]]]


def _alone(phrases: list[str], language: Language, groups: dict[str, list[str]]) -> Alone:
    """Each phrase compiled on its own, longest first."""
    order = sorted(phrases, key=lambda phrase: -len(phrase.split()))
    return [
        (phrase, _joined([f"(?P<p0>{_compile(phrase, language, groups, 'test', {})[0]})"]))
        for phrase in order
    ]


def _plain(alone: Alone, text: str, language: Language, overlapping: bool) -> list[tuple]:
    """What one expression of all the phrases, longest first, finds: each phrase is tried in
    turn at each word and the first that matches is taken."""
    words = language.tokens(text)
    joined = " ".join(words)
    hits: list[tuple] = []
    pos, after = 0, 0
    for start, word in enumerate(words):
        if overlapping or start >= after:
            for phrase, regex in alone:
                m = regex.match(joined, pos)
                if m is not None:
                    after = start + len(m.group(0).split())
                    hits.append((phrase, start, after))
                    break
        pos += len(word) + 1
    return hits


def _spoken(
    phrase: str, groups: dict[str, list[str]], rng: random.Random, filler: list[str]
) -> str:
    """A text that says `phrase`: each gap filled with a few words, each group one of its own."""
    out = [rng.choice(filler) for _ in range(rng.randint(0, 2))]
    for piece in phrase.split():
        if piece in ("*", "**"):
            out += [rng.choice(filler) for _ in range(rng.randint(0, 4 if piece == "*" else 9))]
        elif piece.startswith("{"):
            out.append(rng.choice(groups[piece[1:-1]]))
        else:
            out.append(piece)
    return " ".join(out + [rng.choice(filler) for _ in range(rng.randint(0, 2))])


@pytest.mark.parametrize(
    ("where", "phrases", "groups"), [pytest.param(*t, id=t[0]) for t in _shipped()]
)
def test_the_shipped_phrases_are_found_as_by_one_expression(
    language: Language, where: str, phrases: list[str], groups: dict[str, list[str]]
) -> None:
    found = PhraseSet(phrases, language, groups, where)
    alone = _alone(phrases, language, groups)
    vocabulary = sorted(
        {w for p in phrases for w in p.split() if not w.startswith(("{", "*"))}
        | {w for options in groups.values() for o in options for w in o.split()}
    )
    filler = ["i", "not", "the", "it", "so", "my", "a", "really"]
    rng = random.Random(where)
    texts = [_spoken(rng.choice(phrases), groups, rng, filler + vocabulary) for _ in range(30)]
    texts += [
        " ".join(rng.choice(vocabulary + filler) for _ in range(rng.randint(1, 14)))
        for _ in range(30)
    ]
    assert sum(bool(_plain(alone, text, language, False)) for text in texts) >= 20  # real hits
    for text in texts:
        for overlapping in False, True:
            assert _hits(found, text, language, overlapping) == _plain(
                alone, text, language, overlapping
            ), (where, text, overlapping)


def test_a_plain_phrase_is_found_word_aligned_wherever_it_starts() -> None:
    words = ("i", "do", "not", "know", "if", "i", "do", "not", "today's")
    assert find_phrase(words, ("i", "do", "not")) == [0, 5]
    assert find_phrase(words, ("do",)) == [1, 6]
    assert find_phrase(words, ("today",)) == []  # "today" is not in "today's"
    assert find_phrase(words, ("not", "today's")) == [7]
    assert find_phrase(words, ("today's", "more")) == []  # runs past the end
    assert find_phrase(words, ()) == [] and find_phrase((), ("i",)) == []
    assert has_phrase(words, ("know", "if")) and not has_phrase(words, ("if", "know"))
