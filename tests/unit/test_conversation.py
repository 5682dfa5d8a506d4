"""Engine behaviour beyond the transcripts: consent is never guessed, wipes leave nothing."""

from __future__ import annotations

import pytest
from reading_support import reachable_strings

from assistant.clock import ManualClock
from assistant.config import Config, load_config, parse_config
from assistant.engine import chart
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords, Stroke
from assistant.engine.session import Pending

TO_CONSENT = ["start", "continue", "no"]
TO_IDENTITY = [*TO_CONSENT, "yes", "yes", "yes", "no", "yes", "deleted"]


def walk(conv: Conversation, lines: list[str]) -> Conversation:
    for line in lines:
        conv.send(line)
    return conv


@pytest.fixture
def conv(config: Config, clock: ManualClock) -> Conversation:
    return Conversation(config, clock=clock, records=MemoryRecords())


@pytest.mark.parametrize(
    "reply",
    [
        "I do not agree",
        "I don't agree",
        "don't record me",
        "no",
        "nope",
        "not really",
        "I'd rather not",
        "do not record my sessions",
        "I never agreed to this",
        "definitely no",
        "i do not give consent",
        "No. I don't trust where the data goes.",
    ],
)
def test_negated_sentences_are_never_consent(conv: Conversation, reply: str) -> None:
    walk(conv, TO_CONSENT)
    assert conv.state == "choices.recording"
    conv.send(reply)
    assert conv.session.choices.get("recording") is not True
    assert conv.state != "choices.summary"


@pytest.mark.parametrize(
    "reply",
    [
        "maybe",
        "I guess",
        "yes but only if nobody else hears it",
        "ok if I have to",
        "whatever",
        "hmm",
        "yes?",
        "agree to what exactly?",
        "yesterday",
        "yes no",
        "I feel like I have to say yes",
        "yes I have to",
        "yes, one session",
        "yes for the time being",
        "happy for you to delete it",
        "yes, I think",
    ],
)
def test_unclear_replies_are_not_consent(conv: Conversation, reply: str) -> None:
    walk(conv, TO_CONSENT)
    conv.send(reply)
    assert conv.session.choices.get("recording") is not True
    assert chart.holds_in(conv.state, "choices") or chart.holds_in(conv.state, "declined")


@pytest.mark.parametrize(
    "reply",
    ["yes", "Yes, I agree", "yeah", "ok", "sure", "1", "yse", "I agree",
     "yes that's fine with me thank you", "sure go ahead and record", "no questions, I agree"],
)  # fmt: skip
def test_explicit_yes_is_consent(conv: Conversation, reply: str) -> None:
    walk(conv, TO_CONSENT)
    conv.send(reply)
    assert conv.session.choices["recording"] is True
    assert conv.state == "choices.summary"


def test_idle_wipe_leaves_nothing_of_the_client(conv: Conversation, clock: ManualClock) -> None:
    walk(conv, [*TO_IDENTITY, "Zephyrine Quill", "zq@example.org"])
    conv.set_signature_strokes([Stroke(((0.1, 0.2), (0.3, 0.4)))])
    conv.send("go on to sign")
    # a made-up word: a real one ("zebra") is in the English word list the typo mender keeps
    conv.send("where is the zorbington parking garage?")  # an unanswered question, kept for later
    assert conv.state == "signature"
    assert any("Zephyrine" in s for s in reachable_strings(conv))
    kiosk = conv.config.kiosk
    clock.advance(kiosk.idle_seconds + kiosk.warning_seconds + 1)
    reply = conv.send("hello")
    assert reply.state == "welcome"
    leftovers = [
        s for s in reachable_strings(conv) if "Zephyrine" in s or "zq@" in s or "zorbington" in s
    ]
    assert leftovers == []
    assert conv.session.strokes == ()
    assert conv.session.questions == []


