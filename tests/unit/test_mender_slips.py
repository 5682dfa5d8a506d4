"""The typo mender ranks the slips people make, and mends towards everyday words when no content
word is as close (words.Mender, analyzer.Analyzer): "poilce" is "police", "paues" is "pause"."""

from __future__ import annotations

import pytest

from assistant.engine.analyzer import Analyzer
from assistant.engine.english import english_words
from assistant.engine.language import default_language
from assistant.engine.lexicon import default_lexicon
from assistant.engine.slips import neighbours
from assistant.engine.words import Mender, swapped_letters

NEAR = neighbours(default_language().keyboard)


@pytest.mark.parametrize(
    ("typed", "meant", "other"),
    [
        ("paues", "pause", "pages"),  # two letters swapped, not a far key
        ("refse", "refuse", "reuse"),  # a letter dropped, not a far key
        ("scure", "secure", "score"),  # a letter dropped, not a vowel for a vowel
        ("wirte", "write", "wiste"),  # two letters swapped, not a far key
    ],
)
def test_the_likelier_slip_wins_a_tie(typed: str, meant: str, other: str) -> None:
    mender = Mender([meant, other], near=NEAR)
    assert mender.mend(typed) == meant
    assert swapped_letters(typed, meant, NEAR) < swapped_letters(typed, other, NEAR)


def test_without_a_keyboard_a_near_key_counts_as_far() -> None:
    assert swapped_letters("sevurity", "security", NEAR) == (0, 1)
    assert swapped_letters("sevurity", "security", {}) == (1, 1)


def test_everyday_words_are_a_fallback_only() -> None:
    content = ["comma", "secure"]
    everyday = ["common", "police", "glass"]
    plain = Mender(content, everyday, english_words())
    fallback = Mender(content, everyday, english_words(), fallback=everyday, near=NEAR)
    assert plain.mend("poilce") == "poilce"  # an everyday word was never mended towards
    assert fallback.mend("poilce") == "police"
    assert fallback.mend("commn") == "common"  # a letter dropped, not "a" for "n"
    assert fallback.mend("glass") == "glass"  # a known word stays
    assert fallback.mend("secuer") == "secure"


def test_a_content_word_wins_over_an_everyday_word_as_close() -> None:
    # each is a letter dropped; the everyday word comes first in the alphabet
    mender = Mender(["record"], ["recard"], fallback=["recard"], near=NEAR)
    assert mender.mend("recrd") == "record"


def test_the_analyzer_mends_everyday_key_words() -> None:
    analyzer = Analyzer(default_lexicon(), ["can the police get my notes"])
    assert {analyzer.mend(w) for w in ("poilce", "polce", "poliec")} == {"police"}
    assert analyzer.mend("privite") == "private"
    assert analyzer.mend("cancer") == "cancer"  # a real word is no slip


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("whocan", ["who", "can"]),
        ("isit", ["is", "it"]),
        ("doesit", ["does", "it"]),  # not "doesnt": a letter for another is no likelier
        ("mynotes", ["my", "notes"]),
        ("recordin", ["recording"]),  # a letter left out mends it
        ("proff", ["proof"]),  # "pr" is no word to split into
        ("notes", ["notes"]),
        ("rivera", ["rivera"]),  # a name stays as typed
    ],
)
def test_two_words_typed_without_a_space(typed: str, read: list[str]) -> None:
    vocabulary = ["who can see my notes", "is it kept", "is the recording deleted", "proof"]
    analyzer = Analyzer(default_lexicon(), vocabulary)
    assert analyzer.mend_all([typed]) == read


def test_a_question_s_words_of_four_letters_are_mended() -> None:
    """The analyzer mends a question's slips from four letters (`QUESTION_MEND_MIN`), and a word
    of three that is one word with a letter left out; a reply's yes and no words, and any mender
    by default, from five (`MEND_MIN`)."""
    analyzer = Analyzer(
        default_lexicon(), ["what is the point of it", "can i pause it", "is there a risk"]
    )
    assert analyzer.mend("pont") == "point"  # a letter dropped
    assert analyzer.mend("thik") == "think"
    assert analyzer.mend("puse") == "pause"
    assert analyzer.mend("ntoe") == "note"  # two letters swapped
    assert analyzer.mend("hand") == "hand"  # a real word is no slip
    assert analyzer.mend("rsk") == "risk"  # three letters: one word with a letter left out
    assert analyzer.mend("cpy") == "copy"
    assert analyzer.mend("frm") == "frm"  # "form", "from" or "firm"
    assert analyzer.mend("fin") == "fin"  # a real word is no slip
    assert Mender(["point"]).mend("pont") == "pont"
    assert Mender(["point"], shortest=4).mend("pont") == "point"
    assert Mender(["risk"], shortest=4).mend("rsk") == "rsk"
    assert Mender(["risk"], shortest=4, letter_left_out=True).mend("rsk") == "risk"
    assert Mender(["risk"], shortest=4, letter_left_out=True).mend("rsa") == "rsa"


def test_an_everyday_word_of_three_letters_is_never_mended_towards() -> None:
    mender = Mender(["secure"], ["the", "you"], fallback=["the", "you"], shortest=4)
    assert mender.mend("thew") == "thew"
    assert mender.mend("youu") == "youu"


def test_a_slip_that_looks_like_an_ending_on_a_word_that_takes_none_is_mended() -> None:
    """ "nots" is no plural of "not" but "notes" with a letter left out; "charged" stays."""
    analyzer = Analyzer(default_lexicon(), ["who can see my notes", "is it charged"])
    assert analyzer.mend("nots") == "notes"
    assert analyzer.mend("charged") == "charged"
    assert analyzer.mend("recordings") == "recordings"


def test_a_word_of_the_same_length_comes_before_a_content_word_one_letter_longer() -> None:
    """ "raed" is "read" (two letters swapped) before "rated" (a letter left out), though only
    "rated" is a content word and "read" an everyday one."""
    mender = Mender(["rated"], ["read"], fallback=["read"], near=NEAR, shortest=4)
    assert mender.mend("raed") == "read"
