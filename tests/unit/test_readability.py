"""Every client-facing message reads at or below US grade 8 (Flesch-Kincaid, via textstat)."""

from __future__ import annotations

import pytest
import textstat

from assistant.config import Config, load_config, parse_config
from assistant.engine.content import load_content

MAX_GRADE = 8.0


def all_messages(config: Config | None = None) -> dict[str, str]:
    config = config or load_config()
    content = load_content()
    ctx = {
        **config.template_context(),
        "clinician": config.clinicians[0],
        "name": "Alex Rivera",
        "email": "alex@example.org",
        "reference": "K7QM-3XPD",
        "told": True,
        "shared": False,
        "mode": "revoke",
        "questions_open": 1,
        "safety_shown": 0,
        "choices": {"recording": True, "summary": True, "supervision": False},
        "minutes": 15,
        "label": "Can I see my notes?",
    }
    out: dict[str, str] = {}
    for name, st in content.texts.items():
        for part in ("intro", "ask"):
            text = content.render(getattr(st, part), ctx)
            if text:
                out[f"messages.toml [{name}].{part}"] = text
    for key, tpl in content.say.items():
        out[f"messages.toml [say].{key}"] = content.render(tpl, ctx)
    for q in content.checks:
        for part in ("ask", "right", "wrong"):
            out[f"check.toml {q.id}.{part}"] = content.render(getattr(q, part), ctx)
    for cid, tpl in content.answers.items():
        out[f"concerns.toml [{cid}].answer"] = content.render(tpl, ctx)
    return out


@pytest.mark.parametrize("facts", ["demo", "unknown"])
def test_every_message_reads_at_grade_8_or_below(facts: str) -> None:
    config = load_config() if facts == "demo" else parse_config("")  # every fact unknown
    grades = {
        where: textstat.flesch_kincaid_grade(text)
        for where, text in all_messages(config).items()
        if len(text.split()) >= 8  # too short to score meaningfully
    }
    assert len(grades) > 60
    worst = sorted(grades.items(), key=lambda kv: kv[1], reverse=True)[:3]
    assert worst[0][1] <= MAX_GRADE, "hardest to read: " + "; ".join(
        f"{where} (grade {g:.1f})" for where, g in worst
    )
