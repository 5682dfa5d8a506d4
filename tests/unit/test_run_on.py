"""Sentence ends learnt for messages typed without full stops (`run_on.py`)."""

from __future__ import annotations

from assistant.engine.language import default_language
from assistant.engine.matcher import Matcher
from assistant.engine.run_on import SentenceEnds
from assistant.engine.sentences import marked_sentences

WRITTEN = [
    "My therapist wants to record our sessions. Who can hear the recordings?",
    "The clinic uses an AI note taker. Can I ask for the recordings to be deleted?",
    "I do not mind the notes. Who can hear them later?",
    "We talk about my family a lot. Can I see the notes afterwards?",
] * 5


def test_a_run_on_message_is_cut_where_its_sentences_would_have_ended() -> None:
    ends = SentenceEnds(WRITTEN, default_language())
    typed = "my counsellor wants to record every session from now on who can hear the recordings"
    assert ends.split(typed) == [
        "my counsellor wants to record every session from now on",
        "who can hear the recordings",
    ]
    odds = ends.likelihoods(typed)
    assert len(odds) == len(typed.split()) - 1
    assert max(odds) == odds[typed.split().index("who") - 1] > 0


def test_pieces_are_never_shorter_than_a_clause() -> None:
    ends = SentenceEnds(WRITTEN, default_language())
    # "who" opens a sentence in what it learnt, but two words are no sentence of their own
    assert ends.split("sessions who can hear the recordings later") == [
        "sessions who can hear the recordings later"
    ]


def test_nothing_learnt_cuts_nothing() -> None:
    ends = SentenceEnds([], default_language())
    typed = "my counsellor wants to record every session from now on who can hear the recordings"
    assert ends.split(typed) == [typed]
    assert all(odds < 0 for odds in ends.likelihoods(typed))


def test_only_a_long_message_of_one_sentence_is_cut() -> None:
    ends = SentenceEnds(WRITTEN, default_language())
    run_on = (
        "so my counsellor wants to start recording every single one of our sessions with some"
        " new program from next month who can hear the recordings once they are made and kept"
    )
    assert len(run_on.split()) > 30
    parts = [part for part, _ in marked_sentences(run_on, ends.split)]
    assert parts[-1] == "who can hear the recordings once they are made and kept"
    assert " ".join(parts) == run_on
    # a short one is a sentence as typed, and one written with full stops is read as before
    short = "my counsellor records the sessions who can hear them"
    assert marked_sentences(short, ends.split) == marked_sentences(short)
    written = run_on.replace(" who", ". Who")
    assert marked_sentences(written, ends.split) == marked_sentences(written)


def test_a_post_typed_without_full_stops_reads_like_the_post_written_with_them(
    matcher: Matcher,
) -> None:
    written = (
        "So my counsellor said they're trialling a note taking app from next week. I have to"
        " sign a form first. What happens if I say no? Would I still be able to see her?"
    )
    typed = written.replace(".", "").replace("?", "").lower()
    with_stops, without = matcher.match(written), matcher.match(typed)
    # read as one sentence, the form it opens with came first
    assert (with_stops.concern, with_stops.also) == (without.concern, without.also)
    assert (without.concern, without.also) == ("decline", "form")
