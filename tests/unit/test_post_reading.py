"""How the matcher reads a long post's sentences (round 7): what a sentence sets aside ("I'm
not worried about hackers"), the story around a worry (greetings, sign-offs, who the writer is),
postscripts, the lexicon's phrase lists as one tree, the round-7 and round-8 posts tune sets,
and which of two worries is the main one (round 8; the one a sentence stresses)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from reading_support import small_matcher

from assistant.engine.language import default_language
from assistant.engine.lexicon import default_lexicon
from assistant.engine.matcher import Matcher
from assistant.engine.matcher_settings import ADDED_GAP, SUPPORT_LEAD
from assistant.engine.sentences import SentenceKinds, _alternatives, marked_sentences
from assistant.engine.two_worries import added_later, main_of_two, support

POSTS = Path(__file__).parents[2] / "dialogs" / "posts"


@pytest.fixture(scope="module")
def kinds() -> SentenceKinds:
    return SentenceKinds(default_lexicon(), default_language())


def _plain(text: str) -> str:
    return " ".join(default_language().tokens(text))


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # what follows a `dismissing` phrase in its clause is taken out...
        (
            "I've read the policy, I'm not worried about who reads them",
            "i have read the policy i am",
        ),
        ("Like the actual note she saves, not just a summary", "like the actual note she saves"),
        # ...up to "but", "just", "as long as", "if"...
        ("I'm fine with the recording as long as it's deleted", "i am as long as it is deleted"),
        ("I don't mind the AI but who reads the notes", "but who reads the notes"),
        # a negated one sets nothing aside, nor does a question
        ("I'm not fine with the AI at all", "i am not fine with the ai at all"),
        ("are most people okay with this", "are most people okay with this"),
        ("couldn't you just write notes by hand", "could not you just write notes by hand"),
    ],
)
def test_what_a_sentence_sets_aside_is_not_read(
    kinds: SentenceKinds, sentence: str, kept: str
) -> None:
    assert kinds.kept(sentence, _plain) == kept


def test_a_topic_set_aside_raises_no_worry(matcher: Matcher) -> None:
    post = (
        "I've read the leaflet and I'm not worried about hackers or who reads the notes."
        " What I keep thinking about is how long the audio sits on a server after I stop coming."
    )
    got = matcher.match(post)
    assert got.concern == "deletion" and got.also is None, got


@pytest.mark.parametrize(
    ("post", "concern"),
    [
        # an excuse for how the post is written, then a worry about something else
        (
            "English is not my mother tongue, sorry for any mistakes. I would like to read the"
            " notes the AI puts in my file. Can I have my own copy?",
            "notes_access",
        ),
        (
            "English is not my first language so sorry for mistakes. My ex is taking me to"
            " court over the kids. Could his lawyer make the clinic hand over the recordings?",
            "limits",
        ),
        # read as it is when it is the whole message, or when it asks
        ("my english is not my first language, will it understand me", "accuracy"),
        (
            "Hi. English is not my first language, will the computer understand what I say?",
            "accuracy",
        ),
    ],
)
def test_an_excuse_for_the_writing_is_no_worry(matcher: Matcher, post: str, concern: str) -> None:
    assert matcher.match(post).concern == concern


def test_an_excuse_for_the_writing_is_not_even_a_candidate(matcher: Matcher) -> None:
    got = matcher.match(
        "English is not my first language so sorry for mistakes. My brother says I worry too"
        " much about the recording. Is it usual now for counsellors to record, and has anybody"
        " studied whether it helps?"
    )
    assert got.concern == "evidence"
    assert "accuracy" not in dict(got.candidates), got


STRESSED = [
    (
        "Can I stop it halfway through a session if I change my mind? What I really need to know"
        " is whether my insurance company or my boss could ever read the notes.",
        "access",
        "withdraw",
        True,
    ),
    (  # the worry stated at length led without the stressing phrase too once round 17's
        # worries told as statements were learnt, needed it again since round 26's were, led
        # without it once whole posts were learnt (dialogs/posts/), and needs it again since
        # the wording reading came (`wording.py`)
        "Is there a summary I can take home after each session? My main worry though is whether"
        " the recording gets deleted afterwards or sits on a server for years.",
        "deletion",
        "summary",
        True,
    ),
    (  # the stressing sentence announces the worry the next one asks about
        "Do I get a summary afterwards? The most important question is this one. Can my"
        " husband read anything from my sessions?",
        "access",
        "summary",
        True,
    ),
]


@pytest.fixture(scope="module")
def pair() -> tuple[Matcher, Matcher]:
    """A small matcher (`small_matcher`) with the lexicon's `stressing` phrases and one without
    them, of the same data (built once for the module)."""
    plain = replace(default_lexicon(), stressing=())
    return small_matcher(), small_matcher(plain)


@pytest.mark.parametrize(("post", "stressed", "other", "needed"), STRESSED)
def test_the_worry_a_post_stresses_is_the_main_one(
    matcher: Matcher,
    pair: tuple[Matcher, Matcher],
    post: str,
    stressed: str,
    other: str,
    needed: bool,
) -> None:
    got = matcher.match(post)
    assert (got.concern, got.also) == (stressed, other), got
    # Without the lexicon's `stressing` phrases, the other worry would lead (`needed`): shown
    # on two small matchers that differ in those phrases only.
    stressing, plain = pair
    got = stressing.match(post)
    assert (got.concern, got.also) == (stressed, other), got
    assert (plain.match(post).concern == other) == needed


def test_stressing_phrases(kinds: SentenceKinds) -> None:
    assert kinds.stresses(_plain("What I really need to know is who reads it"))
    assert kinds.stresses(_plain("my biggest worry tho is the insurer"))
    assert kinds.stresses(_plain("Most importantly, is it deleted?"))
    assert not kinds.stresses(_plain("I need to know who reads it"))
    assert not kinds.stresses(_plain("is it the main office that keeps the notes"))


def test_excusing_phrases(kinds: SentenceKinds) -> None:
    assert kinds.excuses(_plain("English is not my first language so sorry for mistakes"))
    assert kinds.excuses(_plain("sorry for the long post, im on my phone"))
    assert not kinds.excuses(_plain("sorry, but who reads my notes"))
    assert not kinds.excuses(_plain("what if it makes mistakes with my english"))


@pytest.mark.parametrize(
    ("sentence", "tells"),
    [
        ("hi everyone", True),
        ("thanks in advance", True),
        ("i am a nurse and i work nights", True),
        ("my therapist said something odd last week", True),  # "...last week" anywhere
        ("who can read my notes", False),
        ("i hope nobody else hears it", False),  # a hope is no greeting
    ],
)
def test_sentences_that_tell_the_story(kinds: SentenceKinds, sentence: str, tells: bool) -> None:
    assert kinds.tells(sentence) is tells


def test_a_postscript_adds_a_point(kinds: SentenceKinds) -> None:
    parts = marked_sentences("Who are they? P.S. how is it protected if they get hacked?")
    assert parts == [("Who are they", True), (" PS how is it protected if they get hacked", True)]
    assert kinds.adds(_plain(parts[1][0]))
    assert marked_sentences("I love my PS5. ok") == [("I love my PS5", False), (" ok", False)]


def test_phrase_lists_become_one_tree() -> None:
    tree = _alternatives([("i", "want"), ("i", "want", "to", "know"), ("i", "would", "like")])
    pattern = re.compile(r"\b" + tree + r"\b")
    assert tree.count("(?:i") == 1  # the shared first word once
    for text, found in [
        ("so i want to know", "i want to know"),
        ("i want", "i want"),
        ("i would like", "i would like"),
        ("i wanted", None),
        ("i would", None),
    ]:
        got = pattern.search(text)
        assert (got.group() if got else None) == found, text
    assert _alternatives([]) == "(?!)"


def _posts(name: str) -> list[list[str]]:
    """The rows (concern, also, message) of a posts file in dialogs/posts/."""
    return [
        line.split("\t")
        for line in (POSTS / name).read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_the_round_7_posts(matcher: Matcher) -> None:
    rows = _posts("posts_dev7.tsv")
    got = [matcher.match(text) for _, _, text in rows]
    right = sum(m.concern == concern for m, (concern, _, _) in zip(got, rows, strict=True))
    wrongly = sum(
        m.also is not None for m, (_, also, _) in zip(got, rows, strict=True) if also == "-"
    )
    # before the round-7 changes: 84.1% right, a second worry offered for 16.3% of the posts
    # with none; after: 85.7%, 9.3%
    assert right / len(rows) >= 0.83, right
    assert wrongly / sum(also == "-" for _, also, _ in rows) <= 0.12, wrongly


def test_the_worry_most_of_a_post_is_about_is_the_main_one() -> None:
    # concerns 0 and 1, then small talk; the first sentence asks about 0, the two after it
    # tell of 1 without asking
    rows = np.array([[99.0, 20.0, 10.0], [30.0, 95.0, 10.0], [10.0, 80.0, 20.0]])
    asks, story = [True, False, False], [False, False, False]
    assert support(rows, story)[1] >= support(rows, story)[0] + SUPPORT_LEAD
    assert main_of_two(1, 0, 0.3, rows, asks, story)
    assert not main_of_two(0, 1, 0.3, rows, asks, story)
    # ...but not when the best leads by far, nor when those sentences only tell the story
    # around it ("I'm a nurse"): then the one asked first is the main one
    assert not main_of_two(1, 0, 2.5, rows, asks, story)
    assert not main_of_two(1, 0, 0.3, rows, asks, [False, True, True])
    assert main_of_two(0, 1, 0.3, rows, asks, [False, True, True])


def test_the_round_8_posts(matcher: Matcher) -> None:
    rows = _posts("posts_dev10.tsv")
    got = [matcher.match(text) for _, _, text in rows]
    right = sum(m.concern == concern for m, (concern, _, _) in zip(got, rows, strict=True))
    found = sum(m.also == also for m, (_, also, _) in zip(got, rows, strict=True) if also != "-")
    # before the round-8 change (`SUPPORT_LEAD`): 90.5% right, 30 of 41 second worries found;
    # after: 94.0%, 33; 31 with rounds 24-25's phrasings learnt (worries told as statements
    # weigh on the sentences a second worry is read from; every check set's posts: 202 -> 201
    # of 402 found)
    assert right / len(rows) >= 0.93, right
    assert found >= 30, found


def test_a_post_counts_its_best_sentence_fully_and_caps_the_story_around_it() -> None:
    # Three sentences, two classes and small talk: a story sentence (told), a question, and a
    # last question. The story gives at most TOLD_CAP, a sentence that does not ask at most
    # NARRATIVE_CAP; the questions count in their own order (the first fully, the next DECAY),
    # the best fully and the rest REST; small talk is read where the best concern is.
    from assistant.engine.matcher_settings import DECAY, NARRATIVE_CAP, REST, TOLD_CAP
    from assistant.engine.post_sum import post_total

    units = np.array([[9.0, 0.0, 0.5], [2.0, 1.0, 0.1], [0.0, 3.0, 0.2]])
    total = post_total(units, [False, True, True], [False, False, False], [True, False, False])
    story = min(9.0, NARRATIVE_CAP, TOLD_CAP)
    first = [story, 2.0, 0.0]
    second = [0.0, 1.0, 3.0 * DECAY]
    expected = [max(c) + REST * (sum(c) - max(c)) for c in (first, second)]
    assert total[:2] == pytest.approx(expected)
    assert total[2] == 0.5  # the story sentence holds the best concern (9.0)


def test_a_worry_added_at_the_end_is_the_second_one() -> None:
    # three classes (two concerns, then small talk): the first sentence asks about concern 0,
    # the last opens by adding a point ("Oh, and ...") and asks about concern 1 more plainly
    rows = np.array([[90.0, 20.0, 10.0], [40.0, 30.0, 10.0], [15.0, 99.0, 5.0]])
    assert added_later(0, 1, 0.5, rows, [False, False, True])
    # not when the last sentence does not add, nor when it came first, nor when the best
    # leads by more than `ADDED_GAP`, nor when concern 0 is never clearly raised
    assert not added_later(0, 1, 0.5, rows, [False, False, False])
    assert not added_later(0, 1, 0.5, rows[::-1], [True, False, False])
    assert not added_later(0, 1, ADDED_GAP + 0.1, rows, [False, False, True])
    weak = rows.copy()
    weak[0, 0] = 60.0
    assert not added_later(0, 1, 0.5, weak, [False, False, True])
