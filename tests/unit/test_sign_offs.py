"""Names and signatures around a message are not read (`sign_offs.py`, `MessageParts.read`): "Is it
private? Thanks, Priya", "Hi Dr Lee, who reads it?" and "... Sent from my iPhone" are read as the
question alone, while words a concern uses after thanks or a dash stay ("thanks, what about
deletion")."""

from __future__ import annotations

import pytest
from reading_support import assert_read_alike

from assistant.engine.english import english_words
from assistant.engine.lexicon import default_lexicon
from assistant.engine.matcher import Matcher
from assistant.engine.sign_offs import SignOffs

TOPICAL = frozenset({"ai", "data", "deletion", "delete", "recording", "privacy", "ray", "notes"})
"""Words a concept holds, as far as these cases go (the matcher asks its lexicon)."""


class Words:
    def topical(self, word: str) -> bool:
        return word in TOPICAL


@pytest.fixture(scope="module")
def sign_offs() -> SignOffs:
    return SignOffs(default_lexicon(), Words(), english_words())


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Is it private? Thanks, Priya", "Is it private?"),
        ("is it private thanks priya", "is it private"),
        ("Who reads it?\n\nKind regards,\nMargaret Okafor", "Who reads it?"),
        ("Who reads it? Kind regards, J. Novak", "Who reads it?"),
        ("can I get a copy thx marcus", "can I get a copy"),
        ("Who reads it?\nBest,\nTom", "Who reads it?"),
        ("Can I stop later? - Tom", "Can I stop later?"),
        ("Can I stop later? ~Wen", "Can I stop later?"),
        ("Is it kept?\nSent from my iPhone", "Is it kept?"),
        ("Is it kept?\n\nGet Outlook for Android", "Is it kept?"),
        ("Hi Dr Lee, who reads it?", "Hi, who reads it?"),
        ("Dear Dr. Lee, who reads it?", "Dear, who reads it?"),
        ("Hello, this is Priya. Who reads it?", "Who reads it?"),
        ("Hi, it's Fatima here. Who reads it?", "Who reads it?"),
    ],
)
def test_names_and_signatures_are_taken_out(sign_offs: SignOffs, typed: str, read: str) -> None:
    assert sign_offs.strip(typed) == read


@pytest.mark.parametrize(
    "typed",
    [
        "thanks, what about deletion",  # a concern's word after thanks
        "is SessionScribe the best AI",  # "best" signs off only on a line of its own
        "what is the best way to opt out",
        "what about the x ray",  # a kiss only on a line of its own
        "can I say no thanks",
        "no thanks, no",
        "how do you take care of my data",
        "no thanks to the recroding",  # declines; and "to" opens no name
        "no thanks, Priya",
        "thanks to the recording I remember more",
        "who will take care of it",  # "take care" signs off only on a line of its own
        "Where is it kept? From Germany",
        "I am worried. Who reads it?",  # an English word, not capitalised: no name
        "I'm Deaf. How will it work for me?",  # about the writer, not a name
        "Hi, I am Black. Will the AI get me right?",
        "was the recording sent from my phone",  # a footer only after a sentence or line
        "Who reads it?\nCan I Opt Out",
        "Hi, who reads it?",
        "Thanks",  # nothing would be left
        "Who reads it? - the clinic?",
        "Will it delete it? Thanks, Who Else",
    ],
)
def test_what_is_no_sign_off_stays(sign_offs: SignOffs, typed: str) -> None:
    assert sign_offs.strip(typed) == typed


@pytest.mark.parametrize(
    ("question", "signed"),
    [
        ("Is it private?", "Is it private? Thanks, Priya"),
        ("is it private", "is it private thanks priya"),
        ("Who reads the summary?", "Who reads the summary?\nSent from my iPhone"),
        ("Who reads the summary?", "Hello, this is Priya. Who reads the summary?"),
        ("Can I change my mind later?", "Hi Dr Lee, can I change my mind later? Cheers, Declan"),
        ("where is the toilet", "where is the toilet thanks priya"),
    ],
)
def test_a_signed_message_is_read_as_the_message(
    shipped_matcher: Matcher, question: str, signed: str
) -> None:
    assert_read_alike(shipped_matcher, question, signed)