def test_idle_before_timeout_keeps_place(conv: Conversation, clock: ManualClock) -> None:
    walk(conv, TO_CONSENT)
    clock.advance(conv.config.kiosk.idle_seconds - 1)
    conv.send("yes")
    assert conv.state == "choices.summary"


def test_still_here_during_the_countdown_keeps_place(
    conv: Conversation, clock: ManualClock
) -> None:
    # One clock: the front shows the countdown from the engine's phase; "I'm still here"
    # is reported as activity, and the next answer carries on where the client was.
    walk(conv, TO_CONSENT)
    kiosk = conv.config.kiosk
    clock.advance(kiosk.idle_seconds + 1)
    assert conv.idle_phase() == "warning"
    assert 0 < conv.idle_seconds_left() <= kiosk.warning_seconds
    conv.touch()
    assert conv.idle_phase() == "active"
    clock.advance(kiosk.idle_seconds - 1)
    conv.send("yes")
    assert conv.state == "choices.summary"


def test_countdown_runs_out_only_after_the_warning(conv: Conversation, clock: ManualClock) -> None:
    walk(conv, TO_CONSENT)
    kiosk = conv.config.kiosk
    clock.advance(kiosk.idle_seconds + kiosk.warning_seconds - 1)
    assert conv.idle_phase() == "warning"
    clock.advance(1)
    assert conv.idle_phase() == "expired"
    assert conv.send("yes").state == "welcome"
    assert conv.idle_phase() == "resting"


def test_signing_files_one_outcome_with_everything() -> None:
    records = MemoryRecords()
    clock = ManualClock()
    conv = Conversation(load_config(), clock=clock, records=records)
    walk(conv, [*TO_CONSENT[:2], "does the recorder work if my phone buzzes?", "no"])
    walk(conv, ["yes", "yes", "no", "yes, I have to", "no", "yes", "deleted"])
    walk(conv, ["Alex Rivera", "alex.rivera@example.org", "go on to sign"])
    conv.set_signature_strokes([Stroke(((0.0, 0.5), (1.0, 0.5)))])
    reply = conv.send("alex rivera")
    assert reply.state == "signed"
    assert reply.reference and reply.reference in "\n".join(reply.messages)
    [(reference, outcome)] = records.outcomes
    assert reference == reply.reference
    assert outcome.kind == "signed"
    assert outcome.choices == {"recording": True, "summary": True, "supervision": False}
    assert [c.correct_first_time for c in outcome.comprehension] == [False, True, True]
    assert outcome.comprehension[0].attempts == 2
    assert [q.for_clinician for q in outcome.questions] == [True]
    assert outcome.signature is not None and outcome.signature.strokes
    assert outcome.form_text and outcome.form_sha256 and outcome.form_version
    assert "Alex Rivera" in outcome.form_text
    assert outcome.email == "alex.rivera@example.org"


def test_several_clinicians_pick_theirs(clock: ManualClock) -> None:
    config = parse_config(
        "[[clinicians]]\nname='Dr. Robin Park'\nemail='robin@example.org'\n"
        "[[clinicians]]\nname='Dr. Casey Moreno'\nemail='casey@example.org'\n"
    )
    records = MemoryRecords()
    conv = Conversation(config, clock=clock, records=records)
    reply = conv.send("start")
    assert reply.state == "welcome.clinician"
    assert [c.label for c in reply.choices] == ["Dr. Robin Park", "Dr. Casey Moreno"]
    reply = conv.send("2")
    assert "Dr. Casey Moreno" in "\n".join(reply.messages)
    conv.send("stop")
    conv.send("yes, tell them")
    conv.send("Jo")
    [(_, outcome)] = records.outcomes
    assert outcome.clinician_email == "casey@example.org"


def test_every_reply_state_is_in_the_chart(conv: Conversation) -> None:
    for line in [*TO_IDENTITY, "Alex", "skip", "1", "alex", "finish"]:
        assert conv.send(line).state in conv.flow.steps


