"""One reading of a turn: the cases the first round got wrong, at the steps where they hurt."""

from __future__ import annotations

import pytest

from assistant.clock import ManualClock
from assistant.config import Clinician, load_config
from assistant.engine.content import load_content
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.engine.reading import Prompt, Reader
from assistant.engine.reply import Choice

READER: Reader = load_content().reader(["Dr. Sam Lee"])
YES_NO = Prompt(yes_no=True)
NAME = Prompt(collects="name")


@pytest.mark.parametrize(
    "text",
    ["I don't mind", "no problem", "I agree, no problem", "sure why not", "yes please", "👍",
     "why not", "not a problem at all", "yep", "Yes I agree"],
)  # fmt: skip
def test_yes(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "yes"


@pytest.mark.parametrize(
    "text",
    ["no", "no thanks", "I do not agree", "don't record me please", "absolutely not", "nah",
     "I'd rather not", "yes I mean no"],
)  # fmt: skip
def test_no_or_stop(text: str) -> None:
    assert READER.read(text, YES_NO).kind in ("no", "stop")


@pytest.mark.parametrize(
    "text",
    ["fine, whatever", "ok if I have to", "I guess", "I'm not sure", "I don't know",
     "yes and no", "I can't really say no", "yes but only if you delete it", "kind of",
     "do I have a choice?", "maybe", "hmm"],
)  # fmt: skip
def test_unclear_is_never_yes_or_no(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "unclear"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I'd like to talk to my therapist about this first", "defer"),
        ("can I ask Dr Lee first?", "defer"),
        ("stop", "stop"),
        ("what name should I use?", "question"),
        ("why do you need my name", "question"),
        ("Alex Rivera", "value"),
        ("Will", "value"),
        ("María José", "value"),
    ],
)
def test_a_name_prompt_takes_a_name_only_after_the_rest(text: str, kind: str) -> None:
    assert READER.read(text, NAME).kind == kind


@pytest.mark.parametrize(
    "text",
    ["I want to kill myself", "my husband hits me and reads my phone",
     "what if I say something about hurting myself", "I just want it all to stop"],
)  # fmt: skip
def test_safety_comes_first_everywhere(text: str) -> None:
    for prompt in (YES_NO, NAME, Prompt()):
        reading = READER.read(text, prompt)
        assert reading.kind == "safety" and reading.risk is not None


@pytest.mark.parametrize(
    "text", ["this wait is killing me", "I'd kill for a coffee", "I want to stop this"]
)
def test_figures_of_speech_are_not_a_crisis(text: str) -> None:
    assert READER.read(text, YES_NO).kind != "safety"


def test_a_question_about_taking_back_is_answered_not_done() -> None:
    assert READER.read("can I take it back later?", YES_NO).kind == "question"
    assert READER.read("take it back", Prompt()).command == "withdraw"


def test_interruptions_at_the_clinician_choice() -> None:
    two = (Clinician("Dr. Sam Lee", "sam@example.org"), Clinician("Jo Park", "jo@example.org"))
    config = load_config()
    config = type(config)(**{**config.__dict__, "clinicians": two})
    for text, state in [
        ("talk to my therapist first", "deferred.notify"),
        ("stop", "declined.notify"),
        ("who can see my notes?", "welcome.clinician"),
        ("I want to kill myself", "welcome.clinician"),
        ("2", "explain"),
    ]:
        conv = Conversation(config, clock=ManualClock(), records=MemoryRecords())
        conv.send("start")
        assert conv.state == "welcome.clinician"
        assert conv.send(text).state == state, text


