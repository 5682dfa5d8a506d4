"""The safety net on its labelled tune sets (floors), and the mechanisms behind it.

Floors hold on the tune sets only; the frozen test part is measured by bench/bench_reading.py
and never asserted here, so no test pulls the phrases towards it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from assistant.engine.content import load_content
from assistant.engine.safety import MEANING, WORD_WEIGHTS
from assistant.engine.word_odds import WordOdds
from assistant.engine.word_weights import WordWeights

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content()
TUNE = ("safety_tune.tsv", *(f"safety_tune{n}.tsv" for n in range(2, 19)))
RECALL_FLOOR = 0.95
FALSE_ALARM_CEILING = 0.05


def flagged(text: str) -> bool:
    return CONTENT.safety.find(CONTENT.language.tokens(text)) is not None


def rows(name: str) -> list[tuple[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [
        (label, text)
        for label, text in (
            line.split("\t", 1) for line in lines if line.strip() and line[0] != "#"
        )
    ]


@pytest.mark.parametrize("name", TUNE)
def test_recall_and_false_alarms_on_the_tune_sets(name: str) -> None:
    data = rows(name)
    crisis = [text for label, text in data if label == "safety"]
    other = [text for label, text in data if label != "safety"]
    missed = [text for text in crisis if not flagged(text)]
    alarms = [text for text in other if flagged(text)]
    assert 1 - len(missed) / len(crisis) >= RECALL_FLOOR, f"{name} missed:\n" + "\n".join(missed)
    assert len(alarms) / len(other) <= FALSE_ALARM_CEILING, f"{name} alarms:\n" + "\n".join(alarms)


def test_a_figure_of_speech_does_not_hide_a_phrase_inside_it() -> None:
    # "if a client says" (a question about the rules) overlaps "says they want to hurt" and
    # must not hide it; a first-person wish after it is still found
    assert not flagged("if a client says they want to hurt someone, what do you do?")
    assert flagged("this wait is killing me and honestly I want to kill myself")


def test_a_long_gap_reaches_across_a_clause() -> None:
    assert flagged("i keep thinking about crashing my car on the highway on purpose")
    assert not flagged("I crashed my car on the highway last year, it was an accident")


def test_function_words_alone_raise_no_learned_alarm() -> None:
    # "and" is common in the long crisis examples: "and how?" scored above the word weights'
    # line; a message of function words only gives the learned signals nothing to read
    for text in ("and how?", "how and why", "and who"):
        assert not flagged(text), text
    assert flagged("and i want to die")


@pytest.mark.parametrize(
    "text",
    ["and also who hears it", "And also, who reads it?", "and also can I get a copy",
     "so who reads it", "and what if I say no"],
)  # fmt: skip
def test_a_follow_up_question_raises_no_learned_alarm(text: str) -> None:
    """The words that join a message to what came before ("and also") open many crisis
    examples; the learned signals read a message without them ([learned] joining)."""
    assert not flagged(text)


@pytest.mark.parametrize(
    "text",
    ["and also I want to kill myself", "so I keep thinking about ending it",
     "and also he hits me when he is angry"],
)  # fmt: skip
def test_a_crisis_after_joining_words_is_still_found(text: str) -> None:
    assert flagged(text)


@pytest.mark.parametrize("text", ["sucidal thoughts again", "thinkin about killin myslef"])
def test_typos_are_mended_towards_safety_words(text: str) -> None:
    assert flagged(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my dad used to hit us but he is in jail now and we are doing great", False),
        ("I used to self-harm in high school, it was years ago", False),
        ("he used to hit me years ago and lately he has started again", True),
        ("I used to cut myself years ago and I still think about it", True),
    ],
)
def test_an_event_said_to_be_over_is_no_crisis_unless_something_keeps_it_present(
    text: str, expected: bool
) -> None:
    assert flagged(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "I watched a show where a character tries to kill herself",
        "I won't be around next week, I'm on holiday",
        "what's the quickest way to go to the car park from here",
        "I bought a new kitchen knife set",
        "I cut myself shaving this morning",
    ],
)
def test_look_alikes_of_new_concepts_stay_quiet(text: str) -> None:
    assert not flagged(text)


def test_a_figure_of_speech_for_jumping_in_does_not_hide_a_jump_in_front() -> None:
    assert not flagged("can I jump in with a question")
    assert flagged("i want to jump in front of a bus")


def test_no_everyday_word_is_mended_into_a_safety_word() -> None:
    lexicon = CONTENT.lexicon
    everyday = tuple(sorted(lexicon.stop | lexicon.common))
    mended = CONTENT.safety.mend(everyday)
    assert {w: m for w, m in zip(everyday, mended, strict=True) if m != w} == {}


def test_word_odds_flag_a_crisis_no_phrase_names() -> None:
    # no phrase of safety.toml fits these; their words as a whole lean towards crisis
    for text in (
        "everything feels pointless and i keep thinking about the bottle in my bathroom",
        "he gets so angry and i am scared every night at home",
    ):
        found = CONTENT.safety.find(CONTENT.language.tokens(text))
        assert found is not None and found.risk == "general"


@pytest.mark.parametrize("text", ["yes that is fine with me", "can i read my notes later"])
def test_word_odds_leave_ordinary_answers_alone(text: str) -> None:
    assert CONTENT.safety.odds(CONTENT.language.tokens(text)) < 0


def test_word_odds_learn_which_words_lean_towards_crisis() -> None:
    odds = WordOdds([("i", "want", "to", "die")], [("i", "want", "a", "coffee")])
    assert odds.score(("coffee",)) < 0 < odds.score(("to", "die"))
    assert odds.score(("unknown", "words")) == odds.prior


def test_the_word_odds_examples_are_the_tune_files_and_never_a_check_set() -> None:
    examples = tomllib.loads((ROOT / "dialogs" / "safety_examples.toml").read_text("utf-8"))
    crisis, ordinary = set(examples["crisis"]), set(examples["ordinary"])
    tune = [row for name in TUNE for row in rows(name)]
    assert {t for label, t in tune if label == "safety"} == crisis
    assert {t for label, t in tune if label != "safety"} <= ordinary
    kiosk = set(examples["kiosk"])
    matcher_tune = {
        line.split("\t")[-1]
        for path in (
            *(ROOT / "dialogs" / "posts").glob("posts_dev*.tsv"),
            ROOT / "dialogs" / "phrasings.tsv",
        )
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    # a few tune lines are the lexicon's off-topic examples, not phrasings
    matcher_tune |= set(
        tomllib.loads((ROOT / "dialogs" / "lexicon.toml").read_text("utf-8"))["offtopic"][
            "examples"
        ]
    )
    assert kiosk <= matcher_tune
    for path in sorted((DATA / "check").glob("*")):
        held_out = {
            line.split("\t")[-1]
            for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        }
        assert not held_out & (crisis | ordinary | kiosk), f"{path.name} rows are in the examples"


def test_word_odds_do_not_overrule_a_figure_of_speech_the_phrases_found() -> None:
    text = "my flatmate said he'd kill me if I ate his leftovers again lol"
    words = CONTENT.language.tokens(text)
    assert CONTENT.safety.odds(words) > 0  # the words alone lean towards crisis
    assert not flagged(text)


def test_word_weights_give_shared_words_less_weight_than_telling_ones() -> None:
    # "passport" comes up on both sides; "took" only with crisis, "safe" only without
    crisis = [("he", "took", "my", "passport"), ("she", "took", "my", "passport")]
    ordinary = [("my", "passport", "is", "in", "the", "safe"), ("our", "passport", "safe")]
    weights = WordWeights(crisis, ordinary)
    assert weights.score(("took",)) > weights.score(("passport",)) > weights.score(("safe",))
    assert weights.score(("unknown", "words")) == weights.bias


def test_word_weights_flag_a_crisis_no_phrase_and_no_word_odds_find() -> None:
    text = "i keep saying sorry to everyone for existing"
    words = CONTENT.language.tokens(text)
    found = CONTENT.safety.find(words)
    assert found is not None and found.phrase == WORD_WEIGHTS


@pytest.mark.parametrize(
    "text",
    [
        "this wait is killing me",
        "I could murder a coffee",
        "I would kill for a sandwich right now",
        "ugh I hate forms, kill me now lol",
        "can I get a copy of the form by email",
        "tell them",
    ],
)
def test_word_weights_leave_figures_of_speech_and_questions_alone(text: str) -> None:
    assert not flagged(text)


def test_the_learned_signals_read_a_message_without_its_figures_and_calm_words() -> None:
    tokens = CONTENT.language.tokens
    plain = CONTENT.safety.plain
    assert plain(tokens("my son choked on a sweet, he was fine after")) == tokens(
        "my son choked on a sweet"
    )
    assert plain(tokens("this wait is killing me")) == tokens("this wait")


def test_a_figure_of_speech_does_not_silence_what_the_rest_of_a_message_says() -> None:
    text = (
        "this wait is killing me, everything feels pointless and i keep thinking about the"
        " bottle in my bathroom"
    )
    assert flagged(text)
    assert flagged(
        "he gets so angry and i am scared every night at home, my sister is lovely though"
    )


def test_the_meaning_signal_finds_a_crisis_the_words_alone_leave_below_the_line() -> None:
    tokens = CONTENT.language.tokens
    text = "i do not think i will see another christmas and i do not mind"
    words = CONTENT.safety.plain(tokens(text))
    assert CONTENT.safety.weights(words) <= 0.1 < CONTENT.safety.meaning(words) * 3
    found = CONTENT.safety.find(tokens(text))
    assert found is not None and found.phrase == MEANING
    assert not flagged("i do not think i will see the doctor before christmas and i do not mind")
