"""Cue phrases are found word by word, with typos and contractions, but never inside a negation;
key points are found by meaning, held on a labelled set of clinician answers."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.engine.concerns import KeyPoint
from assistant.engine.content import load_content
from assistant.rehearsal import answer_concepts, coverage, flags, phrase_search
from assistant.rehearsal.personas import load_cast

RULES = load_cast().rules
CONCERNS = load_content().concerns


def point(cid: str, pid: str) -> KeyPoint:
    return next(p for p in CONCERNS[cid].key_points if p.id == pid)


def test_words_spell_out_contractions() -> None:
    assert phrase_search.words("It's not required; you DON'T have to… I’m sure") == (
        "it", "is", "not", "required", "you", "do", "not", "have", "to", "i", "am", "sure",
    )  # fmt: skip
    assert phrase_search.words("dont") == ("do", "not")


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
    hit = phrase_search.find([phrase], text)
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
    assert phrase_search.find([phrase], text) is None


def test_a_one_word_answer_covers_nothing() -> None:
    for concern in CONCERNS.values():
        for kp in concern.key_points:
            assert coverage.covers(kp, "notes") is None, kp.id


def test_a_key_point_text_said_in_other_words_counts() -> None:
    kp = point("privacy", "skip_session")
    hit = coverage.covers(kp, "Hello. The client can always skip the recording of any session.")
    assert hit is not None
    assert hit.sentence.startswith("The client can")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("You have to sign this, everyone does it.", {"pressure", "social"}),
        ("It's required. It is required!", {"no_choice"}),
        ("Trust me, just sign.", {"pressure"}),
        ("If you have to stop, tell me.", set()),
        ("You don't have to. It's not required. Not everyone does it.", set()),
        ("Whether you have to is up to you.", set()),
        # issue 13: the lines the old scorer missed, and the neutral one it flagged
        (
            "Recording is optional, but clients who decline usually get referred to another"
            " therapist.",
            {"threat"},
        ),
        ("You don't really have a choice, sorry.", {"no_choice"}),
        ("I'll put you down as a yes then.", {"presumptive"}),
        ("All my other clients have agreed.", {"social"}),
        ("It would really help me out.", {"guilt"}),
        ("Honestly you're overthinking it.", {"dismissal"}),
        ("You have to do what feels right for you.", set()),
        ("I'm not going to put you down as a yes unless you tell me yes.", set()),
        ("I can't keep seeing you without it.", {"threat"}),
        ("I'll keep seeing you either way.", set()),
        (
            "Everyone does it and it's our policy, so you need to sign today.",
            {"social", "no_choice", "pressure"},
        ),
    ],
)
def test_pressure_by_kind(text: str, kinds: set[str]) -> None:
    assert {f.kind.id for f in flags.pressure_flags(text, RULES)} == kinds


def test_rights_need_the_right_words() -> None:
    refuse, revoke, risk_ai, risk_limits, understanding = RULES.rights
    assert phrase_search.find(refuse.phrases, "It's completely up to you.")
    assert phrase_search.find(revoke.phrases, "You can change your mind whenever.")
    assert phrase_search.find(refuse.phrases, "You cannot refuse.") is None
    assert phrase_search.find(refuse.phrases, "The summary is optional.") is None
    assert phrase_search.find(risk_ai.phrases, "The AI can mishear words.")
    assert phrase_search.find(risk_ai.phrases, "It never makes mistakes.") is None
    assert phrase_search.find(
        risk_limits.phrases, "There are the usual limits, like a court order."
    )
    assert phrase_search.find(understanding.phrases, "Does that make sense?")


def test_sentences_keep_the_clinicians_words() -> None:
    assert phrase_search.sentences("One. Two?  Three!\nFour") == ["One.", "Two?", "Three!", "Four"]


def test_saying_no_is_not_a_negation() -> None:
    kp = point("decline", "no_effect")
    assert coverage.covers(kp, "Saying no won't change your care.")
    assert phrase_search.find(["kept private"], "No, it's kept private.") is not None
    assert phrase_search.find(["kept private"], "It's no longer kept private.") is None


# ---------------------------------------------------------------- key points, by meaning

ANSWERS = Path(__file__).resolve().parents[1] / "data" / "clinician_answers.tsv"
PRECISION = 0.9
RECALL = 0.85


@dataclass(frozen=True)
class Answer:
    line: int
    part: str
    concern: str
    points: frozenset[str]
    text: str


def answers() -> list[Answer]:
    rows = []
    for n, line in enumerate(ANSWERS.read_text("utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            part, concern, points, text = line.split("\t")
            labels = frozenset() if points == "-" else frozenset(points.split(","))
            rows.append(Answer(n, part, concern, labels, text))
    return rows


def covered(concern: str, pid: str, text: str) -> bool:
    siblings = CONCERNS[concern].key_points
    return coverage.covers(point(concern, pid), text, siblings) is not None


def decisions(rows: list[Answer]) -> list[tuple[Answer, str, bool]]:
    """(answer, key point id, found) for every key point of each answer's concern."""
    return [
        (row, f"{row.concern}.{kp.id}", covered(row.concern, kp.id, row.text))
        for row in rows
        for kp in CONCERNS[row.concern].key_points
    ]


def quality(rows: list[Answer]) -> tuple[float, float, list[str]]:
    """Precision, recall, and the misses: the key points missed or wrongly found most first."""
    found = decisions(rows)
    tp = sum(f and pid in row.points for row, pid, f in found)
    fp = [(row, pid) for row, pid, f in found if f and pid not in row.points]
    fn = [(row, pid) for row, pid, f in found if not f and pid in row.points]
    precision = tp / (tp + len(fp)) if tp or fp else 1.0
    recall = tp / (tp + len(fn)) if tp or fn else 1.0
    misses = [("missed", row, pid) for row, pid in fn] + [
        ("wrongly found", row, pid) for row, pid in fp
    ]
    often = Counter(pid for _, _, pid in misses)
    misses.sort(key=lambda m: (-often[m[2]], m[2], m[1].line))
    lines = [f"{pid} {kind} (line {row.line}, {row.part}): {row.text}" for kind, row, pid in misses]
    return precision, recall, lines


