"""The feedback report: PRACTICE banner, own words quoted, model answers, score, pressure."""

from __future__ import annotations

from dataclasses import replace

from assistant.config import Config, with_overrides
from assistant.engine.content import load_content
from assistant.rehearsal.client import Rehearsal
from assistant.rehearsal.feedback import BANNER, Feedback, md
from assistant.rehearsal.personas import load_cast

CAST = load_cast()


def hurried(config: Config) -> Feedback:
    r = Rehearsal(config, CAST.get("privacy"), 2)
    r.opening()
    for answer in [
        "It's protected by HIPAA, like all your health records.",
        "Nobody at the company listens.",
        "Let's keep going. You have to sign anyway.",
    ]:
        r.respond(answer)
    return r.feedback()


def test_items_and_score(config: Config) -> None:
    fb = hurried(config)
    assert not fb.finished
    assert fb.covered == ("privacy.protected", "privacy.who_hears")
    assert fb.missed == (
        "privacy.skip_session",
        "access.clinician_reads",
        "access.same_rules",
        "access.vendor_no_share",
        "refuse",
        "revoke",
        "risk_ai",
        "risk_limits",
        "understanding",
    )
    assert fb.coverage == 18
    assert fb.flagged == ("you have to",)
    assert fb.cap == 40
    assert fb.score == 18  # below the cap already
    assert fb.accept_no is None


def test_markdown_report(config: Config) -> None:
    text = hurried(config).to_markdown()
    assert text.startswith("# PRACTICE: rehearsal feedback\n\n> " + BANNER)
    assert "\nOverall: 18%\n" in text
    assert "**18%** (2 of 11 points)" in text
    protected, _, skip = load_content().concerns["privacy"].key_points
    assert f"- **Covered:** {protected.text}." in text
    assert "You said: “It's protected by HIPAA, like all your health records\\.”" not in text
    assert "You said: “It's protected by HIPAA, like all your health records.”" in text
    assert f"- **Missed:** {skip.text}. A client might ask: “{skip.follow_up}”" in text
    assert "“you have to” in: “You have to sign anyway.”" in text
    assert "## 2. Who can see the notes? (`access`)" in text
    assert "You did not answer this yet." in text
    assert "No one at SessionScribe listens to your sessions" in text  # the model answer


def test_model_answers_follow_the_configuration(config: Config) -> None:
    changed = with_overrides(config, {"facts.audio_kept_days": "30"})
    changed = replace(changed, practice=replace(changed.practice, name="Harbor Therapy"))
    r = Rehearsal(changed, CAST.get("privacy"), 1)
    r.opening()
    r.respond("Hm.")
    r.respond("Hm.")
    r.respond("Hm.")  # on to deletion
    text = r.feedback().to_markdown()
    assert "The audio is kept for 30 days" in text
    assert "Harbor Therapy" in text


def test_the_clinicians_words_are_never_markup(config: Config) -> None:
    r = Rehearsal(config, CAST.get("eager"), 1)
    r.opening()
    r.respond("[click](https://example.org) **bold** <b>x</b> `code` # heading")
    text = r.feedback().to_markdown()
    assert (
        "> \\[click\\](https://example.org) \\*\\*bold\\*\\* \\<b>x\\</b> \\`code\\` # heading"
        in text
    )
    assert md("1. first") == "1\\. first"
    assert md("- item") == "\\- item"


def test_a_declining_clients_feedback_shows_the_persuasion(config: Config) -> None:
    r = Rehearsal(config, CAST.get("declines"), 1)
    r.opening()
    while r.phase == "concerns":
        r.respond("Are you sure? Most people say yes.")
    r.respond("Okay, that's fine.")
    fb = r.feedback()
    assert fb.accept_no is not None and not fb.accept_no.met
    assert fb.accept_no.note == "You accepted the no, but pushed earlier (see below)."
    assert [f.phrase for f in fb.persuasion][:2] == ["are you sure", "most people say yes"]
    assert "Talking the client round, “are you sure”" in fb.to_markdown()
