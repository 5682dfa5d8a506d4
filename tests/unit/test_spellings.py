"""British and American spellings, and the nouns of the concerns' verbs, read alike: "summarised"
meets "summarize" in the lexicon, "behaviour" meets "behavior", and "deletion", "erasure" and
"withdrawal" are words of the concerns they name (`analyzer.stem_word`, dialogs/lexicon.toml)."""

from __future__ import annotations

import pytest

from assistant.engine.analyzer import stem_word
from assistant.engine.matcher import Matcher


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("summarise", "summarize"),
        ("summarised", "summarized"),
        ("summarising", "summarizing"),
        ("analyse", "analyze"),
        ("analysed", "analyzed"),
        ("anonymised", "anonymized"),
        ("organisation", "organization"),
        ("behaviour", "behavior"),
        ("colour", "color"),
    ],
)
def test_british_and_american_spellings_meet(british: str, american: str) -> None:
    assert stem_word(british) == stem_word(american)


@pytest.mark.parametrize("word", ["this", "his", "your", "hour", "four", "raised", "basis"])
def test_short_words_keep_their_stem(word: str) -> None:
    """Only longer stems are respelt: "this" is no "thiz", "your" no "yor"."""
    assert stem_word(word) in {word, word[:-1], word[:-2]}


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("what about deletion?", "deletion"),
        ("erasure of my data", "deletion"),
        ("withdrawal of consent", "withdraw"),
        ("are the notes summarised by the AI", "summary"),
        ("are the notes summarized by the AI", "summary"),
    ],
)
def test_the_words_are_read_as_their_concern(
    shipped_matcher: Matcher, text: str, concern: str
) -> None:
    assert shipped_matcher.match(text).concern == concern