@pytest.mark.parametrize(
    "text",
    ["yes that's fine with me thank you", "sure go ahead and record", "yes thank you Dr Lee",
     "no more questions, yes go ahead", "nope no questions, yes that's fine",
     "yeah i don't have a problem with it", "Y E S", "yes, thank you for your time",
     "Yes, I think it's a good idea.", "happy for you to record"],
)  # fmt: skip
def test_a_yes_with_harmless_words_beside_it_is_a_yes(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "yes"


@pytest.mark.parametrize(
    "text",
    # near misses of the rules above: the words beside the yes change what it says
    ["I feel like I have to say yes", "yes for the time being", "yes, one session",
     "yes a bit", "yes explain", "yes questions", "yes, I think", "I think so",
     "happy for you to delete it", "yes I have to", "yes, I don't trust it",
     "nope, no problem", "I'd share it", "Y E S?", "y e s no", "no, no more questions"],
)  # fmt: skip
def test_near_misses_of_a_yes_are_never_a_yes(text: str) -> None:
    assert READER.read(text, YES_NO).kind != "yes"


@pytest.mark.parametrize(
    "text",
    ["definitely no", "i do not give consent", "Consent not given.", "nuh uh",
     "No. I don't trust where the data goes.", "I think I'll pass on the recording",
     "Not a fan, so no.", "no, I value my privacy too much", "i dont agre to this"],
)  # fmt: skip
def test_a_no_with_a_reason_or_a_softener_is_a_no(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "no"


def test_real_words_are_not_mended_into_yes_words() -> None:
    mend = READER.intents.mender.mend
    assert [mend(w) for w in ("share", "argue", "child", "value")] == [
        "share",
        "argue",
        "child",
        "value",
    ]
    assert [mend(w) for w in ("aggree", "absolutly")] == ["agree", "absolutely"]


@pytest.mark.parametrize(
    "text",
    ["ok, I had the same at my dentist's and it was fine", "Yes please. Dr Lee explained it well",
     "sure, my sister does this with her counsellor and it helps her",
     "Yes, that's fine. It will help me remember what we said",
     "aye go on", "no bother at all", "sweet as, record it", "Can do", "would be fine",
     "Is okay, I accept"],
)  # fmt: skip
def test_a_plain_yes_with_a_story_or_an_idiom_around_it_is_a_yes(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "yes"


@pytest.mark.parametrize(
    "text",
    # the story beside the yes doubts, mocks, limits, asks or gives in: asked again
    ["sure, like my opinion matters", "yes, my data is everywhere anyway", "yes, who reads it",
     "yes, just the audio", "ok. the robots can have my secrets", "yes, Dr Lee asked me to",
     "sure, you're the boss", "yes. I'm nervous about it", "yes, for today", "ok 🙄",
     "I'm alright, thanks", "I'm good", "maybe not", "yes, I'm too tired to argue", "err... ok",
     "yes, on the condition that I see it", "great, just what I needed, sure",
     "I don't mind... actually I do", "sure, sounds fine, you win", "ok, I love that for me",
     "yes, I've given up on privacy", "sure, it is what it is", "yes, I was told it's a must"],
)  # fmt: skip
def test_a_yes_beside_doubt_sarcasm_or_a_limit_is_never_a_yes(text: str) -> None:
    assert READER.read(text, YES_NO).kind != "yes"


@pytest.mark.parametrize(
    "text",
    ["I'll give it a miss", "count me out, sorry", "I would prefer that you did not",
     "nah I'm good", "nah you're alright", "maybe not this time, thanks",
     "I hereby withhold my consent.", "consent withheld", "I do not wish to be recorded"],
)  # fmt: skip
def test_polite_and_idiomatic_declines_are_a_no(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "no"


def test_a_question_about_what_happens_does_not_ask_leave() -> None:
    assert READER.read("can I still see Dr Lee if I say no?", YES_NO).kind == "question"
    assert READER.read("can I ask my mam first?", YES_NO).kind == "defer"


@pytest.mark.parametrize("before", [["start", "continue"], ["start", "continue", "yes"]])
@pytest.mark.parametrize(
    "text", ["No more questions please, I'd like to finish", "I'm done with questions"]
)
def test_no_more_questions_ends_the_questions_where_that_is_the_answer(
    before: list[str], text: str
) -> None:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in before:
        conv.send(line)
    assert conv.state in ("explain.risks", "questions")
    assert conv.send(text).state == "choices.recording"


def test_no_more_questions_at_the_recording_question_is_asked_again() -> None:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in ("start", "continue", "no"):
        conv.send(line)
    assert conv.state == "choices.recording"
    for text in ("no more questions", "No more questions please, I'd like to finish"):
        assert conv.send(text).state == "choices.recording"
    assert conv.session.choices.get("recording") is None
    assert conv.send("no more questions, I want to stop").state.startswith("declined")


def test_a_name_signing_off_a_yes_is_no_extra_word() -> None:
    assert READER.read("Yes, that's fine. Kind regards, Priya", YES_NO).kind == "yes"
    assert READER.read("ok go ahead, this is Kofi", YES_NO).kind == "yes"
    # a capital that opens a sentence is no name
    assert READER.read("Sure. Dangerous.", YES_NO).kind != "yes"
    assert READER.read("sure, dangerous", YES_NO).kind != "yes"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("no, I mean yes", "yes"), ("nope sorry, misread it, yes that's fine", "yes"),
     ("ok actually no, sorry", "no"), ("sure... oops, no thanks", "no"),
     ("I don't mind... actually I do", "unclear"), ("no wait yes, if I have to", "unclear"),
     ("no I mean yes I mean I'm not sure", "unclear"), ("yes, actually, wait, hmm", "unclear")],
)  # fmt: skip
def test_a_correction_takes_back_an_answer_only_for_a_firm_other_one(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("can I ask Dr Lee to turn it off?", "question"),
     ("could I ask the therapist to pause it sometimes?", "question"),
     ("can I ask my therapist first?", "defer"),
     ("I'd like to ask my counsellor to explain it first", "defer"),
     ("I want to ask my wife to help me decide", "defer")],
)  # fmt: skip
def test_asking_someone_to_do_something_is_no_deferral(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("recording the sessions? sure, go ahead", "yes"), ("agree to recording? nope", "no"),
     ("do I consent? not really", "no"), ("is it safe? yes", "question"),
     ("do I have to agree? ok", "unclear"), ("recording? why?", "question"),
     ("will the recording be deleted? ok", "question")],
)  # fmt: skip
def test_an_answer_after_the_question_said_back_counts(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("tes", "yes"), ("yeaj", "yes"), ("okat", "yes"), ("yesa", "yes"), ("nopr", "no"),
     ("nahh", "no"), ("hope", "question"), ("the", "question"), ("yet", "question")],
)  # fmt: skip
def test_a_one_word_slip_of_the_finger_is_read_as_meant(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


def test_slips_need_a_neighbouring_key() -> None:
    from assistant.engine.slips import is_slip, neighbours

    near = neighbours(["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"])
    assert is_slip("ues", "yes", near) and is_slip("yse", "yes", near)
    assert is_slip("yeas", "yes", near) and not is_slip("yeps", "yes", near)
    assert not is_slip("pes", "yes", near) and not is_slip("yes", "yes", near)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("I'm not saying no", "unclear"), ("I never said no to it", "unclear"),
     ("it's not that I'm against it", "unclear"),
     ("it's not that I don't like Dr Lee, but no", "no")],
)  # fmt: skip
def test_a_denied_no_is_not_a_no(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("nope, go for it", "yes"), ("no, I don't mind", "yes"),
     ("nah not at all, happy for you to record", "yes"), ("No, that's fine", "unclear"),
     ("no, it's ok", "unclear"), ("no, go ahead. no wait, I don't want it", "no")],
)  # fmt: skip
def test_a_no_answering_would_you_mind_before_a_go_ahead_is_a_yes(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yes I understand", "unclear"), ("ok, understood", "unclear"),
     ("yeah I'm still here", "unclear"), ("yes, this is Jordan", "unclear"),
     ("yes I understand and I'm happy for you to record", "yes"),
     ("understood, I agree", "yes")],
)  # fmt: skip
def test_a_bare_yes_beside_another_answer_is_asked_again(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("I was worried at first, but it's fine", "yes"),
     ("I had my doubts but Dr Lee explained it, so yes", "yes"),
     ("I'm worried but ok", "question"), ("I was told it's mandatory, but ok", "unclear"),
     ("I was nervous but I guess it's fine", "unclear"),
     ("at first I said no but now yes", "unclear")],
)  # fmt: skip
def test_a_yes_after_a_doubt_got_past_is_a_yes(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("idm", "yes"), ("nty", "no"), ("yeah nah", "no"), ("mm-hmm", "yes"), ("ig", "unclear"),
     ("idc", "unclear"), ("not fussed", "unclear"), ("I'm ok", "unclear"),
     ("I'm ok with it", "yes"), ("I wouldn't say no", "yes"),
     ("I can't see any reason not to", "yes")],
)  # fmt: skip
def test_texting_dialect_and_idiom(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("sure 🙃", "unclear"), ("ok 😬", "unclear"), ("yes 😢", "unclear"), ("yes 🙂", "yes"),
     ("k fine, do what u want", "unclear"), ("yes jk", "unclear"), ("yes!! jk, no", "no")],
)  # fmt: skip
def test_emoji_of_unease_and_jokes_take_the_yes_away(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("I'd rather keep it private", "no"), ("let's not", "no"), ("I'm declining", "no"),
     ("I need to run it by my mum", "defer"), ("I need to run, bye", "stop"),
     ("switch it off", "stop")],
)  # fmt: skip
def test_keeping_it_private_consulting_and_switching_off(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("no worries go ahead and record", "yes"), ("I don't mind you can record it", "yes"),
     ("no problem I do not agree", "unclear"), ("erm yeah I agree to that", "unclear"),
     ("um okay", "unclear"), ("yes full stop", "yes"),
     ("it sounds sensible", "yes"), ("sounds like a lot of hassle", "question")],
)  # fmt: skip
def test_voice_to_text_without_commas(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yes, with the caveat that I can stop it", "unclear"), ("ok, I take it it's safe", "unclear"),
     ("pretty much yes", "unclear"), ("mostly no", "unclear"), ("I feel good about it", "yes"),
     ("I don't feel good about it", "no"), ("why the hell not", "yes"),
     ("it never bothered me before, so yes", "yes"), ("not that bothered", "unclear")],
)  # fmt: skip
def test_caveats_assumptions_and_feelings(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yeah cos I forget what we said", "yes"), ("yes because it helps me remember", "yes"),
     ("yes because my partner said so", "unclear"), ("yes because I have to", "unclear"),
     ("Absolutely, I think it's an excellent idea", "yes"), ("Sure look, record away", "yes")],
)  # fmt: skip
def test_a_reason_after_because_is_a_story_around_a_yes(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("ok, can I stop it later?", "question"),
     ("could we stop halfway if it gets too much?", "question"),
     ("can we stop now?", "stop"), ("can you stop this please?", "stop"),
     # ...or for a part of a session: pausing, not declining now
     ("can you turn the recorder off while we talk about my dad?", "question"),
     ("could you switch it off for the part about my marriage", "question"),
     ("can you switch it off", "stop")],
)  # fmt: skip
def test_asking_about_stopping_later_is_a_question(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yeah no, all good, go ahead", "yes"), ("yeah no, I'm not having that", "no"),
     ("yeah no yeah", "unclear")],
)  # fmt: skip
def test_yeah_no_leads_what_follows(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("okey dokey", "yes"), ("Indeed.", "yes"), ("yes ta", "yes"), ("please not record", "no"),
     ("it's not necessary", "no"), ("I don't need that", "no"), ("I am accepting", "yes")],
)  # fmt: skip
def test_more_everyday_and_second_language_answers(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("I allow it", "yes"), ("you're permitted to record", "yes"), ("I don't allow it", "no"),
     ("you have my blessing", "yes"), ("yes, I've said yes already", "yes"),
     ("yes, then I won't have to repeat it all", "yes"), ("yes, then I won't come back", "unclear"),
     ("no objections whatsoever", "yes")],
)  # fmt: skip
def test_permission_impatience_and_a_reason_not_to_repeat(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yes I'm from Leeds", "unclear"), ("yes, my appointments are on Fridays", "unclear"),
     ("Yes thanks, Jordan", "yes"), ("ok go ahead, this is Kofi", "yes"),
     ("ok I'm reading it now", "unclear"), ("the nurse said yes", "unclear"),
     ("my dad says it's fine", "unclear")],
)  # fmt: skip
def test_only_a_name_signing_off_and_only_the_clients_own_yes(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    "text", ["ok, I'll trust your judgement", "OK I give in", "yes sir, as you wish",
             "fine, you wore me down"],
)  # fmt: skip
def test_leaving_it_to_the_clinician_or_giving_in_is_no_yes(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "unclear"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yes that's fine I've used one before at my GP", "yes"),
     ("sure go ahead it will help me remember", "yes"), ("yes ok I'm crying", "unclear"),
     ("yes fine I was told it's compulsory", "unclear"), ("yes ok who reads it", "unclear")],
)  # fmt: skip
def test_an_unpunctuated_yes_with_a_reason_reads_as_a_punctuated_one(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yes, sorry, yes", "yes"), ("ok oops, hit the wrong key, ok", "yes"),
     ("nope, sorry, no", "no"), ("I don't mind... actually I do", "unclear"),
     ("ok wait", "unclear")],
)  # fmt: skip
def test_the_same_answer_said_again_after_a_correction(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("I'd rather not, no worries", "unclear"), ("rather not, no problem", "unclear"),
     ("I'd rather not, so that's fine", "unclear"), ("no, or rather yes", "yes"),
     ("I'll not bother, thanks", "no"), ("I really don't fancy it", "no"),
     ("I'd hate that", "no"), ("I'm not keen on being recorded", "no")],
)  # fmt: skip
def test_would_rather_is_no_correction_and_everyday_declines(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yes, I've been here before", "unclear"), ("yes, I've used one before, it was fine", "yes"),
     ("I've had it done before, yes it's fine", "yes"), ("I've had it!", "stop"),
     ("I've had it with this", "stop")],
)  # fmt: skip
def test_having_been_somewhere_before_is_no_reason_for_a_yes(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yes, I'm done reading", "unclear"), ("yes I'm going to agree", "unclear"),
     ("yes I'm out of questions", "unclear"), ("I'm going to leave", "stop"),
     ("I'm out of here", "stop"), ("I'm done with this", "stop"), ("I'm going home", "stop")],
)  # fmt: skip
def test_a_stop_phrase_carried_on_into_something_else_is_no_stop(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Yes I agree (sorry, my English is not so good)", "yes"),
     ("ok yes, sorry for my bad english", "yes"), ("yes, the idea is bad", "unclear"),
     ("no, sorry, my English is not good", "no")],
)  # fmt: skip
def test_an_apology_for_ones_english_is_politeness(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("That suits me fine.", "yes"), ("Right you are.", "yes"), ("I'm agreeable to that.", "yes"),
     ("Yes please, my memory isn't what it was.", "yes"), ("that wouldn't suit me", "no"),
     ("I'm not agreeable to that", "no")],
)  # fmt: skip
def test_older_and_formal_ways_of_agreeing(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("nahh im good", "no"), ("yepp go ahead", "yes"), ("Nei takk", "no"), ("takk", "question"),
     ("yeah man", "yes"), ("its calm", "yes")],
)  # fmt: skip
def test_a_doubled_last_letter_and_texting(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("yes please, it helps me remember what we said by the next session", "yes"),
     ("yes, next week", "defer"), ("maybe another day", "defer")],
)  # fmt: skip
def test_a_time_in_the_story_of_a_firm_yes_is_no_deferral(text: str, kind: str) -> None:
    assert READER.read(text, YES_NO).kind == kind


