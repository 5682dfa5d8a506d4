"""The reading of replies at the consent question, on the labelled sets of tests/data: a reply
that is not a yes is never taken as consent (tune and frozen test parts alike), and the share
read right stays where it was measured (bench/bench_reading.py prints the figures)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_reading import CHECK, EXPECTED, TUNE, outcome_at_consent, rows

DATA = Path(__file__).resolve().parents[1] / "data"
TEST = "frozen/replies_test.tsv"


@functools.cache  # both tests read each file (and this file runs on one worker)
def _results(name: str) -> tuple[tuple[str, str], ...]:
    return tuple((label, outcome_at_consent(text)) for label, text in rows(DATA / name))


@pytest.mark.parametrize("name", [*TUNE, *CHECK, TEST])
def test_no_reply_that_is_not_a_yes_is_taken_as_consent(name: str) -> None:
    wrong = sum(got == "consent" and label != "yes" for label, got in _results(name))
    assert wrong == 0, f"{name}: {wrong} replies that are not a yes were taken as consent"


FLOORS = {
    "check/replies_check4.tsv": 0.8,
    "check/replies_check5.tsv": 0.8,
    "replies_tune9.tsv": 0.88,
    "replies_tune10.tsv": 0.8,
    "check/replies_check6.tsv": 0.8,
    "replies_tune11.tsv": 0.9,
    "check/replies_check7.tsv": 0.85,
}
"""Check 4 (round 6) was written to hold voices the word lists had never met; it was at 74%
before round 6 changed anything. Tune 9 and check 5 (round 7) hold messages that carry an
answer word but ask or worry instead, and were at 83% and 80% before round 7 changed anything;
their writers labelled a clear no with a question after it ("nope. do I keep my slot?") a no,
where the reading answers the question first and asks again, as it does a yes with one. Tune 10
and check 6 (round 8) hold messages with a negation that tell a worry, a story or a question,
and were at 77% and 80% before round 8 changed anything (82% and 83% after): their writers
labelled "I don't want trainees hearing me" a worry, where at the consent question it is a no.
Tune 11 and check 7 (round 9) hold words of waiting in questions about what someone or something
else does ("could they use it later on"), and the client's own wishes to wait like them; they
were at 75% and 77% before round 9 changed anything (96% and 89% after)."""


@pytest.mark.parametrize(
    ("name", "floor"),
    [(n, FLOORS.get(n, 0.95)) for n in TUNE]
    + [(n, FLOORS.get(n, 0.9)) for n in CHECK]
    + [(TEST, 0.85)],
)
def test_share_read_right(name: str, floor: float) -> None:
    results = _results(name)
    right = sum(EXPECTED[label] == got for label, got in results) / len(results)
    assert right >= floor, f"{name}: {right:.1%} read right (floor {floor:.0%})"
