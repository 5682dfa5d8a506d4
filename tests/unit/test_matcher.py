"""The concern matcher: accuracy on labelled client messages, rejection of off-topic ones."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assistant.engine.concerns import CONCERN_IDS, load_concerns
from assistant.engine.matcher import CUTOFF, Match, Matcher, lexicon_problems

DATA = Path(__file__).parents[1] / "data"
CONCERNS = load_concerns()


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(CONCERNS)


def labelled(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            concern, text = line.split("\t", 1)
            rows.append((concern, text))
    return rows


def lines(name: str) -> list[str]:
    return [
        line
        for line in (DATA / name).read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def accuracy(matcher: Matcher, rows: list[tuple[str, str]]) -> tuple[float, list[str]]:
    misses = []
    for concern, text in rows:
        got = matcher.match(text)
        if got.concern != concern:
            misses.append(f"{concern} -> {got.concern} ({got.score:.0f}): {text[:70]}")
    return 1 - len(misses) / len(rows), misses


def rejection(matcher: Matcher, texts: list[str]) -> tuple[float, list[str]]:
    kept = [f"{m.concern} ({m.score:.0f}): {m.text}" for m in map(matcher.match, texts)]
    kept = [k for k, t in zip(kept, texts, strict=True) if matcher.match(t).status != "none"]
    return 1 - len(kept) / len(texts), kept


# ---------------------------------------------------------------- the data sets


def test_labelled_set_covers_every_concern() -> None:
    rows = labelled("questions.tsv")
    counts = Counter(concern for concern, _ in rows)
    assert len(rows) >= 170
    assert set(counts) == set(CONCERN_IDS), set(counts) ^ set(CONCERN_IDS)
    assert min(counts.values()) >= 6, counts.most_common()[-3:]
    assert len(lines("offtopic.txt")) >= 40


def test_labelled_set_is_not_the_examples() -> None:
    examples = {e.lower() for c in CONCERNS for e in c.examples}
    texts = [t for _, t in labelled("questions.tsv")] + [
        t for _, t in labelled("questions_dev.tsv")
    ]
    assert not [t for t in texts if t.lower() in examples]


# ---------------------------------------------------------------- quality


def test_top1_accuracy_on_labelled_messages(matcher: Matcher) -> None:
    score, misses = accuracy(matcher, labelled("questions.tsv"))
    assert score >= 0.90, f"accuracy {score:.1%}; misses:\n" + "\n".join(misses)


def test_top1_accuracy_on_dev_split(matcher: Matcher) -> None:
    score, misses = accuracy(matcher, labelled("questions_dev.tsv"))
    assert score >= 0.90, f"accuracy {score:.1%}; misses:\n" + "\n".join(misses)


def test_off_topic_messages_get_no_concern(matcher: Matcher) -> None:
    for name in ("offtopic.txt", "offtopic_dev.txt"):
        score, kept = rejection(matcher, lines(name))
        assert score >= 0.90, f"{name}: rejected {score:.1%}; kept:\n" + "\n".join(kept)


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather like",
        "where do I park",
        "how do I pay my bill",
        "what time is it",
        "how do I reset my password",
        "",
        "   ",
        "?!",
        "asdf qwer zxcv",
    ],
)
def test_small_talk_and_noise_get_no_concern(matcher: Matcher, text: str) -> None:
    got = matcher.match(text)
    assert (got.status, got.concern) == ("none", None)


def test_every_example_finds_its_own_concern(matcher: Matcher) -> None:
    wrong = [
        f"{c.id}: {e} -> {matcher.match(e).concern}"
        for c in CONCERNS
        for e in c.examples
        if matcher.match(e).concern != c.id
    ]
    total = sum(len(c.examples) for c in CONCERNS)
    assert len(wrong) <= total * 0.03, "\n".join(wrong)


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("is this confidentail", "privacy"),  # typo
        ("can the recordng be subpenaed", "legal"),  # two typos
        ("HOW LONG DO YOU KEEP THE AUDIO", "deletion"),
        ("i dont want to use my real name", "pseudonym"),
        ("can i take my consent back later on", "withdraw"),  # gapped phrase
        ("how do i cancel my appointment", None),  # "cancel" alone is not withdrawing
        (
            "I've been in therapy for years and never minded notes. But now my counselor wants an "
            "AI scribe, and I read that these companies feed what they record into their models. "
            "I really don't want my worst days to end up as training data for some startup.",
            "data_use",
        ),
        (
            "My ex is fighting me for custody. His lawyer already asked for my medical records. "
            "If you record our sessions, could that end up in front of the judge?",
            "legal",
        ),
        (
            "Last month the notes said I was drinking every day. I never said that. Who reads "
            "what the AI writes before it goes into my chart?",
            "accuracy",
        ),
    ],
)
def test_typos_statements_and_long_posts(matcher: Matcher, text: str, concern: str | None) -> None:
    assert matcher.match(text).concern == concern


# ---------------------------------------------------------------- the contract


def test_match_shape_and_statuses(matcher: Matcher) -> None:
    sure = matcher.match("can a court subpoena my recordings?")
    assert isinstance(sure, Match)
    assert (sure.status, sure.concern) == ("sure", "legal")
    assert sure.text == "can a court subpoena my recordings?"
    assert 0 <= sure.score <= 100
    assert len(sure.candidates) == 2
    assert sure.candidates[0] == ("legal", sure.score)
    assert sure.candidates[0][1] >= sure.candidates[1][1]
    none = matcher.match("where is the bathroom")
    assert (none.status, none.concern) == ("none", None)
    assert none.candidates and none.score < 100


def test_unsure_between_two_close_concerns(matcher: Matcher) -> None:
    # Asks about two things at once: the engine should ask which one was meant.
    got = matcher.match("can my husband see the summaries you email me")
    assert got.status == "unsure"
    assert {got.candidates[0][0], got.candidates[1][0]} == {"access", "summary"}
    assert got.concern == got.candidates[0][0]
    assert got.score >= CUTOFF


def test_deterministic(matcher: Matcher) -> None:
    texts = [t for _, t in labelled("questions_dev.tsv")]
    first = [matcher.match(t) for t in texts]
    again = Matcher(CONCERNS)
    assert first == [again.match(t) for t in texts] == [matcher.match(t) for t in texts]


def test_subsets_do_not_score_full_marks(matcher: Matcher) -> None:
    # token_set_ratio would give 100 to a single shared word; the matcher must not.
    for word in ("recording", "session", "notes", "therapist", "the"):
        assert matcher.match(word).status != "sure", word


def test_lexicon_is_consistent() -> None:
    assert lexicon_problems() == []
