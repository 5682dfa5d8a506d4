"""Nothing a client types stays in the matcher or the reading layer after it is read.

The kiosk wipes a session after it ends or sits idle, and the matcher and the reading layer
(language, intents, safety) live on in the process for the next client. So none of them may
remember a word of a message: a table that learnt each word as it came (the run-on reader did,
until stop 64) would keep a client's name for the next client's session and for anyone who
reads the process's memory. Each test reads messages holding made-up words, then walks every
object the reader holds and looks for those words in every string among them.
"""

from __future__ import annotations

import pytest
from reading_support import reachable_strings, small_matcher

from assistant.engine.content import load_content
from assistant.engine.matcher import Matcher
from assistant.engine.prompt import Prompt

NAMES = ("zorblatt", "quinnfeather", "vexmoorington", "brindlewick", "oxtavia")
"""Made-up words no content file holds (the first test checks that they are nowhere before)."""

MESSAGES = (
    # one long sentence without full stops: cut where sentences would have ended
    "hi my name is zorblatt quinnfeather and i see dr lee on tuesdays for my anxiety and my"
    " husband reads my email so i worry the recap gets sent there and he sees what i said and"
    " i also wonder who else can read the notes like my insurance company",
    # a post of several sentences, signed
    "I have been seeing a counsellor since March. My sister Oxtavia found my diary once and I"
    " never trusted anyone again. Who can read what the AI writes about me? Thanks, Brindlewick",
    # short ones: a misspelt made-up word, a link and an address, an emoji
    "can vexmoorington see my recordnigs",
    "see https://vexmoorington.example.org/faq or mail zorblatt@example.org is it private 👍",
    "QUINNFEATHER HERE. DELETE IT ALL PLEASE!!!",
)


def _kept(root: object) -> set[str]:
    """The made-up words found in some string reachable from `root`."""
    return {
        name
        for text in reachable_strings(root, functions=False)
        for name in NAMES
        if name in text.lower()
    }


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return small_matcher()


def test_the_matcher_keeps_no_word_of_a_message(matcher: Matcher) -> None:
    assert _kept(matcher) == set()  # the words are nowhere before
    for message in MESSAGES:
        matcher.match(message)
    assert _kept(matcher) == set()


def test_the_reading_layer_keeps_no_word_of_a_message() -> None:
    reader = load_content().reader(("Dr. Sam Lee",))
    assert _kept(reader) == set()
    for message in MESSAGES:
        for prompt in Prompt(), Prompt(yes_no=True):
            reader.read(message, prompt)
    assert _kept(reader) == set()