GO_ON = Prompt(
    buttons=(Choice("continue", "Continue"), Choice("no_code", "I don't have it")),
    button_words={"continue": ["understood", "got it"], "no_code": ["don't have", "lost it"]},
    yes_no=True,
)


@pytest.mark.parametrize(
    ("text", "button"),
    [("understood", "continue"), ("ok, got it", "continue"), ("I don't have it", "no_code"),
     ("I've lost it", "no_code"), ("not understood", None), ("never got it", None),
     ("got it, if I can stop later", None)],
)  # fmt: skip
def test_a_listed_word_picks_its_button_only_outside_a_negation(
    text: str, button: str | None
) -> None:
    reading = READER.read(text, GO_ON)
    assert (reading.button if reading.kind == "button" else None) == button


@pytest.mark.parametrize("text", ["I will not", "I won't", "i do not", "no I won't"])
def test_a_plain_refusal_is_a_no_and_no_crisis(text: str) -> None:
    # the safety net's learned signals read few words poorly: "I will not" scored as a crisis
    assert READER.read(text, YES_NO).kind == "no"


@pytest.mark.parametrize(
    ("text", "ends"),
    [("can you turn the recording off?", True), ("turn it off", True),
     ("switch this thing off please", True), ("can you just shut it all off", True),
     ("turn off the recorder", True), ("can you turn the whole thing off", True),
     ("shut the damn thing off", True),
     ("can you turn the telly off", False), ("could someone switch the lights off", False),
     ("turn the music off please", False), ("can you turn off the tv?", False)],
)  # fmt: skip
def test_switching_something_else_off_is_no_stop(text: str, ends: bool) -> None:
    """Saying "turn it off" ends the conversation from any step; the telly, the lights or the
    music in the waiting room being switched off is not about the recording (the kiosk once read
    "can you turn the telly off" as the client declining)."""
    assert (READER.read(text, YES_NO).kind == "stop") is ends


