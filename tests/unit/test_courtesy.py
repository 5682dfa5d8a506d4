"""Greetings, apologies and thanks around a question carry no worry (lexicon `opening` and
`closing`, `SentenceKinds.unwrapped`, `MessageParts.read`): "hi, can I say no?" is read as "can I
say no", and "Hello." or "Thank you!" beside a question is not read at all; nor is a lead-in ("ok
so", "can you tell me", "what's the best way to"). Nor do the emoji the language layer reads as a
yes, a no or a feeling (`Language.unsigned`): "hi 👍" is no question."""

from __future__ import annotations

import itertools

import pytest

from assistant.engine.language import default_language
from assistant.engine.lexicon import default_lexicon
from assistant.engine.matcher import Matcher
from assistant.engine.sentences import SentenceKinds


@pytest.fixture(scope="module")
def kinds() -> SentenceKinds:
    return SentenceKinds(default_lexicon(), default_language())


def _plain(text: str) -> str:
    return " ".join(default_language().tokens(text))


@pytest.mark.parametrize(
    ("sentence", "bare"),
    [
        ("Hi, can I say no?", "can i say no"),
        ("hi there, sorry, quick question: who reads it? thanks!", "who reads it"),
        ("Good morning, how long is it kept please", "how long is it kept"),
        ("is it encrypted thank you so much", "is it encrypted"),
        ("thank you", ""),
        ("Hello.", ""),
        ("sorry for my english", "for my english"),  # an apology opens it; the rest stays
        ("this thing is a hiccup", "this thing is a hiccup"),  # whole words only
        ("ok so who reads it", "who reads it"),  # lead-ins too
        ("can you tell me how long it is kept", "how long it is kept"),
        ("I was wondering, can I say no", "can i say no"),
        ("tell me about it", "tell me about it"),  # "tell me" alone leads in to nothing
        ("what's the best way to say no", "say no"),  # a question of manner leads in too
        ("Is there any way I can read the notes?", "read the notes"),
        ("what is the best way", "what is the best way"),  # leading in to nothing
        ("Who do I talk to about opting out?", "opting out"),  # and asking whom to ask
        ("I've got a query regarding who reads it", "who reads it"),  # any lead-in of asking
        ("could somebody fill me in on the encryption", "the encryption"),
        ("does it understand my accent", "does it understand my accent"),  # asks of the AI
        ("can i get it on paper", "can i get it on paper"),  # no asking named
        ("is it ok to talk about my kids", "is it ok to talk about my kids"),  # asks to talk
        ("I need to understand what happens to my data", "what happens to my data"),
        ("can you say thanks to dr lee for me", "can you say thanks to dr lee for me"),
        ("what is your policy on keeping recordings", "keeping recordings"),  # a rule asked about
        ("what's your privacy policy", "what is your privacy policy"),  # leading in to nothing
        ("who would I speak with regarding the encryption", "the encryption"),  # whom to ask
        ("can I talk to someone about my kids", "my kids"),
        ("can I talk about my kids", "can i talk about my kids"),  # asks to talk, not whom
    ],
)
def test_unwrapped(kinds: SentenceKinds, sentence: str, bare: str) -> None:
    assert kinds.unwrapped(_plain(sentence)) == bare


def test_a_question_is_read_without_its_greeting_and_thanks(matcher: Matcher) -> None:
    assert matcher.message_parts.read("hi, sorry, who reads my notes? thanks!")[0] == [
        "who reads my notes"
    ]
    assert matcher.message_parts.read("Hello. Can I say no? Thank you!")[0] == ["can i say no"]
    # a message of greetings or thanks alone is read as it is: small talk
    assert matcher.message_parts.read("thank you")[0] == ["thank you"]
    assert matcher.match("Hi, thanks!").status == "none"
    # in a post, a greeting that opens a sentence of the story stays: it tells
    parts = matcher.message_parts.read("Hi everyone, long time lurker. Who reads the notes?")[0]
    assert parts == ["hi everyone long time lurker", "who reads the notes"]


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("what's the best way to say no", "decline"),
        ("What is the best way to delete my recordings?", "deletion"),
        ("is there any way to stop it later", "withdraw"),
        ("what's the best way to get to the station from here", None),  # an errand so put
        ("is there a way to pay for parking by card", None),
    ],
)
def test_a_question_of_manner_is_read_as_what_it_asks_about(
    matcher: Matcher, text: str, concern: str | None
) -> None:
    """Read with its lead-in, "what's the best way to say no" was small talk, as errands put so
    are ("what is the best way to get to ..."), and noted for the clinician unanswered."""
    assert matcher.match(text).concern == concern


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("who do I talk to about opting out", "decline"),
        ("I need to understand what happens to my data", "data_use"),
        ("who do i talk to about my bill", None),  # errands so put stay small talk
        ("who can I speak to about parking", None),
        ("i need to understand how the bus times work", None),
        ("could you explain the car park charges", None),
        ("I've got a query regarding my parking ticket", None),
        ("could someone fill me in on the bus times", None),
        ("what is your policy on deleting session audio", "deletion"),
        ("who would I speak with regarding pausing the recording", "withdraw"),
        ("what is your policy on late cancellations", None),
        ("who can I speak with about a refund", None),
    ],
)
def test_asking_whom_to_ask_or_to_understand_leads_in(
    matcher: Matcher, text: str, concern: str | None
) -> None:
    """Read with its lead-in, "who do I talk to about opting out" was small talk (errands are
    asked so: "who do I talk to about my bill"), and the kiosk sent the client to the front desk
    instead of saying how to opt out; so were "what is your policy on deleting session audio"
    (clinics have policies on errands: "what is your policy on late cancellations") and "who
    would I speak with regarding pausing the recording"."""
    assert matcher.match(text).concern == concern


