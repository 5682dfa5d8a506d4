"""A worry told beside a no word, at a step whose no is not a consent choice, is answered (or
asked about, when the matcher is unsure) with how to say no; a no with its reason, a worry
about saying no itself and any no at a consent choice stay a no (flow.toml
`worries_beside_no`, concerns.toml `about_no`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.content import Content, ContentError
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.paths import content_root

WORRY = "dont want trainees hearing me cry"


def conversation() -> Conversation:
    return Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())


def test_a_worry_beside_a_no_word_is_answered_at_the_first_screen() -> None:
    conv = conversation()
    reply = conv.send(WORRY)
    assert reply.state == "welcome" and reply.concern == "supervision"
    assert "If you meant no, just say “No, thank you”." in reply.messages[-2]
    assert conv.send("No, thank you").top_state == "declined"


@pytest.mark.parametrize(
    "text",
    [
        "No, I don't trust where the data goes",
        "Absolutely not, I've had my data leaked before.",
        "I'd rather not",
        "I don't want it recorded",
        "I do not wish for my sessions to be recorded.",
    ],
)
def test_a_no_with_its_reason_or_about_saying_no_stays_a_no(text: str) -> None:
    assert conversation().send(text).top_state == "declined"


def test_at_a_consent_choice_the_same_words_are_a_no() -> None:
    conv = conversation()
    for line in ("start", "next"):
        conv.send(line)
    assert conv.state == "explain.risks"
    assert conv.send(WORRY).concern == "supervision"  # "any questions?": a worry, answered
    conv.send("No questions, go on")
    assert conv.state == "choices.recording"
    conv.send(WORRY)
    assert conv.session.choices["recording"] is False and conv.state != "choices.recording"


def test_about_no_must_be_true_or_false(tmp_path: Path) -> None:
    shutil.copytree(content_root() / "dialogs", tmp_path / "dialogs")
    shutil.copytree(content_root() / "forms", tmp_path / "forms")
    concerns = tmp_path / "dialogs" / "concerns.toml"
    text = concerns.read_text("utf-8")
    concerns.write_text(text.replace("about_no = true", "about_no = 1", 1), "utf-8")
    with pytest.raises(ContentError, match="concern 'decline': 'about_no' must be true or false"):
        Content(tmp_path)


def test_a_worry_the_matcher_is_unsure_of_is_asked_about_not_taken_as_no() -> None:
    conv = conversation()
    # ("I never saw a single word of what they wrote about me", this test's message until
    # round 8 of the replies, holds no no: "never" before a verb tells a story, `[no] alone`)
    reply = conv.send("I do not want a single word of what they write about me kept")
    assert reply.state == "welcome"
    assert reply.messages[1] == "Did you mean one of these?"
    assert "If you meant no, just say “No, thank you”." in reply.messages[0]
    assert conv.send("No, thank you").top_state == "declined"
