"""What is offered after the client picks one worry from "Did you mean A or B?": the long
message's second worry, or the main one when that second worry was picked, never the worry
just answered (`questions.also_after_pick`; the whole turn in
tests/transcripts/questions/two_worries_which_first.transcript)."""

from __future__ import annotations

import pytest

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.engine.questions import also_after_pick


@pytest.mark.parametrize(
    ("also", "first", "picked", "offered"),
    [
        ("supervision", "withdraw", "withdraw", "supervision"),  # the second worry
        ("supervision", "withdraw", "privacy", "supervision"),  # the runner-up was picked
        ("supervision", "withdraw", "supervision", "withdraw"),  # picked it: the main one
        (None, "withdraw", "supervision", None),  # one sentence: nothing more
        ("withdraw", "withdraw", "withdraw", None),  # never the worry just answered
    ],
)
def test_the_worry_offered_after_the_pick(
    also: str | None, first: str, picked: str, offered: str | None
) -> None:
    assert also_after_pick(also, first, picked) == offered


POST = (
    "Before I agree I'd like to know two things. Can I stop the recording halfway if I get"
    " upset? And does a trainee or supervisor ever listen to the tapes?"
)


def test_the_offered_worry_comes_first_and_only_once() -> None:
    """The worry offered is one of the step's own common questions here ("Can I change my
    mind?"): it leads the buttons and is not shown a second time among them."""
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in ("start", "continue", "yes"):
        conv.send(line)
    assert conv.send(POST).choices[0].id == "withdraw"  # "did you mean" these two
    reply = conv.send("2")
    ids = [c.id for c in reply.choices]
    assert reply.concern == "supervision" and ids[0] == "withdraw"
    assert len(ids) == len(set(ids))


def test_a_post_whose_second_worry_is_no_candidate_asks_what_was_meant() -> None:
    """Unsure between two main worries, neither of them the second worry the post raised: "Did
    you mean one of these?", and the second worry is still offered after the pick."""
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in ("start", "continue", "yes"):
        conv.send(line)
    reply = conv.send(
        "I've been burned before. A clinic lost my file once. Who exactly gets to see my notes?"
        " Also, could I get a copy of the summary for myself?"
    )
    assert "Did you mean one of these?" in reply.messages
    assert [c.id for c in reply.choices[:2]] == ["access", "notes_access"]
    picked = conv.send("1")
    assert picked.concern == "access" and picked.choices[0].id == "summary"
