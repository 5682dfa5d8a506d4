"""Cue phrases are found word by word, with typos and contractions, but never inside a negation."""

from __future__ import annotations

import pytest

from assistant.engine.concerns import KeyPoint
from assistant.engine.content import load_content
from assistant.rehearsal import scoring
from assistant.rehearsal.personas import load_cast

RULES = load_cast().rules
CONCERNS = load_content().concerns


def point(cid: str, pid: str) -> KeyPoint:
    return next(p for p in CONCERNS[cid].key_points if p.id == pid)


def test_words_spell_out_contractions() -> None:
    assert scoring.words("It's not required; you DON'T have to… I’m sure") == (
        "it", "is", "not", "required", "you", "do", "not", "have", "to", "i", "am", "sure",
    )  # fmt: skip
    assert scoring.words("dont") == ("do", "not")


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("kept private", "It is kept completely private."),
        ("no one listens", "No one at SessionScribe listens to your sessions."),
        ("deleted", "The audio gets delted right away."),  # a typo
        ("don't sell your data", "We do not sell your data."),
        ("care stays the same", "No, your care stays the same."),  # "No," answers the question
    ],
)
def test_found(phrase: str, text: str) -> None:
    hit = scoring.find([phrase], text)
    assert hit is not None
    assert hit.sentence in text


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("days", "Only today's session."),  # never inside a word
        ("kept private", "It is not kept private."),
        ("say no", "You can't say no to this."),
        ("it's required", "It's not required."),
        ("not sold", "It is not told to anyone."),
        ("kept private", "kept"),  # a subset is not a match (unlike token_set_ratio)
    ],
)
def test_not_found(phrase: str, text: str) -> None:
    assert scoring.find([phrase], text) is None


def test_a_one_word_answer_covers_nothing() -> None:
    for concern in CONCERNS.values():
        for kp in concern.key_points:
            assert scoring.covers(kp, "notes") is None, kp.id


def test_a_key_point_text_said_in_other_words_counts() -> None:
    kp = point("privacy", "skip_session")
    hit = scoring.covers(kp, "Hello. The client can always skip the recording of any session.")
    assert hit is not None
    assert hit.sentence.startswith("The client can")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("You have to sign this, everyone does it.", ["you have to", "everyone does it"]),
        ("It's required. It is required!", ["it's required"]),
        ("Trust me, just sign.", ["just sign", "trust me"]),
        ("If you have to stop, tell me.", []),
        ("You don't have to. It's not required. Not everyone does it.", []),
        ("Whether you have to is up to you.", []),
    ],
)
def test_pressure(text: str, flagged: list[str]) -> None:
    assert [h.phrase for h in scoring.pressure(RULES.pressure, text)] == [
        p for p in RULES.pressure if p in flagged
    ]


def test_rights_need_the_right_words() -> None:
    refuse, revoke = RULES.rights
    assert scoring.find(refuse.phrases, "It's completely up to you.")
    assert scoring.find(revoke.phrases, "You can change your mind whenever.")
    assert scoring.find(refuse.phrases, "You cannot refuse.") is None
    assert scoring.find(refuse.phrases, "The summary is optional.") is None


def test_sentences_keep_the_clinicians_words() -> None:
    assert scoring.sentences("One. Two?  Three!\nFour") == ["One.", "Two?", "Three!", "Four"]


def test_saying_no_is_not_a_negation() -> None:
    kp = point("decline", "no_effect")
    assert scoring.covers(kp, "Saying no won't change your care.")
    assert scoring.find(["kept private"], "No, it's kept private.") is not None
    assert scoring.find(["kept private"], "It's no longer kept private.") is None
