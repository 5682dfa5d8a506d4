"""The safety reply's two voices, and the message it holds.

A phrase of safety.toml gets the full reply; a message only the learned signals flag gets a
gentler check-in with the same help and offer. Either way, once the client answers the offer,
a question the message asked is answered if the matcher is sure of it, and never filed. The
examples are found in the shipped phrasings (dialogs/phrasings.tsv) so that the tests follow
the safety model rather than freeze one of its scores."""

from __future__ import annotations

import functools

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.content import load_content
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.engine.phrasings import default_phrasings
from assistant.engine.questions import matcher_for
from assistant.engine.reading import Prompt

FULL = "tell the front desk now"
DECLINE = "No, I am OK for now"
YES_NO = Prompt(yes_no=True)
"""The first screen's prompt ("Are you ready to start?"), where these tests speak."""


def conversation() -> Conversation:
    return Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())


@functools.cache
def learned_only_question() -> tuple[str, str]:
    """A shipped question that only the learned signals flag and the matcher is sure of."""
    content = load_content()
    matcher = matcher_for(content)
    reader = content.reader(["Dr. Sam Lee"])
    for phrasing in default_phrasings():
        if phrasing.concern is None or "?" not in phrasing.text:
            continue
        found = content.safety.find(content.language.tokens(phrasing.text))
        if found is None or found.risk != "general":
            continue
        match = matcher.match(phrasing.text)
        read_on = reader.read(phrasing.text, YES_NO, look_for_risk=False)
        if match.answered and match.concern and read_on.kind == "question" and read_on.asked:
            return phrasing.text, match.concern
    raise AssertionError("no shipped question is flagged by the learned signals alone")


def test_a_phrase_gets_the_full_reply() -> None:
    reply = conversation().send("I want to kill myself")
    said = "\n".join(reply.messages)
    assert reply.concern == "safety"
    for needed in ("988", "911", FULL, "alert a staff member"):
        assert needed in said, needed


def test_the_learned_signals_alone_get_a_check_in_with_the_same_help() -> None:
    text, _ = learned_only_question()
    reply = conversation().send(text)
    said = "\n".join(reply.messages)
    assert reply.concern == "safety" and reply.state == "welcome"
    assert FULL not in said
    for needed in ("988", "911", "front desk", "alert a staff member", "read you wrong"):
        assert needed in said, needed
    assert [c.id for c in reply.choices] == ["alert_staff", "no_alert"]


def test_the_held_question_is_answered_after_the_offer_and_never_filed() -> None:
    text, concern = learned_only_question()
    conv = conversation()
    conv.send(text)
    reply = conv.send(DECLINE)
    assert reply.concern == concern and reply.state == "welcome"
    assert reply.messages[0] == "OK. The front desk is here if you need them."
    assert conv.session.questions == [] and conv.session.safety_shown == 1


def test_a_crisis_message_is_never_filed_after_the_offer() -> None:
    conv = conversation()
    conv.send("I want to kill myself")
    reply = conv.send(DECLINE)
    assert reply.concern is None and reply.state == "welcome"
    assert conv.session.questions == []


def test_after_a_first_safety_reply_the_learned_signals_add_one_line_of_help() -> None:
    text, concern = learned_only_question()
    conv = conversation()
    conv.send("I want to kill myself")
    conv.send(DECLINE)
    reply = conv.send(text)
    assert reply.concern == concern
    assert "988" in reply.messages[0] and FULL not in "\n".join(reply.messages)
    assert conv.session.safety_shown == 1 and conv.session.questions == []


def test_a_phrase_always_gets_the_full_reply_again() -> None:
    conv = conversation()
    conv.send("I want to kill myself")
    conv.send(DECLINE)
    reply = conv.send("I have pills saved up to end it")
    assert reply.concern == "safety" and FULL in "\n".join(reply.messages)
    assert conv.session.safety_shown == 2
