"""dialogs/concerns.toml: complete, well-formed, readable, and honest to the configuration."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import textstat

from assistant.config import Config, load_config, with_overrides
from assistant.engine.concerns import MAX_LABEL, Concern, load_concerns, parse_concerns
from assistant.engine.content import load_content
from assistant.engine.matcher import Matcher
from assistant.facts import Facts

CONCERNS = load_concerns()
BY_ID = {c.id: c for c in CONCERNS}

# A practice whose tool is less careful than the demo's: every promise must follow the facts.
LOOSE = {
    "facts.train_ai": '"yes"',
    "facts.audio_kept_days": "30",
    "facts.baa_signed": "false",
}
# Every fact flipped, so that every branch of every template renders at least once.
FLIPPED = {
    **LOOSE,
    "facts.encrypted": "false",
    "facts.clinician_reviews": "false",
    "facts.sells_data": "true",
    "facts.vendor_staff_listen": "true",
    "facts.vendor_access": '"staff"',
    "facts.summary_delivery": '"none"',
    "facts.supervision": '"none"',
    "facts.supervisor": '"unknown"',
    "facts.pseudonyms": "false",
    "facts.notes_kind": '"psychotherapy"',
    "facts.product_improvement": '"opt_in"',
}
# Nothing known: every answer says so and offers the clinician (tests/unit/test_claims.py).
UNKNOWN = {f"facts.{f.name}": '"unknown"' for f in fields(Facts)}


def _config(overrides: dict[str, str] | None = None) -> Config:
    cfg = load_config()
    return with_overrides(cfg, overrides) if overrides else cfg


def render(concern: Concern, cfg: Config) -> str:
    context: dict[str, Any] = {**cfg.template_context(), "clinician": cfg.clinicians[0]}
    content = load_content()
    return content.render(content.answers[concern.id], context)


def answers(overrides: dict[str, str] | None = None) -> dict[str, str]:
    cfg = _config(overrides)
    return {c.id: render(c, cfg) for c in CONCERNS}


def sentences(text: str) -> list[str]:
    """Split on sentence ends; "Dr." and the like do not end a sentence."""
    text = re.sub(r"\b(Dr|Mr|Mrs|Ms|St|Co)\.", r"\1", text)
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


# ---------------------------------------------------------------- the file itself


# The concern ids of DESIGN.md: the minimum the shipped content has. Content may add more.
DESIGN_CONCERNS = (
    "privacy deletion access security ai judgment openness necessity decline withdraw summary"
    " supervision pseudonym form evidence accuracy data_use legal limits notes_access"
    " participants"
).split()


def test_the_shipped_content_has_every_design_concern() -> None:
    assert set(DESIGN_CONCERNS) <= {c.id for c in CONCERNS}


def test_a_concern_added_to_the_content_is_a_concern() -> None:
    table = {
        "label": "Can my dog come?",
        "answer": "Yes, quiet dogs are welcome.",
        "examples": ["can i bring my dog"],
        "keywords": ["dog"],
        "key_points": [
            {"id": "dogs", "text": "Dogs", "paraphrases": ["dogs ok"], "follow_up": "?"}
        ],
    }
    concerns = parse_concerns({"pets": table}, "test")
    assert [c.id for c in concerns] == ["pets"]
    with pytest.raises(ValueError, match="must be lower-case"):
        parse_concerns({"Pets!": table}, "test")


def test_labels_are_short_and_distinct() -> None:
    labels = [c.label for c in CONCERNS]
    assert all(0 < len(label) <= MAX_LABEL for label in labels), labels
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("concern", CONCERNS, ids=lambda c: c.id)
def test_matcher_data_is_rich_enough(concern: Concern) -> None:
    assert 8 <= len(concern.examples) <= 50
    assert len(set(concern.examples)) == len(concern.examples)
    assert len(concern.keywords) >= 5
    assert all(e == e.lower() for e in concern.examples)


@pytest.mark.parametrize("concern", CONCERNS, ids=lambda c: c.id)
def test_key_points(concern: Concern) -> None:
    assert 2 <= len(concern.key_points) <= 4
    ids = [p.id for p in concern.key_points]
    assert len(set(ids)) == len(ids)
    for point in concern.key_points:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", point.id), point.id
        assert len(point.paraphrases) >= 3
        assert point.follow_up.strip().endswith(("?", "."))


# ---------------------------------------------------------------- rendering


CONFIGS = [None, LOOSE, FLIPPED, UNKNOWN]
CONFIG_IDS = ["demo", "loose", "flipped", "unknown"]


@pytest.mark.parametrize("overrides", CONFIGS, ids=CONFIG_IDS)
def test_every_answer_renders_cleanly(overrides: dict[str, str] | None) -> None:
    for cid, text in answers(overrides).items():
        assert text == " ".join(text.split()), f"{cid}: stray white space in {text!r}"
        assert "{" not in text and "}" not in text, cid
        assert 2 <= len(sentences(text)) <= 5, f"{cid}: {len(sentences(text))} sentences"


@pytest.mark.parametrize("overrides", CONFIGS, ids=CONFIG_IDS)
def test_every_answer_reads_at_grade_8_or_below(overrides: dict[str, str] | None) -> None:
    graded = sorted(((grade(t), cid) for cid, t in answers(overrides).items()), reverse=True)
    too_hard = [f"{cid} ({g:.1f})" for g, cid in graded if g > 8]
    worst = ", ".join(f"{cid} ({g:.1f})" for g, cid in graded[:3])
    assert not too_hard, f"above grade 8: {', '.join(too_hard)}; hardest three: {worst}"


def test_grade_check_can_fail() -> None:
    hard = (
        "Notwithstanding contractual indemnification provisions, administrative "
        "documentation regarding psychotherapeutic interventions necessitates authorization."
    )
    assert grade(hard) > 8


# ---------------------------------------------------------------- honest to the configuration


def test_demo_answers_state_the_demo_facts() -> None:
    demo = answers()
    assert "HIPAA" in demo["privacy"]
    assert "No one at SessionScribe listens" in demo["privacy"]
    assert "usual limits" in demo["privacy"]
    assert "deleted right after" in demo["deletion"]
    assert "transcript for 30 days" in demo["deletion"]
    assert "at least 7 years" in demo["deletion"]
    assert "never uses your sessions to train" in demo["data_use"]
    assert "Example Speech Co." in demo["data_use"]
    assert "no recording to hand over" in demo["limits"]
    assert "transcript for 30 days" in demo["limits"]
    assert "progress notes" in demo["access"] and "insurer" in demo["access"]
    assert "read notes, not recordings" in demo["supervision"]


def test_loose_practice_gets_no_promises_it_cannot_keep() -> None:
    loose = answers(LOOSE)
    # Audio kept 30 days: nothing may say it is deleted right away.
    right_away = re.compile(
        r"deleted (as soon as|right away|right after|immediately|once)|not kept after",
        re.IGNORECASE,
    )
    for cid, text in loose.items():
        assert not right_away.search(text), f"{cid} says audio goes at once: {text}"
    assert "30 days" in loose["deletion"]
    # No HIPAA agreement: a sentence may name HIPAA only to say it is not there.
    for cid, text in loose.items():
        for sentence in sentences(text):
            if "hipaa" in sentence.lower():
                assert re.search(r"\bnot\b|\bno\b", sentence), f"{cid} claims HIPAA: {sentence}"
    # Training on sessions allowed: say so, never deny it.
    for cid, text in loose.items():
        assert not re.search(r"(not|never) (use|train)\w*.{0,40}train", text), cid
    assert "may use your sessions to train" in loose["data_use"]


def test_flipped_facts_are_all_told() -> None:
    flipped = answers(FLIPPED)
    assert "may listen" in flipped["privacy"]
    assert "may sell" in flipped["data_use"]
    assert "only if you opt in" in flipped["data_use"]
    assert "not encrypted" in flipped["security"]
    assert "not always checked" in flipped["accuracy"]
    assert "does not send summaries" in flipped["summary"]
    assert "not used in supervision" in flipped["supervision"]
    assert "real name" in flipped["pseudonym"]
    assert "could reach the audio in the 30 days it is kept" in flipped["limits"]
    assert "psychotherapy notes" in flipped["access"]


def test_decline_says_plainly_that_care_is_not_affected() -> None:
    for text in (answers()["decline"], answers(FLIPPED)["decline"]):
        assert re.search(r"never (change|affect)s? your care", text), text


def test_withdraw_tells_how_and_that_care_is_not_affected() -> None:
    cfg = _config()
    text = answers()["withdraw"]
    assert cfg.practice.revoke_how in text and cfg.practice.phone in text
    assert "never affects your care" in text


def test_legal_and_limits_give_facts_and_the_clinician_never_advice() -> None:
    cfg = _config()
    for cid in ("legal", "limits"):
        for text in (answers()[cid], answers(FLIPPED)[cid], answers(UNKNOWN)[cid]):
            _no_advice(text, cfg.clinicians[0].name)


def test_limits_says_what_a_court_could_reach_as_the_facts_allow() -> None:
    # "Could a court get my recordings?" is `limits` (DESIGN.md lists court orders there): what
    # exists to hand over, as configured, and "I don't know" where retention is not.
    demo, flipped, unknown = (answers(o)["limits"] for o in (None, FLIPPED, UNKNOWN))
    for text in (demo, flipped, unknown):
        assert "A court order or a police warrant can reach health records in rare cases" in text
        assert "must be reported" in text
    assert "no recording to hand over" in demo and "reach the audio in the 30 days" in flipped
    assert "I don't know how long the audio and transcript are kept" in unknown


def _no_advice(text: str, clinician: str) -> None:
    """Legal facts, the clinician offered, and never advice."""
    assert "cannot give legal advice" in text
    assert clinician in text
    assert not re.search(r"\byou should\b|\bget a lawyer\b", text, re.IGNORECASE)


def test_legal_says_what_the_law_asks_here_as_the_facts_allow() -> None:
    # "Is this even legal?": laws differ, so recording waits for the written consent this form
    # takes (no claim about the law or the practice beyond its configured facts), then the HIPAA
    # agreement only as configured.
    demo, flipped, unknown = (answers(o)["legal"] for o in (None, FLIPPED, UNKNOWN))
    for text in (demo, flipped, unknown):
        assert "no session is recorded here without your written consent" in text
        assert "court" not in text
    assert "signed a HIPAA agreement" in demo and not re.search(r"\bnot\b", sentences(demo)[1])
    assert "has not signed a HIPAA agreement" in flipped
    assert "I don't know if SessionScribe signed a HIPAA agreement" in unknown


def test_two_themes_of_the_issue_are_answered_where_they_are_folded() -> None:
    # Issue 10 folds "the vendor may change its policy later" into data_use and "bias with
    # accents and disabilities" into accuracy: the answers a client gets for them say so,
    # whatever the facts (a client asking "what if they change the privacy policy next year"
    # used to hear only today's uses).
    for facts in (None, FLIPPED, UNKNOWN):
        given = answers(facts)
        assert "changes its rules later" in given["data_use"]
        assert "take back your consent at any time" in given["data_use"]
        assert "more often with some accents and ways of speaking" in given["accuracy"]


def test_a_client_who_asks_for_the_risks_is_told_them(matcher: Matcher) -> None:
    """The welcome promises "the risks", but "what are the risks?" asked at a step other than
    the risks card fitted no concern: the client was sent to the front desk. The `risks`
    concern answers with the card's points, whatever the facts."""
    for question in ("what are the risks?", "What are the downsides", "is there a catch"):
        assert matcher.match(question).concern == "risks", question
    for facts in (None, LOOSE, FLIPPED, UNKNOWN):
        given = answers(facts)["risks"]
        for point in ("make mistakes", "must act", "court", "break-in", "by hand"):
            assert point in given, (facts, point)


