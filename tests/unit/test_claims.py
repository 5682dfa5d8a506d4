"""Honest by design: nothing the assistant says or the form prints claims a fact the practice's
configuration does not state (dialogs/claims.toml), and an unknown fact is said to be unknown.

Everything is rendered under the demo facts, under all "unknown", and with each fact set to
each of its values (or unknown) in turn; a sentence with a claim its facts do not back fails.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Literal, get_args, get_origin, get_type_hints

import pytest

from assistant.config import Config, load_config, parse_config
from assistant.engine.claims import Claims, load_claims, sentences
from assistant.engine.content import load_content
from assistant.engine.flow import conditions
from assistant.engine.forms import CHOICE_ORDER, render_consent_form, render_revocation
from assistant.facts import UNKNOWN, Facts, FactsView, problems
from assistant.paths import content_root

CLAIMS: Claims = load_claims(content_root() / "dialogs" / "claims.toml")
WHEN = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
DEMO = load_config()


def _values(tp: Any) -> list[Any]:
    """Every value a fact of type `tp` can take (a few for numbers and text)."""
    out: list[Any] = []
    for arm in get_args(tp) or (tp,):
        if get_origin(arm) is Literal:
            out += list(get_args(arm))
        elif arm is bool:
            out += [True, False]
        elif arm is int:
            out += [0, 1, 30]
        elif arm is str:
            out += ["Example Value", UNKNOWN]
    return list(dict.fromkeys(out))


def fact_variants() -> Iterator[tuple[str, Facts]]:
    """The demo facts, all unknown, and the demo with each fact set to each value in turn."""
    yield "demo", DEMO.facts
    yield "all unknown", Facts()
    hints = get_type_hints(Facts)
    for f in dataclasses.fields(Facts):
        for value in _values(hints[f.name]):
            changed = dataclasses.replace(DEMO.facts, **{f.name: value})
            if changed != DEMO.facts and not problems(changed):
                yield f"{f.name}={value!r}", changed


VARIANTS = list(fact_variants())


def _config(facts: Facts) -> Config:
    return dataclasses.replace(DEMO, facts=facts)


def _step_may_show(when: str | None, facts: Facts) -> bool:
    """False when a fact condition of `when` rules the step out (engine conditions may hold)."""
    if not when:
        return True
    view = FactsView(facts)
    for negated, name in conditions(when):
        parts = name.split(".")
        if parts[0] == "facts" and len(parts) == 3:
            held = bool(getattr(getattr(view, parts[1]), parts[2]))
            if held == negated:
                return False
    return True


def _contexts(config: Config) -> Iterator[dict[str, Any]]:
    base = {
        **config.template_context(),
        "clinician": config.clinicians[0],
        "name": "Alex Rivera",
        "reference": "K7QM-3XPD",
        "minutes": 15,
        "label": "Who can see the notes?",
        "safety_shown": 0,
        "choices": {"recording": True, "summary": True, "supervision": True},
    }
    for told, shared, email, mode, open_ in (
        (True, False, "alex@example.org", "revoke", 0),
        (False, True, "", "skip", 1),
        (False, False, "", "revoke", 2),
    ):
        yield {
            **base,
            "told": told,
            "shared": shared,
            "email": email,
            "mode": mode,
            "questions_open": open_,
        }


def rendered(config: Config) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a client can be shown under `config`."""
    content = load_content()
    facts = config.facts
    whens = {sid: step.when for sid, step in content.flow.steps.items()}
    for ctx in _contexts(config):
        for name, st in content.texts.items():
            if not _step_may_show(whens.get(name), facts):
                continue
            for part in ("intro", "ask"):
                yield f"messages.toml [{name}].{part}", content.render(getattr(st, part), ctx)
        for key, tpl in content.say.items():
            yield f"messages.toml [say].{key}", content.render(tpl, ctx)
        for q in content.checks:
            if not _step_may_show(q.when, facts):
                continue
            for part in ("ask", "right", "wrong"):
                yield f"check.toml {q.id}.{part}", content.render(getattr(q, part), ctx)
            if not q.open:
                for c in q.choices:
                    yield f"check.toml {q.id} label {c.id}", content.render(c.label, ctx)
        for cid, tpl in content.answers.items():
            yield f"concerns.toml [{cid}].answer", content.render(tpl, ctx)
        break  # the answers and the form do not depend on the conversation facts
    offered = [
        c
        for c in CHOICE_ORDER
        if c == "recording"
        or (c == "summary" and FactsView(facts).summary_delivery.offered)
        or (c == "supervision" and FactsView(facts).supervision.offered)
    ]
    form = render_consent_form(
        config,
        clinician=config.clinicians[0],
        name="Alex Rivera",
        choices=dict.fromkeys(offered, True),
        when=WHEN,
    )
    yield f"form {form.version}", form.text
    notice = render_revocation(
        config, clinician=config.clinicians[0], name="Alex Rivera", reference="K7QM", when=WHEN
    )
    yield f"form {notice.version}", notice.text


