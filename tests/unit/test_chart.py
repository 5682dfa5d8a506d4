"""The state chart: built from dialogs/flow.toml, DESIGN.md's names, no auto transitions, every
state reachable, and a diagram in docs/ that is never stale."""

from __future__ import annotations

from pathlib import Path

from assistant.engine import chart
from assistant.engine.content import load_content

DOC = Path(__file__).resolve().parents[2] / "docs" / "statechart.md"
DESIGN_TOPS = (
    "welcome", "explain", "questions", "choices", "check", "identity", "review", "signature",
    "signed", "declined", "deferred", "revoked", "withdraw",
)  # fmt: skip


def test_states_hold_in_designs_names() -> None:
    flow = load_content().flow
    tops = [s.split(".")[0] for s in flow.steps]
    assert set(tops) == set(DESIGN_TOPS)
    # questions is shown as explain in the progress line (only some clients visit it)
    assert flow.progress_steps == tuple(t for t in DESIGN_TOPS[:8] if t != "questions")


def test_no_auto_transitions() -> None:
    events = load_content().chart.machine.events
    assert not any(name.startswith("to_") for name in events)


def test_every_state_is_reachable_and_can_restart() -> None:
    c = load_content().chart
    dests = {r.dest for r in c.rows}
    assert set(c.flow.steps) - {c.flow.first().id} <= dests
    for state in c.flow.steps:
        assert c.can_fire(state, chart.RESTART)


def test_every_step_before_signing_can_stop_and_defer() -> None:
    c = load_content().chart
    for step in c.flow.steps.values():
        if step.part == "consent":
            assert c.can_fire(step.id, "stop"), step.id
            assert c.can_fire(step.id, "defer"), step.id


def test_optional_steps_are_guarded_by_their_condition() -> None:
    rows = load_content().chart.rows
    guarded = {(r.dest, r.when) for r in rows if r.when}
    assert ("choices.summary", "facts.summary_delivery.offered") in guarded
    assert ("choices.supervision", "facts.supervision.offered") in guarded
    assert ("check.audio", "not returning and facts.audio_kept_days.known") in guarded
    assert ("welcome.clinician", "choose_clinician") in guarded


def test_statechart_doc_is_fresh() -> None:
    assert DOC.read_text("utf-8") == chart.statechart_markdown(load_content().chart), (
        "run `make chart`"
    )


def test_holds_in() -> None:
    assert chart.holds_in("choices.summary", "choices")
    assert chart.holds_in("choices", "choices")
    assert not chart.holds_in("checkout", "check")
