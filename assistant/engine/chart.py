"""The dialog's state chart: a `transitions` Machine with the state names of DESIGN.md.

Sub-states are written `parent.child`; a state "holds in" its parent for transcripts and
fronts. The machine is built once per process and shared: each conversation is a small model
object triggered through `fire()`, which keeps creating a conversation cheap. Guards
(`conditions`) are methods of the model, so the configuration can skip optional steps.
`python -m assistant.engine.chart` prints the chart as Mermaid for docs/statechart.md.
"""

from __future__ import annotations

import functools
from typing import Any, Protocol

from transitions import Machine, MachineError

TOP_STATES = (
    "welcome",
    "explain",
    "questions",
    "choices",
    "check",
    "identity",
    "review",
    "signature",
    "signed",
    "declined",
    "deferred",
    "revoked",
    "withdraw",
)

STATES = (
    "welcome",
    "welcome.clinician",
    "explain",
    "explain.benefits",
    "questions",
    "choices.recording",
    "choices.summary",
    "choices.supervision",
    "check.q1",
    "check.q2",
    "check.q3",
    "identity.name",
    "identity.email",
    "review",
    "signature",
    "signed",
    "declined.notify",
    "declined.clinician",
    "declined.name",
    "declined.done",
    "deferred.notify",
    "deferred.clinician",
    "deferred.name",
    "deferred.done",
    "revoked",
    "withdraw.action",
    "withdraw.code",
    "withdraw.name",
    "withdraw.skipped",
)

# Before a signature exists, "stop" declines; after it, "stop" revokes.
PRE_SIGN = [s for s in STATES if s.split(".")[0] in TOP_STATES[:8]]
ENDINGS = ["signed", "declined.done", "deferred.done", "revoked", "withdraw.skipped"]

# Each row: trigger, sources, destination, guards (model methods that must all return True).
TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "start", "source": "welcome", "dest": "welcome.clinician", "conditions": "needs_clinician"},
    {"trigger": "start", "source": "welcome", "dest": "explain"},
    {"trigger": "pick_clinician", "source": "welcome.clinician", "dest": "explain"},
    {"trigger": "next", "source": "explain", "dest": "explain.benefits"},
    {"trigger": "next", "source": "explain.benefits", "dest": "questions"},
    {"trigger": "ask_more", "source": ["explain", "explain.benefits"], "dest": "questions"},
    {"trigger": "next", "source": "questions", "dest": "choices.recording"},
    {"trigger": "agree", "source": "choices.recording", "dest": "review", "conditions": "returning", "unless": ["offers_summary", "offers_supervision"]},
    {"trigger": "agree", "source": "choices.recording", "dest": "choices.summary", "conditions": "offers_summary"},
    {"trigger": "agree", "source": "choices.recording", "dest": "choices.supervision", "conditions": "offers_supervision"},
    {"trigger": "agree", "source": "choices.recording", "dest": "check.q1"},
    {"trigger": "next", "source": "choices.summary", "dest": "review", "conditions": "returning", "unless": "offers_supervision"},
    {"trigger": "next", "source": "choices.summary", "dest": "choices.supervision", "conditions": "offers_supervision"},
    {"trigger": "next", "source": "choices.summary", "dest": "check.q1"},
    {"trigger": "next", "source": "choices.supervision", "dest": "review", "conditions": "returning"},
    {"trigger": "next", "source": "choices.supervision", "dest": "check.q1"},
    {"trigger": "next", "source": "check.q1", "dest": "check.q2"},
    {"trigger": "next", "source": "check.q2", "dest": "check.q3"},
    {"trigger": "next", "source": "check.q3", "dest": "identity.name"},
    {"trigger": "next", "source": "identity.name", "dest": "identity.email"},
    {"trigger": "next", "source": "identity.email", "dest": "review"},
    {"trigger": "next", "source": "review", "dest": "signature"},
    {"trigger": "change", "source": ["review", "identity.name", "identity.email", "check.q1", "check.q2", "check.q3", "choices.summary", "choices.supervision"], "dest": "choices.recording"},
    {"trigger": "sign", "source": "signature", "dest": "signed"},
    {"trigger": "refuse", "source": "choices.recording", "dest": "declined.notify"},
    {"trigger": "stop", "source": ["signed"], "dest": "revoked"},
    {"trigger": "stop", "source": PRE_SIGN, "dest": "declined.notify"},
    {"trigger": "defer", "source": PRE_SIGN, "dest": "deferred.notify"},
    {"trigger": "tell", "source": "declined.notify", "dest": "declined.clinician", "conditions": "needs_clinician"},
    {"trigger": "tell", "source": "declined.notify", "dest": "declined.name"},
    {"trigger": "pick_clinician", "source": "declined.clinician", "dest": "declined.name"},
    {"trigger": "tell", "source": "deferred.notify", "dest": "deferred.clinician", "conditions": "needs_clinician"},
    {"trigger": "tell", "source": "deferred.notify", "dest": "deferred.name"},
    {"trigger": "pick_clinician", "source": "deferred.clinician", "dest": "deferred.name"},
    {"trigger": "done", "source": ["declined.notify", "declined.name"], "dest": "declined.done"},
    {"trigger": "done", "source": ["deferred.notify", "deferred.name"], "dest": "deferred.done"},
    {"trigger": "withdraw", "source": "welcome", "dest": "withdraw.action"},
    {"trigger": "revoke", "source": "withdraw.action", "dest": "withdraw.code"},
    {"trigger": "skip_today", "source": "withdraw.action", "dest": "withdraw.code"},
    {"trigger": "next", "source": "withdraw.code", "dest": "withdraw.name"},
    {"trigger": "retry", "source": "withdraw.name", "dest": "withdraw.code"},
    {"trigger": "revoked", "source": "withdraw.name", "dest": "revoked"},
    {"trigger": "skipped", "source": "withdraw.name", "dest": "withdraw.skipped"},
    {"trigger": "cancel", "source": ["withdraw.action", "withdraw.code", "withdraw.name"], "dest": "welcome"},
    {"trigger": "restart", "source": list(STATES), "dest": "welcome"},
]  # fmt: skip


