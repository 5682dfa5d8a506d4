"""A question about taking consent back at a later time asks about withdrawing; it does not put
the answer off ("how do I cancel my consent later on?" is answered, the consent question asked
again). A wish to wait still defers ("can we do it next week?", "later"), and so does a
question that also asks leave to consult someone first. Someone who sits in is a question about
others in the session, not a wish to consult them ("my support worker sometimes sits in, does
she sign as well"), while needing them there first still defers."""

from __future__ import annotations

import pytest

from assistant.engine.content import load_content
from assistant.engine.reading import Prompt, Reader

READER: Reader = load_content().reader(["Dr. Sam Lee"])
YES_NO = Prompt(yes_no=True)


def kind(text: str) -> str:
    return READER.read(text, YES_NO).kind


@pytest.mark.parametrize(
    "text",
    ["How do I cancel my consent later on?", "is there a way to cancel this later on",
     "can i change my mind next week", "If I agree today, can I take it back next week?",
     "If I agree today, can I revoke it before my next appointment?",
     "if i say yes today can i say stop next week", "can i pull my child's consent later on",
     "my support worker sometimes sits in, does she sign as well",
     "support worker comes in with me, she hasnt been asked"],
)  # fmt: skip
def test_asked_about_later_or_about_someone_there_is_a_question(text: str) -> None:
    assert kind(text) == "question"


@pytest.mark.parametrize(
    "text",
    ["can we do it next week?", "later", "later on", "can I decide next week?",
     "not now, next week maybe", "can i take it back? i need to ask my wife first",
     "I want to talk to my support worker before I say anything.",
     "I need my support worker here first", "I need my mum with me first"],
)  # fmt: skip
def test_a_wish_to_wait_still_defers(text: str) -> None:
    assert kind(text) == "defer"
