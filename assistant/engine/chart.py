"""The state chart: a `transitions` Machine built from the flow in `dialogs/flow.toml`.

Every move the flow can make is a row: a trigger (the button, `value`, command or pattern that
moved, or the branch an action took), a source, a destination and guards (the destination's
`when` condition). `next` becomes one guarded row per candidate, in order, so the machine picks
the first step whose condition holds. `restart` (Finish, the idle wipe) returns to the first
step from everywhere. The machine is built once per content and shared: each conversation is a
small model object with a `state` and a `holds(condition)` method, moved through `fire()`.

`python -m assistant.engine.chart [CONTENT_DIR]` prints the chart as Mermaid for
docs/statechart.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from transitions import EventData, Machine, MachineError

from assistant.engine.flow import BRANCHING, Action, Flow, Step

RESTART = "restart"


class ChartModel(Protocol):
    """What the chart needs of a conversation: its state and its conditions."""

    state: str

    def holds(self, condition: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class Guard:
    """A step's `when` condition as a transitions guard (named for the generated chart)."""

    condition: str

    def __call__(self, event: EventData) -> bool:
        holds: Callable[[str], bool] = getattr(event.model, "holds")  # noqa: B009 (a ChartModel)
        return holds(self.condition)


@dataclass(frozen=True, slots=True)
class Row:
    """One transition: trigger, source, destination and the destination's guard."""

    trigger: str
    source: str
    dest: str
    when: str | None = None


def rows(flow: Flow) -> list[Row]:
    """Every move the flow can make, in the order the machine tries them."""
    out: list[Row] = []
    for step in flow.steps.values():
        keys = {*step.on, *step.buttons, "stop", "defer"}
        for key in sorted(keys):
            actions = flow.actions(step, key)
            if not actions:
                continue
            for action in actions:
                out.extend(_moves(flow, step, key, action))
                if action.verb in BRANCHING:
                    for branch in BRANCHING[action.verb]:
                        target = step.branches.get(branch)
                        if target is not None:
                            out.extend(_moves(flow, step, branch, target))
    unique: list[Row] = []
    for row in out:
        if row not in unique:
            unique.append(row)
    return unique


def _moves(flow: Flow, step: Step, trigger: str, action: Action) -> Iterator[Row]:
    if action.verb == "goto":
        yield Row(trigger, step.id, action.arg)
    elif action.verb == "next":
        for candidate in flow.following(step):
            yield Row(trigger, step.id, candidate.id, candidate.when)
            if candidate.when is None:
                break


class Chart:
    """The machine of one flow, and the moves it allows."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.rows = rows(flow)
        transitions: list[dict[str, Any]] = [
            {
                "trigger": r.trigger,
                "source": r.source,
                "dest": r.dest,
                "conditions": [Guard(r.when)] if r.when else [],
            }
            for r in self.rows
        ]
        transitions.append({"trigger": RESTART, "source": "*", "dest": flow.first().id})
        self.machine = Machine(
            model=None,
            states=list(flow.steps),
            transitions=transitions,
            initial=flow.first().id,
            auto_transitions=False,  # no to_<state>() for every state: every move is a row
            ignore_invalid_triggers=False,
            send_event=True,
        )

    def fire(self, model: ChartModel, trigger: str) -> None:
        """Run `trigger` on `model`; `MachineError` when the chart does not allow it here."""
        event = self.machine.events.get(trigger)
        if event is None:
            raise MachineError(f"no trigger {trigger!r}")
        if not event.trigger(model):
            raise MachineError(f"{trigger!r} did not move from {model.state!r}")

    def can_fire(self, state: str, trigger: str) -> bool:
        """True when the chart lists `trigger` from `state` (guards aside)."""
        event = self.machine.events.get(trigger)
        return event is not None and state in event.transitions

    def mermaid(self) -> str:
        """The chart as a Mermaid state diagram (generated, never drawn by hand)."""

        def node(state: str) -> str:
            return state.replace(".", "_")

        lines = ["stateDiagram-v2", f"    [*] --> {node(self.flow.first().id)}"]
        parents: dict[str, list[str]] = {}
        for s in self.flow.steps:
            if "." in s:
                parents.setdefault(s.split(".")[0], []).append(s)
        for parent, children in parents.items():
            lines.append(f"    state {parent}_ {{")
            lines.extend(f"        {node(c)}: {c}" for c in children)
            lines.append("    }")
        for r in self.rows:
            guard = f" [{r.when}]" if r.when else ""
            lines.append(f"    {node(r.source)} --> {node(r.dest)}: {r.trigger}{guard}")
        lines.append(
            f"    note right of {node(self.flow.first().id)}: restart (idle timeout, Finish)"
            " returns here from every state"
        )
        return "\n".join(lines)


def holds_in(state: str, name: str) -> bool:
    """True when `state` is `name` or one of its sub-states (`choices.summary` holds in `choices`)."""
    return state == name or state.startswith(name + ".")


def statechart_markdown(chart: Chart) -> str:
    """The full text of docs/statechart.md."""
    return (
        "# Dialog state chart\n\n"
        "Generated from `dialogs/flow.toml` by `make chart`; a test fails when it is stale.\n\n"
        "```mermaid\n" + chart.mermaid() + "\n```\n"
    )


def main(argv: list[str]) -> int:
    """Print docs/statechart.md for the shipped content (or the content folder named)."""
    from assistant.engine.content import load_content

    content = load_content(Path(argv[0]) if argv else None)
    print(statechart_markdown(content.chart), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
