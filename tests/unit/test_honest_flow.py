"""Issue 9 in the engine: the risks card, revoking without the code, open questions never lost,
the open check question, the safety reply on the record, and facts that cannot be misused."""

from __future__ import annotations

import pytest
from jinja2 import TemplateError

from assistant.clock import ManualClock
from assistant.config import Config, load_config, parse_config
from assistant.engine.content import Text, load_content
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.facts import FactError, Facts, FactsView

TO_CHOICES = ["start", "continue", "no"]
TO_CHECK = [*TO_CHOICES, "yes", "yes", "yes", "no"]  # to the second check question
TWO_CLINICIANS = (
    "[[clinicians]]\nname='Dr. Robin Park'\nemail='robin@example.org'\n"
    "[[clinicians]]\nname='Dr. Casey Moreno'\nemail='casey@example.org'\n"
)


def conversation(config: Config | None = None) -> tuple[Conversation, MemoryRecords]:
    records = MemoryRecords()
    return Conversation(config or load_config(), clock=ManualClock(), records=records), records


def walk(conv: Conversation, lines: list[str]) -> str:
    for line in lines:
        reply = conv.send(line)
    return reply.state


# ---------------------------------------------------------------- risks and limits


def test_the_risks_come_before_the_choice_and_no_questions_goes_straight_on() -> None:
    conv, _ = conversation()
    reply = conv.send("start")
    reply = conv.send("continue")
    assert reply.state == "explain.risks"
    said = "\n".join(reply.messages)
    for risk in ("can make mistakes", "must act", "court", "insurer", "break-in", "by hand"):
        assert risk in said, risk
    assert [c.label for c in reply.choices][:2] == ["No questions, go on", "Tell me more"]
    more = conv.choose("more")
    assert more.state == "explain.risks"
    detail = "\n".join(more.messages)
    for fact in ("Example Speech Co.", "progress notes", "each time is logged", "older adult"):
        assert fact in detail, fact
    assert conv.send("no").state == "choices.recording"


def test_a_question_at_the_risks_card_goes_to_the_questions_step() -> None:
    conv, _ = conversation()
    assert walk(conv, ["start", "continue", "yes"]) == "questions"
    assert conv.send("no more questions").state == "choices.recording"


def test_unknown_facts_skip_the_choices_and_check_that_need_them() -> None:
    conv, records = conversation(parse_config(""))
    assert walk(conv, [*TO_CHOICES, "yes"]) == "check.optional"  # no summary, no supervision
    assert walk(conv, ["no", "yes"]) == "identity.name"  # the audio question needs the fact
    walk(conv, ["Alex Rivera", "skip", "go on to sign", "Alex Rivera"])
    [(_, outcome)] = records.outcomes
    assert outcome.choices == {"recording": True}
    assert [c.question_id for c in outcome.comprehension] == ["optional", "revoke"]


# ---------------------------------------------------------------- the open check question


@pytest.mark.parametrize(
    ("answer", "right"),
    [
        ("it gets deleted", True),
        ("they erase it right away", True),
        ("it is not kept", True),  # "not kept" wins over "kept"
        ("it's kept forever", False),
        ("they keep it for a few days then deleted", False),
        ("it goes to my insurer", False),
        ("no idea", False),
    ],
)
def test_the_open_question_is_graded_by_its_words(answer: str, right: bool) -> None:
    conv, _ = conversation()
    assert walk(conv, [*TO_CHECK, "yes, any time"]) == "check.audio"
    assert conv.last_reply.choices == ()  # typed, no buttons
    reply = conv.send(answer)
    assert (reply.state == "identity.name") is right, reply.messages


def test_two_wrong_answers_offer_the_clinician_instead_of_looping() -> None:
    conv, _ = conversation()
    walk(conv, [*TO_CHECK, "yes, any time"])
    first = conv.send("kept forever")
    assert "defer" not in [c.id for c in first.choices]
    second = conv.send("it is stored")
    assert "talk to Dr. Sam Lee first" in "\n".join(second.messages)
    assert "defer" in [c.id for c in second.choices]
    assert conv.choose("defer").state == "deferred.notify"


# ---------------------------------------------------------------- revoking without the code


def test_several_clinicians_pick_theirs_before_the_request() -> None:
    conv, records = conversation(parse_config(TWO_CLINICIANS))
    assert walk(conv, ["take back a consent I gave", "take back a consent I gave"]) == (
        "withdraw.code"
    )
    assert conv.choose("no_code").state == "withdraw.by_name"
    assert conv.send("Alex Rivera").state == "withdraw.by_clinician"
    reply = conv.send("2")
    assert reply.state == "withdraw.requested"
    assert "Dr. Casey Moreno" in "\n".join(reply.messages)
    assert records.requests == [("Alex Rivera", "casey@example.org", False)]


