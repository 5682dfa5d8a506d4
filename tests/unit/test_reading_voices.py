"""Round-6 rules of the reply reading, each by more than one wording: slips inside yes and no
phrases, a yes that trails off, terms of address, negative concord, a bare "later", and the
doubt and resignation a yes may carry (never consent)."""

from __future__ import annotations

import pytest

from assistant.engine.content import load_content
from assistant.engine.reading import Prompt, Reader

READER: Reader = load_content().reader(["Dr. Sam Lee"])
YES_NO = Prompt(yes_no=True)


def kind(text: str) -> str:
    return READER.read(text, YES_NO).kind


@pytest.mark.parametrize(
    "text",
    ["no porblem", "go ahaed", "of corse", "no wrries", "yes I agree to being recoded",
     "for sure bud", "aye go on pet", "ain't no problem, record it", "I can't see any harm in it",
     "Roger that, go ahead", "yesyes", "my answer is yes", "I'd be glad to", "🆗"],
)  # fmt: skip
def test_clear_yeses_in_new_voices(text: str) -> None:
    assert kind(text) == "yes"


@pytest.mark.parametrize(
    "text",
    ["I am unable to consent to this.", "over my dead body", "not in a million years", "🚫",
     "nono", "Denied.", "I'm not willing", "I'd like to not be recorded"],
)  # fmt: skip
def test_clear_noes_in_new_voices(text: str) -> None:
    assert kind(text) == "no"


@pytest.mark.parametrize(
    "text",
    ["ok...", "yeah... sure…", "you may as well", "yes, against my better judgement",
     "ok, fingers crossed it's safe", "sure, more than happy to give away my privacy",
     "on paper yes", "yes, what can I do"],
)  # fmt: skip
def test_hesitant_resigned_or_sarcastic_yeses_are_asked_again(text: str) -> None:
    assert kind(text) == "unclear"


@pytest.mark.parametrize(
    "text",
    ["later", "raincheck?", "let me have a word with my GP first",
     "not till I've spoken to my advocate", "I'll need to pray on it"],
)  # fmt: skip
def test_putting_it_off_defers(text: str) -> None:
    assert kind(text) == "defer"


@pytest.mark.parametrize("text", ["terminate this", "gotta dip, bye", "finish now"])
def test_leaving_in_other_words_stops(text: str) -> None:
    assert kind(text) == "stop"


def test_a_yes_that_names_the_clinician_later_is_no_deferral() -> None:
    assert kind("Yes. I'll let Dr Lee know I'm happy with it.") != "defer"
    assert kind("yes, I want to finish the form") != "stop"