@pytest.mark.parametrize(("label", "facts"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_nothing_claims_a_fact_the_configuration_does_not_state(label: str, facts: Facts) -> None:
    bad = [
        f"{where}: “{sentence}” claims {claim} ({phrase!r})"
        for where, text in rendered(_config(facts))
        for sentence, claim, phrase in CLAIMS.unbacked(text, facts)
    ]
    assert not bad, f"{label}:\n" + "\n".join(dict.fromkeys(bad))


def test_there_are_enough_variants() -> None:
    assert len(VARIANTS) > 30


def test_the_demo_states_its_facts() -> None:
    """Under the demo facts the answers say them (the check above cannot pass by silence)."""
    content = load_content()
    ctx = {**DEMO.template_context(), "clinician": DEMO.clinicians[0]}
    answer = {cid: content.render(t, ctx) for cid, t in content.answers.items()}
    said = " ".join(answer.values())
    for fact in (
        "Example Cloud Hosting",
        "Example Speech Co.",
        "Example AI Model Co.",
        "30 days",
        "7 years",
        "the United States",
        "never sells",
        "progress notes",
        "signed a HIPAA agreement",
        "secure client portal",
        "senior clinician at the practice",
    ):
        assert fact in said, fact
    assert "read notes, not recordings" in answer["supervision"]
    assert "not about a company recording therapy" in answer["evidence"]
    assert "does not make you anonymous" in answer["pseudonym"]


# The answers rewritten to the facts: with every fact unknown, each says it does not know and
# offers the clinician, and claims nothing.
GROUNDED = (
    "privacy access deletion data_use legal supervision pseudonym summary security accuracy"
    " notes_access"
).split()


@pytest.mark.parametrize("cid", GROUNDED)
def test_an_unknown_fact_is_said_to_be_unknown(cid: str) -> None:
    config = parse_config("")
    content = load_content()
    ctx = {**config.template_context(), "clinician": config.clinicians[0]}
    text = content.render(content.answers[cid], ctx)
    assert "I don't know" in text, text
    assert config.clinicians[0].name in text, text
    assert not CLAIMS.unbacked(text, config.facts), text


# ---------------------------------------------------------------- the checker itself


FALSE_EVEN_FOR_THE_DEMO = {
    "shares_with_nobody",
    "nothing_leaves_the_room",
    "anonymous",
    "elwyn_as_therapy",
    "supervisor_hears_recordings",
    "cannot_be_hacked",
}


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # the overclaims the shipped content used to make (issue 9)
        ("Yes, your recordings and notes are covered by HIPAA.", "baa_signed"),
        ("A US health privacy law called HIPAA protects all of it.", "baa_signed"),
        ("SessionScribe does not sell or share your data.", "shares_with_nobody"),
        ("Yes, what you say stays between us.", "nothing_leaves_the_room"),
        ("So your real name is not stored with them.", "anonymous"),
        ("More than 6 in 10 patients said they wanted their visits recorded.", "elwyn_as_therapy"),
        ("May your recordings be used for that?", "supervisor_hears_recordings"),
        ("It can never be hacked.", "cannot_be_hacked"),
    ],
)
def test_old_overclaims_are_caught(sentence: str, claim: str) -> None:
    facts = DEMO.facts
    found = {c for _, c, _ in CLAIMS.unbacked(sentence, facts)}
    unknown = {c for _, c, _ in CLAIMS.unbacked(sentence, Facts())}
    assert claim in unknown, sentence
    if claim in FALSE_EVEN_FOR_THE_DEMO:
        assert claim in found, sentence


def test_hedged_and_negated_sentences_claim_nothing() -> None:
    unknown = Facts()
    assert not CLAIMS.unbacked("I don't know if SessionScribe signed a HIPAA agreement.", unknown)
    assert not CLAIMS.unbacked("A made-up name does not make you anonymous.", unknown)
    assert CLAIMS.unbacked("SessionScribe has not signed a HIPAA agreement.", unknown)


def test_sentences_keep_abbreviations() -> None:
    assert sentences("Ask Dr. Lee. Example Speech Co. and Example AI Model Co. help.\n- x") == [
        "Ask Dr. Lee.",
        "Example Speech Co. and Example AI Model Co. help.",
        "- x",
    ]


def test_every_claim_names_real_facts_and_the_file_loads() -> None:
    names = {f.name for f in dataclasses.fields(Facts)}
    for claim in CLAIMS.claims:
        assert set(claim.needs or {}) <= names, claim.id
    assert len(CLAIMS.claims) > 30