def test_a_name_is_still_needed_to_ask() -> None:
    conv, records = conversation()
    walk(conv, ["take back a consent I gave", "take back a consent I gave", "I lost my code"])
    assert conv.send("   ").state == "withdraw.by_name"
    assert records.requests == []


# ---------------------------------------------------------------- open questions never lost


def test_review_suggests_the_clinician_when_a_question_is_open() -> None:
    conv, _ = conversation()
    walk(conv, [*TO_CHECK, "yes, any time", "deleted"])
    conv.send("can I bring my dog to sessions?")
    walk(conv, ["Alex Rivera", "skip"])
    reply = conv.last_reply
    assert reply.state == "review"
    assert "It may help to talk to Dr. Sam Lee before you sign" in "\n".join(reply.messages)
    assert "defer" in [c.id for c in reply.choices]


def test_without_an_open_question_review_says_nothing_of_it() -> None:
    conv, _ = conversation()
    reply = conv.send("start")
    walk(conv, [*TO_CHECK[1:], "yes, any time", "deleted", "Alex Rivera"])
    reply = conv.send("skip")
    assert "talk to Dr. Sam Lee before you sign" not in "\n".join(reply.messages)
    assert "defer" not in [c.id for c in reply.choices]  # shown only with a question open


@pytest.mark.parametrize(("share", "passed"), [("yes, pass them on", True), ("no", False)])
def test_a_decline_without_a_name_asks_before_passing_a_question_on(
    share: str, passed: bool
) -> None:
    conv, records = conversation()
    conv.send("start")
    conv.send("can I bring my dog to sessions?")  # nobody here can answer that
    conv.send("no thanks")
    assert conv.send("no, just end here").state == "declined.questions"
    reply = conv.send(share)
    assert reply.state == "declined.done"
    [(_, outcome)] = records.outcomes
    assert outcome.name is None
    assert bool(outcome.questions) is passed
    assert outcome.notify_clinician is passed
    said = "\n".join(reply.messages)
    assert ("will get your questions, without your name" in said) is passed


def test_a_named_deferral_with_an_open_question_asks_too() -> None:
    conv, records = conversation()
    conv.send("start")
    conv.send("can I bring my dog to sessions?")
    assert conv.send("I want to talk to my clinician first").state == "deferred.notify"
    conv.send("yes, tell them")
    assert conv.send("Jo").state == "deferred.questions"
    conv.send("no, keep them private")
    [(_, outcome)] = records.outcomes
    assert outcome.name == "Jo" and outcome.questions == ()


def test_a_named_decline_without_open_questions_is_not_asked() -> None:
    conv, records = conversation()
    conv.send("start")
    conv.send("is it private?")  # answered, nothing open
    conv.send("no thanks")
    conv.send("yes, tell them")
    assert conv.send("Jo").state == "declined.done"
    [(_, outcome)] = records.outcomes
    assert [q.concern for q in outcome.questions] == ["privacy"]


# ---------------------------------------------------------------- the safety net on the record


def test_the_record_says_a_safety_reply_was_shown_but_not_the_words() -> None:
    conv, records = conversation()
    conv.send("start")
    reply = conv.send("I want to kill myself")
    assert reply.concern == "safety" and reply.state == "explain"
    said = "\n".join(reply.messages)
    for needed in ("988", "911", "tell the front desk now", "alert a staff member"):
        assert needed in said, needed
    conv.send("no, I am OK for now")
    conv.send("no thanks")
    conv.send("yes, tell them")
    conv.send("Jo")
    [(_, outcome)] = records.outcomes
    assert outcome.safety_replies == 1
    assert all("kill" not in q.text for q in outcome.questions)


# ---------------------------------------------------------------- facts refuse careless use


def test_a_fact_cannot_be_used_as_true_or_false_or_printed_unknown() -> None:
    content = load_content()
    facts = FactsView(Facts())
    with pytest.raises(FactError, match=r"facts\.encrypted\.yes"):
        content.render(Text("{% if facts.encrypted %}safe{% endif %}", "test"), {"facts": facts})
    with pytest.raises(FactError, match="unknown"):
        content.render(Text("kept {{ facts.audio_kept_days }} days", "test"), {"facts": facts})
    with pytest.raises(TemplateError):
        content.render(Text("{{ facts.no_such_fact.known }}", "test"), {"facts": facts})
    known = FactsView(load_config().facts)
    assert content.render(Text("{{ facts.audio_kept_days }}", "t"), {"facts": known}) == "0"
    assert known.audio_kept_days == 0
    assert (known.audio_kept_days == False) is False  # noqa: E712  # 0 is a number, not false
    assert known.summary_delivery.offered and not FactsView(Facts()).summary_delivery.offered