def test_a_client_who_asks_how_to_say_no_is_told_how(matcher: Matcher) -> None:
    """The decline answer said that saying no is fine, but not how to say it, so "who do I talk
    to about opting out" went unanswered: it now names the way that works at every step (stop,
    which DESIGN files as a decline before signing) and the clinician."""
    for question in ("how do I opt out", "who do I talk to about opting out"):
        assert matcher.match(question).concern == "decline", question
    for facts in (None, LOOSE, FLIPPED, UNKNOWN):
        given = answers(facts)["decline"]
        assert "type “stop” at any step" in given, facts
        assert given.endswith(f"or tell {load_config().clinicians[0].name}."), facts


def test_evidence_cites_both_studies_in_plain_words() -> None:
    text = answers()["evidence"]
    for fact in ("Shepherd", "2009", "Elwyn", "2015", "6 in 10"):
        assert fact in text
    assert "faded" in text
    # Elwyn 2015 asked patients about recording their own visits, not therapy recorded for them
    assert "record their own doctor visits" in text
    assert "not about a company recording therapy" in text


# ---------------------------------------------------------------- loading errors


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "concerns.toml"
    path.write_text(text, "utf-8")
    return path


def _source() -> str:
    return (Path(__file__).parents[2] / "dialogs" / "concerns.toml").read_text("utf-8")