@pytest.mark.parametrize(
    "text",
    ["they recorded me last time and never asked me", "no one told me it was recording",
     "I was never told about this", "I have never been in therapy before, is this normal?"],
)  # fmt: skip
def test_a_no_word_that_answers_nothing_is_no_no(text: str) -> None:
    # "no one" is a pronoun and "never asked" tells what happened: neither answers the question
    assert READER.read(text, YES_NO).kind == "question"


@pytest.mark.parametrize("text", ["never", "I would never agree to that", "no, no one should"])
def test_a_never_or_no_that_answers_is_still_a_no(text: str) -> None:
    assert READER.read(text, YES_NO).kind == "no"


def test_recorded_without_being_asked_is_answered_at_the_welcome() -> None:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    reply = conv.send("I was recorded without being asked")
    assert conv.state == "welcome"  # answered, then "Are you ready to start?" again
    assert "recorded without being asked" in reply.messages[0]
    assert reply.messages[-1] == "Are you ready to start?"
    # Told as a story, the worry reads less surely (withdraw 88, why record at all 60 since
    # round 24's phrasings: a lead just under `MARGIN`): the kiosk asks, with it offered first
    reply = conv.send("they recorded me last time and never asked me")
    assert conv.state == "welcome"
    if reply.messages[0] == "Did you mean one of these?":
        assert reply.choices[0].id == "withdraw"
        reply = conv.send("1")
    assert "recorded without being asked" in reply.messages[0]
    assert reply.messages[-1] == "Are you ready to start?"


