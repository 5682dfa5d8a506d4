"""Issue 13: pressure and false claims are flagged, cap the score and cover nothing; the client's
trust follows them; floors on the tune half of the labelled clinician lines (never the frozen)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assistant.config import Config, with_overrides
from assistant.rehearsal import flags
from assistant.rehearsal.client import Rehearsal
from assistant.rehearsal.personas import load_cast
from assistant.rehearsal.report import CLAIMS_HEADING

CAST = load_cast()
TUNE = Path(__file__).resolve().parents[1] / "data" / "clinician_lines_tune.tsv"
FLOOR = 0.9
"""Precision and recall floors for any pressure and any false claim on the tune half."""

GOOD_PRIVACY = [
    "SessionScribe signed a HIPAA agreement with us. No one at SessionScribe listens to your"
    " sessions, and you can skip recording any session.",
]


def run(config: Config, persona: str, seed: int, lines: list[str]) -> Rehearsal:
    r = Rehearsal(config, CAST.get(persona), seed)
    r.opening()
    for line in lines:
        if r.done:
            break
        r.respond(line)
    return r


def test_tune_floors(config: Config) -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    rows = [
        line.split("\t", 1)
        for line in TUNE.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(rows) >= 90
    for labels, text in rows:
        want = {label.split(":")[0] for label in labels.split(",") if label != "none"}
        got = {kind.split(":")[0] for kind in flags.flag_kinds(text, config)}
        for group in ("pressure", "claim"):
            tp[group] += group in want and group in got
            fp[group] += group not in want and group in got
            fn[group] += group in want and group not in got
    for group in ("pressure", "claim"):
        precision = tp[group] / (tp[group] + fp[group])
        recall = tp[group] / (tp[group] + fn[group])
        assert precision >= FLOOR and recall >= FLOOR, (group, precision, recall)


def test_coverage_with_pressure_is_capped(config: Config) -> None:
    pushy = GOOD_PRIVACY[0] + " Everyone does it and it's our policy, so you need to sign today."
    r = run(config, "privacy", 1, [pushy])
    fb = r.feedback()
    assert {f.kind for f in fb.pressure} == {"social", "no_choice", "pressure"}
    assert fb.coverage > fb.score == 20
    text = fb.to_markdown()
    assert "\nOverall: 20%\n" in text
    assert "**Capped at 20%**" in text
    assert "## Pressure\n" in text


def test_optional_but_a_threat_is_not_may_say_no(config: Config) -> None:
    line = (
        "Recording is optional, but clients who decline usually get referred to another therapist."
    )
    r = run(config, "judged", 1, [line, "You don't really have a choice, sorry."])
    fb = r.feedback()
    assert "refuse" in fb.missed
    assert [f.kind for f in fb.pressure] == ["threat", "no_choice"]
    assert "Alright. That helps." not in r.turns[2].text
    assert r.turns[2].text.startswith(CAST.get("judged").pressured)


def test_neutral_lines_are_not_flagged(config: Config) -> None:
    r = run(config, "judged", 1, ["You have to do what feels right for you."])
    assert r.feedback().pressure == ()


def test_a_soft_push_after_a_no_does_not_accept_it(config: Config) -> None:
    r = Rehearsal(config, CAST.get("declines"), 2)
    r.opening()
    while r.phase == "concerns":
        r.respond("Saying no won't change your care; it's your choice.")
    r.respond("I understand, but let's revisit it next week.")
    assert "accept_no" in r.feedback().missed


def test_false_claims_are_quoted_with_the_facts(config: Config) -> None:
    lines = [
        "We keep the audio for about 30 days. HIPAA means it's 100% confidential.",
        "A court order can never reach your notes, and it never gets anything wrong.",
    ]
    fb = run(config, "privacy", 1, lines).feedback()
    assert fb.flagged_claims == ("retention", "absolute", "court", "accuracy")
    assert fb.score <= config_cap()
    text = fb.to_markdown()
    assert f"## {CLAIMS_HEADING}\n" in text
    assert "“We keep the audio for about 30 days.” The practice's facts: `audio_kept_days = 0`" in (
        text
    )
    assert "privacy.protected" not in fb.covered  # "HIPAA means 100% confidential" covers nothing


def config_cap() -> int:
    return CAST.rules.claim_cap


def test_a_claim_that_matches_other_facts_is_not_flagged(config: Config) -> None:
    thirty = with_overrides(config, {"facts.audio_kept_days": "30"})
    assert not flags.claim_flags("We keep the audio for about 30 days.", thirty.facts)
    assert flags.claim_flags("We keep the audio for 7 days.", thirty.facts)
    assert not flags.claim_flags("The audio is deleted right away.", config.facts)


def test_trust_falls_with_dismissal_and_the_client_says_no(config: Config) -> None:
    r = run(config, "judged", 1, ["Honestly you're overthinking it."])
    assert "That actually helps a lot" not in r.turns[-1].text
    assert r.trust < CAST.rules.trust.start
    pushy = ["Just sign, you're overthinking it."] * 12
    r = run(config, "judged", 1, pushy)
    assert r.done and r.decision == "no"
    assert r.turns[-1].text.endswith(CAST.rules.leaves)


def test_honest_answers_raise_trust(config: Config) -> None:
    r = run(config, "privacy", 1, GOOD_PRIVACY)
    assert r.trust > CAST.rules.trust.start


def test_a_run_that_names_no_risk_cannot_score_100(config: Config) -> None:
    lines = [
        GOOD_PRIVACY[0],
        "It's your choice, you can say no, and you can change your mind at any time.",
        "It's your choice.",
    ]
    fb = run(config, "eager", 1, lines).feedback()
    assert {"risk_ai", "risk_limits"} <= set(fb.missed)
    assert fb.score < 100


@pytest.mark.parametrize("persona", ["teen", "couple", "abuse", "interpreter", "acquiescent"])
def test_the_same_seed_gives_the_same_run(config: Config, persona: str) -> None:
    lines = ["It's your choice.", "Just sign.", "We keep the audio for 30 days.", "Okay."]
    first, second = run(config, persona, 3, lines), run(config, persona, 3, lines)
    assert first.turns == second.turns
    assert first.feedback() == second.feedback()


def test_every_miss_has_better_wording_and_one_thing_comes_first(config: Config) -> None:
    fb = run(config, "teen", 1, ["Okay.", "Sure."]).feedback()
    for item in fb.items:
        if not item.met and item.id.startswith(("own.", "refuse", "revoke", "risk_")):
            assert item.suggest, item.id
    assert fb.most_important.startswith("Said the client may say no")
    assert "## The one thing to change" in fb.to_markdown()


def test_new_personas_have_their_own_points() -> None:
    for pid in ("teen", "couple", "abuse", "interpreter", "acquiescent", "paranoid"):
        persona = CAST.get(pid)
        assert len(persona.points) >= 2, pid
        assert set(persona.suggest) == {p.id for p in persona.points}, pid
