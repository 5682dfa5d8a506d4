"""A doubt about the tool is a worry, not a refusal: "no chance it gets my accent right" at a
yes-no question is read as a question (answered, then the question asked again), while "no
chance, the whole thing creeps me out" (a clause of its own) and "no way I'm doing this" stay a
no. And a real word is never mended into a yes or no phrase's word: "a thick accent" is no
"have a think" (which would defer)."""

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
    ["no chance it understands my accent", "my glaswegian accent is thick, no way it gets me right",
     "i have a thick glaswegian accent, no chance it gets me right",
     "there's no way anyone reads all that", "no way the clinic keeps that private",
     "not a chance the AI copes with my stammer", "no way a computer gets my dialect"],
)  # fmt: skip
def test_a_doubt_about_the_tool_is_a_worry(text: str) -> None:
    assert kind(text) == "question"


@pytest.mark.parametrize(
    "text",
    ["no way", "no chance", "no way I'm doing this", "no way, the recorder stays off",
     "no chance, the whole thing creeps me out", "not a chance, sorry", "no way, that's not ok"],
)  # fmt: skip
def test_a_refusal_stays_a_no(text: str) -> None:
    assert kind(text) == "no"


def test_a_real_word_is_not_mended_into_a_phrase() -> None:
    assert READER.intents.mender.mend("thick") == "thick"
    assert READER.intents.mender.mend("absolutly") == "absolutely"  # a slip still is
