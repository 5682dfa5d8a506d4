"""An unclear answer that tells a worry the matcher is sure of is answered, then the question is
asked again as for any unclear answer; never beside felt pressure, and the answer is never
taken as consent (`questions.worry_beside_unclear`)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords

TO_CONSENT = ["start", "continue", "no"]
AGAIN = "I want to be sure I understood you."


def conversation(lines: Sequence[str] = ()) -> Conversation:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in lines:
        conv.send(line)
    return conv


@pytest.mark.parametrize(
    ("text", "concern"),
    [("i bet they flog the data", "data_use"),
     ("pretty sure I'd just clam up with a mic there", "openness")],
)  # fmt: skip
def test_a_worry_in_an_unclear_answer_is_answered_then_asked_again(text: str, concern: str) -> None:
    conv = conversation()
    reply = conv.send(text)
    assert reply.state == "welcome" and reply.concern == concern
    assert AGAIN in reply.messages[-2] and reply.messages[-1] == "Are you ready to start?"
    assert conv.send("Let's start").state != "welcome"


def test_at_the_consent_question_nothing_is_recorded() -> None:
    conv = conversation(TO_CONSENT)
    assert conv.state == "choices.recording"
    reply = conv.send("i bet they flog the data")
    assert reply.concern == "data_use" and conv.state == "choices.recording"
    assert "recording" not in conv.session.choices


def test_felt_pressure_is_only_asked_again() -> None:
    reply = conversation(TO_CONSENT).send("ok if I have to, I bet they flog the data")
    assert reply.concern is None and reply.state == "choices.recording"