@pytest.mark.parametrize(
    "text",
    [
        "hi, hackable??",
        "hello, how long do you keep the recording",
        "sorry quick question, can I say no to the recording?",
        "Can I stop it halfway through? thanks",
    ],
)
def test_a_greeting_changes_no_answer(matcher: Matcher, text: str) -> None:
    bare = matcher.message_parts.kinds.unwrapped(
        matcher.message_parts.plain(text).replace("  ", " ")
    )
    assert matcher.match(text).concern == matcher.match(bare).concern is not None


def test_unsigned_drops_the_emoji_read_as_words() -> None:
    language = default_language()
    assert language.tokens("ok 👍") == ("ok", "yes")  # a yes, where a yes is asked for
    assert language.tokens(language.unsigned("ok 👍")) == ("ok",)
    assert language.tokens(language.unsigned("is it private 😬🤨")) == ("is", "it", "private")
    text = "who reads it?"
    assert language.unsigned(text) is text  # plain ASCII: nothing to look for


@pytest.mark.parametrize("emoji", ["👍", "👌", "😬", "😭", "🤨"])
@pytest.mark.parametrize("text", ["hello", "hi", "hey"])
def test_an_emoji_after_a_greeting_asks_nothing(matcher: Matcher, text: str, emoji: str) -> None:
    """Read as words, a thumbs-up after "hi" was a yes, and answered outright as taking consent
    back; a grimace was unease, and asked about as "is this normal?"."""
    assert matcher.match(f"{text} {emoji}").status == "none"


_EMOJI_AFTER = [f"{{}} {emoji}" for emoji in ("👍", "😬", "🤨", "🤷")]
"""Emoji the language layer reads as words, after a question."""
_LEAD_INS = [f"{lead} {{}}" for lead in ("ok so", "can you tell me", "I was wondering,")]
"""Lead-ins before one: before the lexicon's lead-ins, "ok so can I read my notes" was small
talk and "ok so what exactly am I signing" was asked about."""
_ASKING = [
    f"{lead} {{}}"
    for lead in (
        "I've got a query regarding",
        "could someone fill me in on",
        "is it ok to ask about",
        "I would like some information about",
    )
]
"""Lead-ins of asking words that no list names (the lexicon's `frame_words`): the worry after
one reads exactly as it does alone. These twelve were read right before, with other scores;
other worries so put were misread (bench/bench_frames.py)."""


_LAUGHS_AFTER = [f"{{}} {word}" for word in ("haha", "lol", "hehe", "x", "xx", "pls", "tho")]
"""Laughter, kisses and "please" as texted after one: "is it private haha" was read as small
talk about as often as "haha" is in it, and "hehe" was mended to "he he"."""


@pytest.mark.parametrize(
    ("around", "text"),
    [
        *itertools.product(
            _LAUGHS_AFTER, ["who can see my notes", "can i get a copy of the summary"]
        ),
        *itertools.product(
            _EMOJI_AFTER, ["who can see my notes?", "how long do you keep the recording"]
        ),
        *itertools.product(
            _LEAD_INS, ["can I read my notes", "what exactly am I signing", "will it judge me"]
        ),
        *itertools.product(
            _ASKING,
            [
                "who can read my notes",
                "saying no to the recording",
                "how long the recordings are kept",
            ],
        ),
    ],
)
def test_what_is_typed_around_a_question_changes_no_answer(
    matcher: Matcher, around: str, text: str
) -> None:
    plain, typed = matcher.match(text), matcher.match(around.format(text))
    assert (typed.concern, typed.status, typed.score) == (plain.concern, plain.status, plain.score)
