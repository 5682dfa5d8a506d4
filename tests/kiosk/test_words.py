"""The kiosk's own sentences (dialogs/kiosk.toml): every one is there, filled in safely, and
reads at or below US grade 8 like the rest of the content."""

from __future__ import annotations

import textstat

from assistant.ui.words import REQUIRED, say


def test_every_sentence_loads_and_reads_at_grade_8_or_below() -> None:
    grades = {}
    for section, keys in REQUIRED.items():
        for key in keys:
            text = say(f"{section}.{key}", seconds=30, unit="seconds", kept=2000)
            assert text.strip() and "$" not in text, (section, key)
            if len(text.split()) >= 6:
                grades[f"{section}.{key}"] = textstat.flesch_kincaid_grade(text)
    assert grades
    too_hard = {k: g for k, g in grades.items() if g > 8.0}
    assert not too_hard, too_hard


def test_fields_are_filled_without_running_anything() -> None:
    assert say("idle.countdown", seconds=1, unit="second").endswith("in 1 second.")
    # A value is put in as it is, never read as a template or a format string itself.
    assert "first $seconds {0} characters" in say("notice.paste_cut", kept="$seconds {0}")
