"""Texting shorthand is read as the words it stands for (`shorthand.py`, `[shorthand]` and
`[contractions]` in dialogs/language.toml), and a number stays a number."""

from __future__ import annotations

import pytest

from assistant.engine.content import load_content
from assistant.engine.language import default_language

LANGUAGE = default_language()


def words(text: str) -> str:
    return " ".join(LANGUAGE.tokens(text))


@pytest.mark.parametrize(
    ("texted", "written"),
    [
        ("i want 2 know who reads it", "i want to know who reads it"),
        ("is it 4 my therapist", "is it for my therapist"),
        ("listen 2 this", "listen to this"),
        ("talk 2 us", "talk to us"),
        ("me & my partner", "me and my partner"),
        ("me&my mum", "me and my mum"),
        ("w/my mum", "with my mum"),
        ("kept w/o my name", "kept without my name"),
        ("w/out asking", "without asking"),
        ("b/c i said so", "because i said so"),
        ("can u tell me wat ur notes r", "can you tell me what your notes are"),
        ("dey kno abt it", "they know about it"),
        ("mi sesh rn", "my session right now"),
        ("i dont want 2 b here", "i dont want to be here"),
        ("y  do u need  2  record", "y do you need to record"),  # more than one space
        ("want\t2 know", "want to know"),
    ],
)
def test_shorthand_reads_as_the_words_it_stands_for(texted: str, written: str) -> None:
    assert words(texted) == words(written)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("is it kept for 2 weeks", "is it kept for 2 weeks"),  # a plural: the number counts it
        ("a 2 hour session", "a 2 hour session"),  # one of `counted`
        ("see u at 4 then", "see you at 4 then"),  # after a word a number follows
        ("2 people will read it", "2 people will read it"),  # at the start
        ("me 2", "me 2"),  # at the end ("me too")
        ("phone is on 2%, charger anywhere?", "phone is on 2 charger anywhere"),  # beside a mark
        ("at 2:30 today", "at 2 30 today"),
        ("and/or", "and or"),  # a sign only where a word may start
        ("i want to know\n2 what happens", "i want to know 2 what happens"),  # opens a line
    ],
)
def test_a_number_or_a_word_stays_as_it_is(text: str, read: str) -> None:
    assert words(text) == read


@pytest.mark.parametrize(
    "texted",
    [
        "i dont want 2 b here anymore",
        "he hits me & reads my phone",
        "i want 2 end it all rn",
        "my bf hurts me w/ his belt",
    ],
)
def test_a_texted_risk_is_found_as_the_written_one_is(texted: str) -> None:
    safety = load_content().safety
    assert safety.find(LANGUAGE.tokens(texted)) is not None


@pytest.mark.parametrize(
    ("bare", "written"),
    [
        ("itll get stuff wrong", "it'll get stuff wrong"),
        ("wheres the proof", "where's the proof"),
        ("whos going to read it", "who's going to read it"),
        ("theyve got my notes", "they've got my notes"),
        ("youd tell me first", "you'd tell me first"),
        ("i shouldve asked", "i should've asked"),
        ("shes worried", "she's worried"),
    ],
)
def test_a_contraction_typed_without_its_apostrophe_reads_as_with_it(
    bare: str, written: str
) -> None:
    assert words(bare) == words(written)


@pytest.mark.parametrize("word", ["its", "ill", "well", "were", "id", "shell", "wed", "hell"])
def test_a_word_that_is_also_a_contraction_without_its_apostrophe_stays(word: str) -> None:
    assert words(f"is {word} here") == f"is {word} here"
