"""Typed answers to the safety reply's offer to alert a staff member (`alert_offer.py`): a
reply that asks for someone, or says the client is not OK or not sure, is never taken as a no;
the labelled sets in tests/data stay where they were measured (bench/bench_reading.py --alert
prints the figures)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_reading import ALERT, CRISIS, DATA, outcome_at_alert, rows

FLOORS = {"alert_replies_tune.tsv": 0.95, "check/alert_replies_check.tsv": 0.6}
"""Measured 98.6% and 66.7% when the offer was first read this way (20.3% and 19.0% before);
the check set was never tuned on."""


@functools.cache
def _results(name: str) -> tuple[tuple[str, str], ...]:
    return tuple((label, outcome_at_alert(text)) for label, text in rows(DATA / name))


@pytest.mark.parametrize("name", ALERT)
def test_no_call_for_help_or_unsure_reply_is_taken_as_a_no(name: str) -> None:
    unsafe = sum(got == "no_alert" and label != "no_alert" for label, got in _results(name))
    assert unsafe == 0, f"{name}: {unsafe} replies read as a no to the offer"


@pytest.mark.parametrize("name", ALERT)
def test_the_share_read_right_stays(name: str) -> None:
    results = _results(name)
    right = sum(label == got for label, got in results) / len(results)
    assert right >= FLOORS[name], f"{name}: {right:.1%} read right"


def _offered() -> tuple[Conversation, MemoryRecords]:
    records = MemoryRecords()
    conv = Conversation(load_config(), clock=ManualClock(), records=records)
    conv.send("start")
    assert conv.send(CRISIS).concern == "safety"
    return conv, records


def test_a_call_for_help_in_a_message_the_safety_net_reads_again_sends_the_alert() -> None:
    conv, records = _offered()
    reply = conv.send("I want to kill myself, please get someone")
    assert records.alerts and "staff member to come to you" in reply.messages[0]


def test_a_reply_that_is_both_asks_again_and_yes_then_alerts() -> None:
    conv, records = _offered()
    reply = conv.send("I'm fine, get someone")
    assert not records.alerts
    assert reply.messages[0].startswith("I want to be sure I read you right")
    assert [c.id for c in reply.choices] == ["alert_staff", "no_alert"]
    conv.send("yes")
    assert records.alerts


def test_asked_again_as_often_as_the_reply_is_unsure() -> None:
    conv, records = _offered()
    for unsure in ("hmm", "I don't know", "not really"):
        assert [c.id for c in conv.send(unsure).choices] == ["alert_staff", "no_alert"]
    reply = conv.send("no thanks")
    assert not records.alerts and "front desk is here" in reply.messages[0]
    assert conv.state == "explain"


def test_a_question_beside_the_answer_is_answered_after_it() -> None:
    conv, records = _offered()
    reply = conv.send("I'm safe. Who reads the notes?")
    assert not records.alerts
    assert "front desk is here" in reply.messages[0]
    assert reply.concern == "access"


def test_help_refused_is_no_call_for_help() -> None:
    conv, records = _offered()
    reply = conv.send("I don't need help")
    assert not records.alerts and "staff member to come" not in " ".join(reply.messages)


@pytest.mark.parametrize(
    "text",
    ["{{ 7 * 7 }} {% if x %}", "x" * 5000, "我很好", "\x00\x1b[31m\x1b[0m", "I'm fine " * 40],
)  # fmt: skip
def test_odd_input_at_the_offer_sends_no_alert_and_loses_nothing(text: str) -> None:
    conv, records = _offered()
    reply = conv.send(text)
    assert not records.alerts and reply.messages and reply.choices
    assert conv.state == "explain"


@pytest.mark.parametrize("text", ["[b]help[/b]", "\x00\x1b[31mok\x1b[0m", "<i>yes</i>"])
def test_markup_or_escapes_around_an_answer_leave_the_answer(text: str) -> None:
    conv, records = _offered()
    assert "staff member to come" in conv.send(text).messages[0]
    assert records.alerts
