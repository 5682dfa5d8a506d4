"""The state chart: DESIGN.md's names, no auto transitions, and a diagram that is never stale."""

from __future__ import annotations

from pathlib import Path

from assistant.engine import chart

DOC = Path(__file__).resolve().parents[2] / "docs" / "statechart.md"


def test_top_states_are_designs() -> None:
    assert chart.TOP_STATES == (
        "welcome", "explain", "questions", "choices", "check", "identity", "review",
        "signature", "signed", "declined", "deferred", "revoked", "withdraw",
    )  # fmt: skip
    for state in chart.STATES:
        assert state.split(".")[0] in chart.TOP_STATES


def test_no_auto_transitions() -> None:
    assert not any(name.startswith("to_") for name in chart.machine().events)


def test_every_state_is_reachable_and_can_restart() -> None:
    dests = {
        t.dest for e in chart.machine().events.values() for ts in e.transitions.values() for t in ts
    }
    assert set(chart.STATES) - {"welcome"} <= dests
    for state in chart.STATES:
        assert chart.can_fire(state, "restart")


def test_statechart_doc_is_fresh() -> None:
    assert DOC.read_text("utf-8") == chart.statechart_markdown(), "run `make chart`"


def test_holds_in() -> None:
    assert chart.holds_in("choices.summary", "choices")
    assert chart.holds_in("choices", "choices")
    assert not chart.holds_in("checkout", "check")
