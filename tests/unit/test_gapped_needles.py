"""Which gapped phrases a text may need (`Analyzer.gaps_needed`): read word by word, the same
as scanning the text for every needle."""

from __future__ import annotations

import pytest

from assistant.engine.analyzer import Analyzer
from assistant.engine.lexicon import default_lexicon


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(default_lexicon(), ("who reads my notes", "can i see the summary"))


def scanned(analyzer: Analyzer, text: str) -> set[int]:
    """Every needle looked for in the whole text, as `gaps_needed` once did."""
    gapped = analyzer.lexicon.gapped
    return {i for i, gap in enumerate(gapped) for needle in gap.needs if needle in text}


@pytest.mark.parametrize(
    "text",
    [
        "who reads my notes",
        "can i look at the notes before they are kept",  # a needle of two words: "look at"
        "is the a i tested",  # "a i", across two words of one letter
        "therapists recordedd zzqx",  # inside words no one listed: "therap", "recorded"
        "how long and what time",
        "",
        "dontt wanna on paperwork",  # "dont" inside a slip, "on paper" inside "on paperwork"
    ],
)
def test_word_by_word_finds_what_a_scan_finds(analyzer: Analyzer, text: str) -> None:
    assert analyzer.gaps_needed(text) == scanned(analyzer, text)


def test_every_needle_of_one_word_is_found_inside_any_word(analyzer: Analyzer) -> None:
    needles = {n for gap in analyzer.lexicon.gapped for n in gap.needs if " " not in n}
    for needle in sorted(needles):
        text = f"the x{needle}y here"  # a word no one knows, holding the needle
        assert analyzer.gaps_needed(text) == scanned(analyzer, text), needle
