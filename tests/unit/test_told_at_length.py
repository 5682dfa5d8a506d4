"""A message told or asked at length is read as what it says: its "before I sign", "next week"
or "might" is part of the story, not a deferral or an unclear answer to the step's question.
A short reply, or a question that itself asks to wait, is read as before. A later clause that
opens like a question asks, with or without a question mark, unless beside a clear yes or no.
A message of more than 30 words typed without full stops is told at length too."""

from __future__ import annotations

import pytest

from assistant.engine.content import load_content
from assistant.engine.reading import Prompt, Reader

READER: Reader = load_content().reader(["Dr. Sam Lee"])
YES_NO = Prompt(yes_no=True)
FREE = Prompt()


@pytest.mark.parametrize(
    "text",
    [
        "Before I sign, I want to understand the storage side of things. Where do the"
        " recordings live, and for how long?",
        "We start family sessions next week and my teenage son is coming too. Does he have to"
        " agree as well, or is it just me?",
        "Thanks for explaining so far. Before I agree, what does the summary actually do for my"
        " treatment?",
        "My counsellor asked me to agree to this on the spot and I felt a bit rushed. If I say no"
        " today, can I still keep my Tuesday slot?",
        # typed without full stops: one run-on sentence of more than 30 words
        "so my counsellor said theyre trialling a note taking app from next week and i have to"
        " sign a form first what happens if i say no would i still be able to see her",
        "my counsellor asked me to agree to this on the spot and i felt a bit rushed and i might"
        " be old fashioned but who actually gets to read the notes afterwards and for how long",
        "before i sign anything i want to understand the storage side because my brother works"
        " in it and he says these apps leak all the time so where do the recordings live",
        "before i sign anything id like to know who can view the notes this ai produces because"
        " we share a house with my parents would my family be able to get hold of them",
        "my first session is next week and i keep thinking about it and my friend said the ai"
        " gets things wrong all the time what if it writes down something i never said",
        # what the client wants to know asks as a question does: the "before I sign" or the
        # time beside it says when, it does not ask to wait
        "My counsellor mentioned the new note tool at intake. Before I sign anything I would like"
        " to know where the recordings end up, and for how long.",
        "I've been let down before by people who said my file was safe. Before I agree, I want to"
        " understand who at the clinic can open the notes",
        "We have a family session next week. I need to know whether my daughter has to agree to"
        " it too.",
    ],
)
@pytest.mark.parametrize("prompt", [YES_NO, FREE], ids=["yes-no", "free"])
def test_a_question_told_at_length_is_a_question(text: str, prompt: Prompt) -> None:
    assert READER.read(text, prompt).kind == "question"


@pytest.mark.parametrize(
    "text",
    [
        "we have a family session next week, does everyone have to sign",
        "Bringing my partner along next time, will he be on the recording too?",
        "If my sister comes to the next session, does she need to agree as well?",
    ],
)
def test_a_time_that_says_when_something_else_happens_is_no_deferral(text: str) -> None:
    """A time in a clause of its own before the one that asks says when; the question is
    answered."""
    assert READER.read(text, YES_NO).kind == "question"


@pytest.mark.parametrize(
    "text",
    [
        "next week, is that ok?",
        "can we do it next week, is that alright?",
        "My carer helps me with decisions like this. Can we wait until she's here?",
        "I'd like to talk it over with my wife first.",
        "not now, next week maybe",
        # the sentence that says what the client wants to know is itself a wish to wait
        "My therapist told me about the new notes tool today. I would like to know more about it,"
        " so I would like to think about it at home first.",
        "Thanks for all this. I want to know what my husband thinks, so I want to talk it over"
        " with him first.",
    ],
)
def test_a_wish_to_wait_is_still_a_deferral(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "defer"


def test_a_long_story_with_a_might_is_no_unclear_answer() -> None:
    text = (
        "My last counsellor wrote everything by hand and I might be old fashioned about it."
        " I would still like to know who reads the notes afterwards."
    )
    assert READER.read(text, YES_NO).kind == "question"
    assert READER.read("I might, I guess", YES_NO).kind == "unclear"


def test_a_clear_no_told_with_its_reason_is_still_no() -> None:
    text = "No. I don't trust where the data goes and I have thought about it for a week."
    assert READER.read(text, YES_NO).kind == "no"


@pytest.mark.parametrize(
    "text",
    [
        "im in the middle of a custody fight, can this be used",
        "i want to read what you wrote about me, is that allowed",
        "my counsellor mentioned a supervisor, who is that exactly",
    ],
)
def test_a_later_clause_that_asks_is_a_question(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "question"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("no, what happens now", "no"), ("yes, that is it", "yes"), ("yeah, would be good", "yes")],
)
def test_a_clear_answer_beside_a_later_clause_stays_an_answer(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "if i say no to the AI will you still see me",
        "if my wife comes along can she sit in",
        "if it gets recorded is it kept somewhere safe",
    ],
)
def test_after_a_condition_a_verb_before_its_subject_asks(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "question"


@pytest.mark.parametrize(
    "text",
    ["if you must do it then fine", "if it is deleted after, do it", "if that's it, yes"],
)
def test_a_condition_with_an_answer_is_still_unclear(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "unclear"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "i would rather talk it over with my wife first because she is better with forms than"
            " me and she knows how i feel about computers so can we leave it until next week",
            "defer",
        ),
        (
            "no i do not want to be recorded at all because the sessions are the only place"
            " where i can say anything i like and i would rather keep it that way thank you",
            "no",
        ),
    ],
)
def test_a_wish_to_wait_or_a_no_typed_without_full_stops_stays_one(text: str, kind: str) -> None:
    assert len(text.split()) > 30  # one run-on sentence
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Can I decline and still see my therapist this week?",
        "Can I still see my counsellor without it?",
        "can I ask for it to be paused while I talk about my mum?",
        "I want to talk about my dad without it being recorded",
    ],
)
def test_seeing_someone_still_or_talking_about_them_is_no_wish_to_consult(text: str) -> None:
    """ "still see my counsellor" asks whether care goes on; "talk about my mum" names what is
    talked about: neither is a wish to consult someone first."""
    assert READER.read(text, YES_NO).kind == "question"


@pytest.mark.parametrize(
    "text",
    [
        "I want to talk about it with my husband before I say yes.",
        "I would like to see my therapist first.",
        "can I talk to my partner about it",
    ],
)
def test_consulting_someone_is_still_a_deferral(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "defer"


def test_a_message_that_runs_on_is_not_one_wish_to_wait() -> None:
    """Typed without full stops, a whole post is one sentence: its "I want to know" and a
    "talk to my partner" far apart in it do not make it a sentence that asks to wait."""
    text = (
        "my partner and i were talking about the recording last night and i want to know who"
        " can actually listen to it later because i would want to talk to my partner before"
        " anything gets shared would anyone outside the clinic ever hear it"
    )
    assert READER.read(text, YES_NO).kind == "question"
