"""The typo mender leaves real English words alone, and what clients typed does not teach it
their slips (engine/english.py, words.Mender, analyzer.Analyzer)."""

from __future__ import annotations

import pytest

from assistant.engine import english
from assistant.engine.analyzer import Analyzer
from assistant.engine.english import english_words
from assistant.engine.lexicon import default_lexicon
from assistant.engine.words import Mender


def test_the_list_holds_common_words_and_not_typos() -> None:
    words = english_words()
    assert len(words) > 30_000
    assert {"cancer", "secretly", "reassured", "audit", "recording", "therapist"} <= words
    # typos, and the rare end of the list where typos sit, are not words
    assert not {"insurence", "recroding", "acurate", "concent", "biassed"} & words


def test_a_real_word_is_not_mended_into_a_content_word() -> None:
    content = ["cancel", "securely", "pressured", "audio", "insurance", "recording"]
    plain = Mender(content)
    guarded = Mender(content, words=english_words())
    for word, slip_of in [("cancer", "cancel"), ("secretly", "securely"), ("audit", "audio")]:
        assert plain.mend(word) == slip_of  # what the mender did without the list
        assert guarded.mend(word) == word
    assert guarded.mend("insurence") == "insurance"
    assert guarded.mend("recroding") == "recording"


def test_a_clients_slip_is_not_a_known_word() -> None:
    lexicon = default_lexicon()
    examples = ["how accurate is the summary", "is my insurance told"]
    heard = ["how acurate is it", "does my insurence see it", "my gran had cancer"]
    analyzer = Analyzer(lexicon, examples, heard=heard)
    assert analyzer.mend("acurate") == "accurate"
    assert analyzer.mend("insurence") == "insurance"
    assert "cancer" in analyzer.known  # a real word clients used is known
    # without the heard messages split from the content, the slips were known as typed
    both = Analyzer(lexicon, [*examples, *heard])
    assert both.mend("acurate") == "acurate"


def test_a_missing_list_leaves_the_mender_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    english_words.cache_clear()
    monkeypatch.setattr(english, "WORDS_PACKAGE", "no_such_package_here")
    try:
        assert english_words() == frozenset()
        assert Mender(["cancel"], words=english_words()).mend("cancer") == "cancel"
    finally:
        monkeypatch.undo()
        english_words.cache_clear()
    assert "cancer" in english_words()
