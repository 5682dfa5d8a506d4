"""Asides before a question are not read (`asides.py`, `SentenceKinds.unwrapped`): "wait, who
reads it?", "dumb question, but can I say no?" and "and also, is it kept?" are read as the
question alone, while a word set off by nothing ("wait until next week to decide?") or a
concern's word before "question" ("Privacy question: ...") stays."""

from __future__ import annotations

import pytest
from reading_support import assert_read_alike

from assistant.engine.asides import Asides
from assistant.engine.language import default_language
from assistant.engine.lexicon import default_lexicon
from assistant.engine.matcher import Matcher
from assistant.engine.sentences import SentenceKinds

TOPICAL = frozenset({"privacy", "recording", "data", "ai", "notes", "deletion"})
"""Words a concept holds, as far as these cases go (the matcher asks its lexicon)."""


class Words:
    def topical(self, word: str) -> bool:
        return word in TOPICAL


@pytest.fixture(scope="module")
def asides() -> Asides:
    return Asides(default_lexicon(), Words())


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("wait, who reads it?", "who reads it?"),
        ("Wait... who reads it?", "who reads it?"),
        ("hang on - can I say no?", "can I say no?"),
        ("Hmm. Is it kept?", "Is it kept?"),
        ("oh ok wait, is it kept", "is it kept"),
        ("just curious, who reads it", "who reads it"),
        ("genuine question: who reads it", "who reads it"),
        ("Serious question - is it kept?", "is it kept?"),
        ("dumb question, but can I say no", "but can I say no"),
        ("sorry if this is a silly question but can I say no", "can I say no"),
        ("I have a question: who reads it?", "who reads it?"),
        ("quick q: who reads it", "who reads it"),
        ("ok wait, quick question: who reads it", "who reads it"),
        ("Is it private? Sorry if that's a dumb question.", "Is it private?"),
        ("can I say no (silly question I know)", "can I say no"),
        ("who reads it, serious question", "who reads it"),
        ("wait, is it kept? fair question I think", "is it kept?"),
    ],
)
def test_asides_are_taken_out(asides: Asides, typed: str, read: str) -> None:
    assert asides.strip(typed) == read


@pytest.mark.parametrize(
    "typed",
    [
        "wait until next week to decide?",  # "wait" set off by nothing
        "well-being data, who sees it?",  # a hyphen sets nothing off
        "right to delete?",
        "Privacy question: who reads it",  # a concern's word before "question"
        "Question about the recording: who hears it",
        "my question is: who reads it",  # "is" after "question"
        "What question?",
        "Hmm...",  # nothing would be left
        "wait",
        "so who reads it",  # no mark: read as an opening (`SentenceKinds.unwrapped`)
        "can I say no? Would you be asking me again?",  # asks
        "The AI wrote my notes, no question about it",  # a "no"
        "The summary said AI scribe. I wasn't asked",  # "asked" is no aside's word
        "My support worker comes too, she'd need asking",
        "who reads it, is that a fair question?",  # asks
        "who reads it? a question about deletion",  # a concern's word
        "who reads it? what if I ask them not to",  # a question word first
        "who reads it asking for a friend",  # read as a closing (`SentenceKinds.unwrapped`)
        "who reads it? asking for a friend",
    ],
)
def test_what_is_no_aside_stays(asides: Asides, typed: str) -> None:
    assert asides.strip(typed) == typed


@pytest.mark.parametrize(
    ("plain", "bare"),
    [
        ("and also who reads it", "who reads it"),
        ("one more thing is it kept", "is it kept"),
        ("ok but is it private", "is it private"),
        ("so who reads it", "who reads it"),
        ("by the way can i say no", "can i say no"),
        ("also", ""),
    ],
)
def test_openings_that_carry_on_are_not_read(plain: str, bare: str) -> None:
    kinds = SentenceKinds(default_lexicon(), default_language())
    assert kinds.unwrapped(plain) == bare


@pytest.mark.parametrize(
    ("question", "aside"),
    [
        ("Who reads the summary?", "wait, who reads the summary?"),
        ("Is it private?", "ok but is it private?"),
        ("can I say no", "dumb question, but can I say no"),
        ("where is the toilet", "serious question - where is the toilet"),
        ("Can I change my mind later?", "hang on - can I change my mind later?"),
        ("How long do you keep the recording?", "and also how long do you keep the recording?"),
    ],
)
def test_a_message_after_an_aside_is_read_as_the_message(
    shipped_matcher: Matcher, question: str, aside: str
) -> None:
    assert_read_alike(shipped_matcher, question, aside)