class ChartModel(Protocol):
    """What the chart needs from a conversation: its state and the guards."""

    state: str

    def needs_clinician(self) -> bool: ...
    def offers_summary(self) -> bool: ...
    def offers_supervision(self) -> bool: ...
    def returning(self) -> bool: ...


@functools.cache
def machine() -> Machine:
    """The shared machine (built once). `auto_transitions` is off: every move is listed above."""
    return Machine(
        model=None,
        states=list(STATES),
        transitions=TRANSITIONS,
        initial="welcome",
        auto_transitions=False,
        ignore_invalid_triggers=False,
    )


def fire(model: ChartModel, trigger: str) -> None:
    """Run `trigger` on `model`; raise `MachineError` when the chart does not allow it here."""
    event = machine().events.get(trigger)
    if event is None:
        raise MachineError(f"no trigger {trigger!r}")
    if not event.trigger(model):
        raise MachineError(f"{trigger!r} did not move from {model.state!r}")


def can_fire(state: str, trigger: str) -> bool:
    """True when the chart lists `trigger` from `state` (guards aside)."""
    event = machine().events.get(trigger)
    return event is not None and state in event.transitions


def holds_in(state: str, name: str) -> bool:
    """True when `state` is `name` or one of its sub-states (`choices.summary` holds in `choices`)."""
    return state == name or state.startswith(name + ".")


def mermaid() -> str:
    """The chart as a Mermaid state diagram (generated from the machine, never by hand)."""
    m = machine()

    def node(state: str) -> str:
        return state.replace(".", "_")

    lines = ["stateDiagram-v2", "    [*] --> welcome"]
    parents: dict[str, list[str]] = {}
    for s in STATES:
        if "." in s:
            parents.setdefault(s.split(".")[0], []).append(s)
    for parent, children in parents.items():
        lines.append(f"    state {parent}_ {{")
        lines.extend(f"        {node(c)}: {c}" for c in children)
        lines.append("    }")
    seen: set[tuple[str, str, str]] = set()
    for name, event in m.events.items():
        if name == "restart":
            continue
        for source, transitions in event.transitions.items():
            for t in transitions:
                guard = "".join(f" [{'' if c.target else 'not '}{c.func}]" for c in t.conditions)
                key = (source, str(t.dest), name + guard)
                if key in seen:
                    continue
                seen.add(key)
                lines.append(f"    {node(source)} --> {node(str(t.dest))}: {name}{guard}")
    lines.append(
        "    note right of welcome: restart (idle timeout, Finish) returns here from every state"
    )
    return "\n".join(lines)


def statechart_markdown() -> str:
    """The full text of docs/statechart.md."""
    return (
        "# Dialog state chart\n\n"
        "Generated from `assistant/engine/chart.py` by `make chart`; a test fails when it is "
        "stale.\n\n```mermaid\n" + mermaid() + "\n```\n"
    )


if __name__ == "__main__":
    print(statechart_markdown(), end="")
