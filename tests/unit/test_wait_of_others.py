"""A wish to wait inside a question about what someone or something else does, or when, is not
the client's (`asked_of.py`, `waiting.Waiting._of_others`): the question is answered and nothing
is put off. The client's own wish to wait, asked in the same words, still defers (replies round 9,
replies_tune11.tsv)."""

from __future__ import annotations

import pytest

from assistant.engine.asked_of import AskedOf
from assistant.engine.content import load_content
from assistant.engine.reading import Prompt, Reader

READER: Reader = load_content().reader(["Dr. Sam Lee"])
YES_NO = Prompt(yes_no=True)


def kind(text: str) -> str:
    return READER.read(text, YES_NO).kind


@pytest.mark.parametrize(
    "text",
    [
        # what the tool does
        "does the note-taker think about it overnight before writing anything",
        "will the recorder hold off until the therapist presses start",
        "does it wait until I've gone before it uploads?",
        # what the company, the clinic or someone else may do later
        "could the vendor start selling transcripts later on?",
        "would the practice let you know if the software was hacked",
        "will Dr Lee read the summary before the next session?",
        "does my counsellor see the note next week or today",
        # when something happens
        "how long before the audio is wiped, a few days?",
        "what happens to it if the clinic closes next year",
        "Before I sign, who else can open these files?",
        # what someone else is supposed to do, asked
        "if the clinic gets sold next year who owns the tapes",
        "If my partner changes her mind later on, what happens to the recording?",
    ],
)
def test_a_wait_in_a_question_about_others_is_answered(text: str) -> None:
    assert kind(text) == "question"


@pytest.mark.parametrize(
    "text",
    [
        "can I think about it over the weekend?",
        "could we leave it till next session",
        "can you give me a few days to decide?",
        "can it wait until next week?",
        "could this be another day",
        "how about next time?",
        "what about next week then",
        "would it be ok to do this another day",
        "could Dr Lee explain it to me first?",
        "Before I sign, can I talk to my partner?",
        "next week, is that ok?",
        "not today, maybe another day",
        "if that's ok I'd like to think about it",
        "if possible can we do this next time",
        "if my wife wants to think about it I'll wait too",
    ],
)
def test_the_clients_own_wish_to_wait_still_defers(text: str) -> None:
    assert kind(text) == "defer"


def test_whom_a_question_asks_about() -> None:
    asked = READER.intents.asked_of
    starts, wh = READER.intents.question_starts, READER.intents.question_wh

    def others(text: str) -> bool:
        return asked.others(tuple(text.split()), starts, wh)

    assert others("does it think about it") and others("could they use it later on")
    assert others("who reads it") and not others("how about next week")
    assert not others("can i think about it") and not others("could we wait")
    assert others("do you keep it a few days") and not others("can you give me a few days")
    assert not others("can it wait") and others("can it hear me")
    assert others("does it wait until i have gone") and others("will it be deleted")
    assert not others("it can wait")  # does not open like a question
    assert asked.supposes_others(("if", "the", "company", "is", "sold"))
    assert not asked.supposes_others(("if", "i", "wait")) and not asked.supposes_others(("if",))
    assert not asked.supposes_others(("if", "that", "is", "ok"))
    # a clinic's older intents.toml without the words asks about no one else
    assert not AskedOf().others(("does", "it", "think"), starts, wh)
