"""An obligation said of someone else is no felt pressure: "does my partner have to agree?" asks
who must consent and gets the `participants` answer at every yes/no step, while "do I have to
agree?" is still felt pressure, whose re-ask says no is fine (`pressure.py`)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.language import default_language
from assistant.engine.outcome import MemoryRecords

FELT_PRESSURE = "You never have to agree."
STEPS = {"welcome": [], "the consent question": ["start", "continue", "no"]}

ABOUT_OTHERS = [
    "my husband sometimes sits in on our video sessions, does he have to agree to it too?",
    "does my partner have to agree too?",
    "does everyone in the room have to agree?",
    "do they have to say yes as well",
    "does the interpreter have to agree to be recorded",
    "my daughter is 14, does she have to agree or just me?",
]
PRESSURE = [
    "do i have to agree?",
    "ok if i have to",
    "i feel like i have to agree",
    "my husband wants it so fine",  # someone else's wish, given in to: pressure
    "does my partner have to agree? i feel like i have to",
]


def conversation(lines: Sequence[str]) -> Conversation:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in lines:
        conv.send(line)
    return conv


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("text", ABOUT_OTHERS)
def test_who_else_must_agree_is_answered(step: str, text: str) -> None:
    conv = conversation(STEPS[step])
    before = conv.state
    reply = conv.send(text)
    assert reply.concern == "participants"
    assert not any(FELT_PRESSURE in m for m in reply.messages)
    assert conv.state == before  # nothing answered for the client


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("text", PRESSURE)
def test_pressure_on_the_client_is_still_felt(step: str, text: str) -> None:
    conv = conversation(STEPS[step])
    reply = conv.send(text)
    assert reply.concern is None
    assert FELT_PRESSURE in reply.messages[0]


@pytest.mark.parametrize(
    ("text", "pressure"),
    [("does he have to agree", None),
     ("does everyone in the room have to agree", None),
     ("do i have to agree", "do i have to"),
     ("do we have to agree", "have to agree"),
     ("my mum says i have to agree", "have to agree"),
     ("my partner wants it", "wants it")],
)  # fmt: skip
def test_the_subject_of_an_obligation_decides(text: str, pressure: str | None) -> None:
    lang = default_language()
    found = lang.felt_pressure(lang.tokens(text))
    assert (" ".join(found) if found else None) == pressure
