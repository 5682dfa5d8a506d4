"""Rules of the reply reading, each by more than one wording: slips inside yes and no phrases, a
yes that trails off, terms of address, negative concord, a bare "later", and the doubt and
resignation a yes may carry (never consent) (round 6); and a doubt about the tool that
is a worry, not a refusal ("no chance it gets my accent right"), a real word never mended into a
yes or no phrase's word ("a thick accent" is no "have a think"), and a question about taking
consent back later, or a wish to see the form before signing, that does not put the answer off
("how do I cancel my consent later on?", "can I read the form before I sign?"); and a no, a
wish to wait or a stop phrase that is supposed ("say I refuse"), told of someone else or of the
past ("my nan said no to one of these"), a time or an outcome ("after I'm done"), feared ("worried
my words walk out of this room") or across a full stop, beside the real answers that look like
them, and seeing what someone writes or whether they may look, which is no wish to consult them
(round 7)."""

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
    ["no porblem", "go ahaed", "of corse", "no wrries", "yes I agree to being recoded",
     "for sure bud", "aye go on pet", "ain't no problem, record it", "I can't see any harm in it",
     "Roger that, go ahead", "yesyes", "my answer is yes", "I'd be glad to", "🆗"],
)  # fmt: skip
def test_clear_yeses_in_new_voices(text: str) -> None:
    assert kind(text) == "yes"


@pytest.mark.parametrize(
    "text",
    ["I am unable to consent to this.", "over my dead body", "not in a million years", "🚫",
     "nono", "Denied.", "I'm not willing", "I'd like to not be recorded"],
)  # fmt: skip
def test_clear_noes_in_new_voices(text: str) -> None:
    assert kind(text) == "no"


@pytest.mark.parametrize(
    "text",
    ["ok...", "yeah... sure…", "you may as well", "yes, against my better judgement",
     "ok, fingers crossed it's safe", "sure, more than happy to give away my privacy",
     "on paper yes", "yes, what can I do"],
)  # fmt: skip
def test_hesitant_resigned_or_sarcastic_yeses_are_asked_again(text: str) -> None:
    assert kind(text) == "unclear"


@pytest.mark.parametrize(
    "text",
    ["later", "raincheck?", "let me have a word with my GP first",
     "not till I've spoken to my advocate", "I'll need to pray on it"],
)  # fmt: skip
def test_putting_it_off_defers(text: str) -> None:
    assert kind(text) == "defer"


@pytest.mark.parametrize("text", ["terminate this", "gotta dip, bye", "finish now"])
def test_leaving_in_other_words_stops(text: str) -> None:
    assert kind(text) == "stop"


def test_a_yes_that_names_the_clinician_later_is_no_deferral() -> None:
    assert kind("Yes. I'll let Dr Lee know I'm happy with it.") != "defer"
    assert kind("yes, I want to finish the form") != "stop"


@pytest.mark.parametrize(
    "text",
    ["no chance it understands my accent", "my glaswegian accent is thick, no way it gets me right",
     "i have a thick glaswegian accent, no chance it gets me right",
     "there's no way anyone reads all that", "no way the clinic keeps that private",
     "not a chance the AI copes with my stammer", "no way a computer gets my dialect"],
)  # fmt: skip
def test_a_doubt_about_the_tool_is_a_worry(text: str) -> None:
    assert kind(text) == "question"


@pytest.mark.parametrize(
    "text",
    ["no way", "no chance", "no way I'm doing this", "no way, the recorder stays off",
     "no chance, the whole thing creeps me out", "not a chance, sorry", "no way, that's not ok"],
)  # fmt: skip
def test_a_refusal_stays_a_no(text: str) -> None:
    assert kind(text) == "no"


def test_a_real_word_is_not_mended_into_a_phrase() -> None:
    assert READER.intents.mender.mend("thick") == "thick"
    assert READER.intents.mender.mend("absolutly") == "absolutely"  # a slip still is