SHALL_I_GO_ON = Prompt(
    buttons=(
        Choice("continue", "Continue"),
        Choice("question", "I have a question"),
        Choice("no_thanks", "No, thank you"),
    ),
    button_words={"continue": ("go on", "carry on", "move on")},
    yes_no=True,
)


@pytest.mark.parametrize(
    ("text", "button"),
    [("can we go on?", "continue"), ("could you please carry on", "continue"),
     ("please continue", "continue"), ("can you move on now?", "continue"),
     ("can we no thank you", "no_thanks")],
)  # fmt: skip
def test_a_button_asked_for_politely_is_that_button(text: str, button: str) -> None:
    read = READER.read(text, SHALL_I_GO_ON)
    assert (read.kind, read.button) == ("button", button)


@pytest.mark.parametrize(
    "text",
    ["can I go on?", "can you go on about the AI?", "can we not go on", "could you explain",
     "can you continue recording if I leave?", "would you carry on without me"],
)  # fmt: skip
def test_a_request_for_more_than_a_button_is_no_button(text: str) -> None:
    assert READER.read(text, SHALL_I_GO_ON).kind != "button"


@pytest.mark.parametrize(
    "text",
    ["can I ask something", "hang on, can I ask something", "wait, I have a question",
     "sorry, can I ask you a question?", "actually I have a question", "may I ask something"],
)  # fmt: skip
def test_leave_to_ask_with_words_around_it_asks_for_the_question(text: str) -> None:
    assert READER.read(text, SHALL_I_GO_ON).kind == "ask"


@pytest.mark.parametrize(
    "text", ["wait, I have a question about deletion", "can I ask who reads it", "something"]
)
def test_leave_to_ask_with_the_question_in_it_is_the_question(text: str) -> None:
    assert READER.read(text, SHALL_I_GO_ON).kind == "question"


@pytest.mark.parametrize("text", ["hang on", "one sec", "Wait.", "give me a minute"])
def test_a_moment_asked_for_is_a_pause(text: str) -> None:
    read = READER.read(text, YES_NO)
    assert (read.kind, read.command) == ("command", "pause")


def test_a_pause_keeps_the_step_and_says_so() -> None:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in ("start", "continue", "no"):
        conv.send(line)
    reply = conv.send("hang on")
    assert conv.state == "choices.recording" and not conv.session.choices
    assert reply.messages[0] == "Take your time. I am here when you are ready."