def test_a_renamed_concern_is_a_new_concern(tmp_path: Path) -> None:
    text = _source().replace("[legal]", "[legal_advice]").replace("[[legal.", "[[legal_advice.")
    ids = [c.id for c in load_concerns(_write(tmp_path, text))]
    assert "legal_advice" in ids and "legal" not in ids


def test_missing_field_names_file_and_concern(tmp_path: Path) -> None:
    text = re.sub(r'(\[privacy\]\n)label = "[^"]*"\n', r"\1", _source())
    with pytest.raises(ValueError, match=r"concerns\.toml: concern 'privacy': 'label'"):
        load_concerns(_write(tmp_path, text))


def test_long_label_is_refused(tmp_path: Path) -> None:
    text = _source().replace('label = "Is it private?"', 'label = "' + "x" * 30 + '"')
    with pytest.raises(ValueError, match="concern 'privacy': label"):
        load_concerns(_write(tmp_path, text))


def test_bad_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not valid TOML"):
        load_concerns(_write(tmp_path, "[privacy\n"))
    with pytest.raises(ValueError, match="cannot read"):
        load_concerns(tmp_path / "nope.toml")


@pytest.mark.parametrize("concern", CONCERNS, ids=lambda c: c.id)
def test_the_offer_of_a_second_worry_ends_each_label_as_a_sentence(concern: Concern) -> None:
    """The offer "You also asked about this: <label>" goes on with another sentence: a label
    with no mark of its own at the end ("I might hold back") gets a full stop, one with a
    question mark ("What if I say no?") no second mark."""
    content = load_content()
    said = content.render(content.say["also_asked"], {"label": concern.label})
    assert concern.label in said
    after = said.split(concern.label, 1)[1]
    assert after.startswith(" " if concern.label[-1] in ".?!" else ". "), said