@pytest.mark.parametrize(
    "text",
    ["How do I cancel my consent later on?", "is there a way to cancel this later on",
     "can i change my mind next week", "If I agree today, can I take it back next week?",
     "If I agree today, can I revoke it before my next appointment?",
     "if i say yes today can i say stop next week", "can i pull my child's consent later on",
     "my support worker sometimes sits in, does she sign as well",
     "support worker comes in with me, she hasnt been asked",
     "can i read the whole form before i sign", "can i see the consent form before signing",
     "i need to know this is all hipaa protected before i agree",
     "Show me some proper research before I agree."],
)  # fmt: skip
def test_asked_later_someone_there_or_to_see_first_is_a_question(text: str) -> None:
    assert kind(text) == "question"


@pytest.mark.parametrize(
    "text",
    ["can we do it next week?", "later", "later on", "can I decide next week?",
     "not now, next week maybe", "can i take it back? i need to ask my wife first",
     "I want to talk to my support worker before I say anything.",
     "I need my support worker here first", "I need my mum with me first",
     "can i take the form home and read it before i sign", "I need to know more before I decide",
     "can i see my therapist before i decide", "before i sign"],
)  # fmt: skip
def test_a_wish_to_wait_still_defers(text: str) -> None:
    assert kind(text) == "defer"


@pytest.mark.parametrize(
    "text",
    ["say I refuse the recording, do I still get seen today?",
     "say I refuse the recording, do I still get seen today",
     "if I hold off and decide next month do I lose my slot?",
     "what if I just wait till next week, is my place kept?",
     "my nan said no to one of these and nothing happened",
     "after my brother refused group, they discharged him",
     "never understood how these computer things work, what does it do?",
     "I never agreed to that, it was on my letter", "no offence but who reads it",
     "no rush, where is it kept", "no matter what I say, is it all kept",
     "Group is hard enough. With a recorder there I'd freeze.",
     "this shouldn't hang about for years after I'm done",
     "worried my words walk out of this room", "with that thing on I'd end up walking out",
     "scared saying no means going back on the waiting list",
     "I have a question regarding saying no to the recording",
     "just checking on saying no to it",
     "they told me no AI no appointment, that cant be right"],
)  # fmt: skip
def test_a_supposed_told_or_feared_no_wait_or_stop_is_a_worry(text: str) -> None:
    assert kind(text) == "question"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("No. Make sure that's written down.", "no"), ("I'd rather not, if it's all the same", "no"),
     ("no, never", "no"), ("never!", "no"), ("I'll wait till my son is here", "defer"),
     ("can this wait?", "defer"), ("lemme ask my mum first", "defer"),
     ("I'll answer after my appointment", "defer"), ("I'm scared, I want to stop", "stop"),
     ("I'm scared I want to stop", "stop"), ("I'm done. Bye.", "stop"),
     ("Enough. I want to go.", "stop"), ("I'm saying no", "no"), ("saying no, thanks", "no")],
)  # fmt: skip
def test_the_real_answers_beside_them_still_end(text: str, expected: str) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize(
    "text",
    ["suppose I agree, can I stop it later", "say I say yes now and change my mind",
     "say i refuse... then what", "let's say I agree, what then"],
)  # fmt: skip
def test_a_supposed_yes_or_no_is_never_the_answer(text: str) -> None:
    assert kind(text) in ("question", "unclear")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Can I see what my therapist writes about me?", "question"),
     ("will my partner be able to look at the notes", "question"),
     ("is my son allowed to look at my records", "question"),
     ("can I see what my husband thinks first", "defer"),
     ("I'd like my guardian to look at it", "defer"),
     ("my daughter needs to look at it first", "defer")],
)  # fmt: skip
def test_seeing_what_someone_writes_or_whether_they_may_look_is_a_question(
    text: str, expected: str
) -> None:
    assert kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("wait, who reads the summary? asking for a friend", "question"),
     ("hang on, is it private? just asking for a friend", "question"),
     ("wait, I want to ask my husband first", "defer"),
     ("wait, I need to ask for my wife's opinion first", "defer")],
)  # fmt: skip
def test_asking_for_someone_is_no_wish_to_consult_them(text: str, expected: str) -> None:
    """ "Asking for a friend" asks on their behalf; with "first" it still puts the answer off."""
    assert kind(text) == expected
