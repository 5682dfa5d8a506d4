"""A no or yes word that answers nothing at the consent question (`signals._answers_nothing`):
"never", "n" or "I'm in" with more words after them in their clause, and someone else's no or
yes; and a yes with a question after it. The message is answered as a worry and the question
asked again, never taken as consent; the real answers like them still are
(bench/bench_reading.py, replies_tune10.tsv)."""

from __future__ import annotations

import pytest

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords


def at_consent(text: str) -> str:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in ("start", "continue", "no"):
        conv.send(line)
    assert conv.state == "choices.recording"
    return conv.send(text).state


@pytest.mark.parametrize(
    "text",
    ["these dictation apps never get my accent right, will it mangle what i say",
     "my last doctor never let me see my own file",
     "whats the difference between the recording n the transcript",
     "the interpreter didn't agree to be taped",
     "we do couples sessions and she hasn't said yes yet",
     "no harm asking, does it pick up the people in the waiting room",
     "do i have to give my real name to the ai company"],
)  # fmt: skip
def test_a_worry_with_a_no_word_stays_at_the_question(text: str) -> None:
    assert at_consent(text) == "choices.recording"


@pytest.mark.parametrize(
    "text",
    ["never", "Never. Not with what I talk about in there", "never thanks", "never record me",
     "never in a million years", "I would never agree to that", "never gonna happen",
     "no thank you", "I'm too old for all this, no thank you",
     "i don't want it recorded", "i don't want to be taped",
     "I don't want any of this, my husband agrees", "i'll pass thanks"],
)  # fmt: skip
def test_the_real_refusals_like_them_are_a_no(text: str) -> None:
    assert at_consent(text).startswith("declined")


@pytest.mark.parametrize(
    "text",
    ["I'm in the middle of a custody fight and my ex's solicitor would love to get hold of this",
     "i'd like to listen to the recording afterwards, is that allowed",
     "my husband would love it, he thinks it's great"],
)  # fmt: skip
def test_a_story_or_someone_elses_yes_is_never_consent(text: str) -> None:
    # "I'm in" answers only alone in its clause ([yes] alone); a yes said of someone else is not
    # the client's; a yes with a question after it, even without a question mark, asks
    assert at_consent(text) == "choices.recording"


@pytest.mark.parametrize("text", ["i'm in", "I'm in, cheers", "count me in", "yes please"])
def test_the_same_yes_words_alone_are_consent(text: str) -> None:
    assert at_consent(text) == "choices.summary"