def test_choose_presses_a_button(conv: Conversation) -> None:
    reply = conv.choose("start")
    assert reply.state == "explain"
    assert conv.choose("no_thanks").state == "declined.notify"


def test_reply_json_shape(conv: Conversation) -> None:
    data = conv.start().to_json()
    assert set(data) >= {"state", "messages", "choices", "concern", "step", "steps"}
    assert data["state"] == "welcome" and data["step"] == 1


def test_a_yes_after_the_safety_offer_alerts_staff_and_never_consents() -> None:
    records = MemoryRecords()
    conv = Conversation(load_config(), clock=ManualClock(), records=records)
    for line in ["start", "continue", "no"]:
        conv.send(line)
    assert conv.state == "choices.recording"
    assert conv.send("I want to kill myself").concern == "safety"
    reply = conv.send("yes")
    assert records.alerts and conv.state == "choices.recording"
    assert "recording" not in conv.session.choices
    assert "staff member" in " ".join(reply.messages)


def test_after_did_you_mean_a_plain_answer_answers_the_step() -> None:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in ["start", "continue", "no"]:
        conv.send(line)
    conv.session.pending = Pending(
        "clarify", ("privacy", "access", "neither"), ("privacy", "access"), "x"
    )
    conv.send("yes, I agree")
    assert conv.session.choices.get("recording") is True


@pytest.mark.parametrize(
    ("lines", "words"),
    [
        (["start", "continue", "continue", "no"], "Not recording"),
        (["start", "stop"], "Not recording"),
        (["start", "I need to think about it"], "Deciding later"),
    ],
)
def test_progress_names_the_ending(conv: Conversation, lines: list[str], words: str) -> None:
    """An ending is not a step of the consent: no "8 of 8", the ending's name instead."""
    assert conv.send("start").progress.startswith("Step 2 of ")
    reply = walk(conv, lines[1:]).last_reply
    assert reply is not None
    assert (reply.step, reply.steps, reply.progress) == (0, 0, words)


def test_the_form_stays_at_review_after_a_question(conv: Conversation) -> None:
    """A question asked at review is answered with the form still there to read; after
    signing the form comes once, with the details that leave the screen."""
    walk(conv, ["start", "continue", "ready", "yes", "yes", "no", "no, it is my choice"])
    walk(conv, ["yes, any time", "it is deleted right away", "Alex Rivera"])
    arrived = conv.send("skip")
    assert arrived.state == "review" and arrived.arrived and arrived.form
    answered = conv.send("who can see my notes?")
    assert answered.state == "review" and not answered.arrived
    assert answered.form == arrived.form
    conv.send("go on to sign")
    signed = conv.send("Alex Rivera")
    assert signed.state == "signed" and signed.form
    assert conv.send("what happens now?").form is None


def test_progress_never_skips_a_number(config: Config, clock: ManualClock) -> None:
    """Asking questions is a visit only some clients make: it shows as the step before it, so
    a client with no questions goes 2, 2, 3 and one who asks goes 2, 2, 2, 3."""

    def numbers(lines: list[str]) -> list[int]:
        conv = Conversation(config, clock=clock, records=MemoryRecords())
        return [conv.send(line).step for line in lines]

    assert numbers(["start", "continue", "ready"]) == [2, 2, 3]
    assert numbers(["start", "continue", "question", "no more questions"]) == [2, 2, 2, 3]


def test_prepare_makes_ahead_what_the_first_question_needs(config: Config) -> None:
    # a content of its own, so that nothing another test did was made ahead already
    from assistant.engine.content import Content
    from assistant.engine.questions import matcher_ready
    from assistant.paths import content_root

    content = Content(content_root())
    conv = Conversation(config, clock=ManualClock(), records=MemoryRecords(), content=content)
    learned = ("_word_weights", "_meaning")  # the safety net's, fitted on first use
    assert not matcher_ready(content) and not any(n in vars(content.safety) for n in learned)
    conv.prepare()
    assert matcher_ready(content) and all(n in vars(content.safety) for n in learned)
