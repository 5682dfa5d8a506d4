"""The safety net's meaning signal (assistant/engine/safety_meaning.py) with the real model."""

from __future__ import annotations

import pytest

from assistant.engine.embedder import default_embedder
from assistant.engine.safety_meaning import SafetyMeaning


def words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


CRISIS = [words(t) for t in ("i want to die", "i am going to kill myself", "he hits me every day")]
ORDINARY = [
    words(t) for t in ("can i read my notes", "is the recording deleted", "where do i park my car")
]


@pytest.fixture(scope="module")
def meaning() -> SafetyMeaning:
    return SafetyMeaning(default_embedder(), CRISIS, ORDINARY, nearest=1, window=4)


def test_a_crisis_in_other_words_sits_nearer_the_crisis_examples(meaning: SafetyMeaning) -> None:
    assert meaning.margin(words("i do not want to live anymore")) > 0
    assert meaning.margin(words("who can see my notes later")) < 0


def test_a_crisis_sentence_inside_a_long_message_is_read_in_its_window(
    meaning: SafetyMeaning,
) -> None:
    long = words("can i read my notes and is the recording deleted i want to die")
    windows = meaning.pieces(long)
    assert windows[0] == long and words("i want to die") in windows
    assert meaning.margin(long) >= meaning.margin(words("i want to die")) - 1e-6


def test_short_messages_are_read_whole_and_empty_ones_are_even(meaning: SafetyMeaning) -> None:
    assert meaning.pieces(words("i want to die")) == [words("i want to die")]
    assert meaning.margin(()) == 0.0


def test_it_needs_examples_of_both_kinds() -> None:
    with pytest.raises(ValueError, match="crisis and ordinary"):
        SafetyMeaning(default_embedder(), CRISIS, [])