def test_answer_set_is_labelled_across_every_key_point() -> None:
    rows = answers()
    assert len(rows) >= 120
    assert {r.part for r in rows} == {"dev", "test"}
    for row in rows:
        ids = {f"{row.concern}.{kp.id}" for kp in CONCERNS[row.concern].key_points}
        assert row.points <= ids, f"line {row.line}: {sorted(row.points - ids)}"
        assert 1 <= len(row.text) <= 400 and "\t" not in row.text
    positives = Counter(pid for row in rows for pid in row.points)
    labelled = {row.concern for row in rows}
    # The concerns added in round two (limits, notes_access, participants) are scored by the
    # same code; their labelled answers come with the rehearsal work on them.
    every = [
        f"{c.id}.{kp.id}" for c in CONCERNS.values() if c.id in labelled for kp in c.key_points
    ]
    assert [pid for pid in every if positives[pid] < 3] == []
    assert sum(not row.points for row in rows) >= 40  # negatives, tricky ones among them


@pytest.mark.parametrize("part", ["all", "test"])
def test_key_point_coverage_generalises(part: str) -> None:
    rows = [r for r in answers() if part == "all" or r.part == part]
    precision, recall, misses = quality(rows)
    report = "\n".join(misses[:25])
    assert precision >= PRECISION and recall >= RECALL, (
        f"{part}: precision {precision:.3f} (>= {PRECISION}), recall {recall:.3f} (>= {RECALL});"
        f" worst misses:\n{report}"
    )


def test_the_lead_rehearsal_answers_count() -> None:
    """Said in a real rehearsal (persona judged, seed 4), and scored as missed before."""
    assert covered(
        "judgment",
        "for_care",
        "I would never judge you. The recording is only there to help me remember and focus on"
        " you, not to grade you.",
    )
    calm = (
        "It's normal to feel that way; most people stop noticing the recording after a session"
        " or two, and nothing you say is wrong here."
    )
    assert covered("judgment", "no_wrong_answers", calm)
    assert covered("openness", "normal_fades", calm)
    assert not covered("openness", "can_stop", calm)  # stopping noticing is not stopping it


@pytest.mark.parametrize(
    ("concern", "pid", "text", "expected"),
    [
        ("judgment", "for_care", "Nobody here is grading you, it's all about helping you.", True),
        ("judgment", "for_care", "The recording is used to evaluate how you're doing.", False),
        ("access", "vendor_no_share", "I can't promise it isn't shared.", False),
        ("data_use", "no_selling", "I can't promise it's never shared.", False),
        ("data_use", "no_selling", "It's never shared or sold.", True),
        ("access", "vendor_no_share", "The vendor doesn't see, sell, or share any of it.", True),
        # the hedge is the point here: honest that nothing is perfectly safe
        (
            "security",
            "honest_risk",
            "It's encrypted, though I can't promise any system is perfectly secure.",
            True,
        ),
        ("security", "honest_risk", "It can never be hacked.", False),
        ("deletion", "audio_retention", "We never delete anything without asking you.", False),
        ("deletion", "audio_retention", "The audio gets wiped within a day.", True),
        ("decline", "free_choice", "It's not optional, I'm afraid.", False),
        ("decline", "free_choice", "Honestly, it's your call.", True),
        ("judgment", "no_wrong_answers", "You won't say anything wrong.", True),
        # "most" alone is both evidence points: it tells neither
        ("evidence", "many_want_it", "Most people adjust within a session.", False),
        ("evidence", "many_want_it", "A majority of patients said they wanted it.", True),
        ("pseudonym", "name_not_stored", "Your name isn't linked to the audio.", True),
        ("pseudonym", "name_not_stored", "I'm not sure if your name is stored with it.", False),
        # "we" is not "I": the clinician checking every draft is a point of its own
        (
            "accuracy",
            "clinician_reviews",
            "If you see a mistake, we'll correct it together.",
            False,
        ),
        # when it is deleted is not what the AI does
        ("ai", "what_it_does", "The audio is deleted as soon as it has been typed up.", False),
    ],
)
def test_negation_hedges_and_meaning(concern: str, pid: str, text: str, expected: bool) -> None:
    assert covered(concern, pid, text) is expected


def test_concepts_keep_negation_to_its_clause() -> None:
    said = answer_concepts.concepts("They don't see, sell, or share it.")
    assert {("see", True), ("sell", True), ("share", True)} <= said
    said = answer_concepts.concepts("It's not perfect, it can mishear things.")
    assert ("mishear", False) in said
    said = answer_concepts.concepts("Saying no won't change your care.")
    assert ("refuse", False) in said  # "saying no" is a choice, not a negation
    assert not any(
        c == "share" for c, _ in answer_concepts.concepts("I can't promise it's never shared.")
    )


def test_scoring_an_answer_is_fast() -> None:
    rows = answers()
    for row in rows:  # build the analyzer and the cues once
        covered(row.concern, CONCERNS[row.concern].key_points[0].id, row.text)
    answer_concepts.concepts.cache_clear()
    start = time.perf_counter()
    for row in rows:
        for kp in CONCERNS[row.concern].key_points:
            covered(row.concern, kp.id, row.text)
    per_answer = (time.perf_counter() - start) / len(rows)
    assert per_answer < 0.005, f"{per_answer * 1000:.2f} ms per answer"
