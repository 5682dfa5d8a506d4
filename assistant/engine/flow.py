"""The consent flow as data: the steps, actions and patterns of `dialogs/flow.toml`.

The engine interprets these (`turns.py` runs the actions) and the state chart is built from
them (`chart.py`), so a clinic changes the order of steps, skips an optional one, or adds a
check question by editing content. `flow_file.py` reads and checks the file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Literal

from assistant.facts import Facts

Part = Literal["consent", "signed", "ending", "withdraw"]
PARTS: tuple[Part, ...] = ("consent", "signed", "ending", "withdraw")
Collects = Literal["name", "email", "code", "signature", "signed_name", "clinician", "answer"]
COLLECTS = ("name", "email", "code", "signature", "signed_name", "clinician", "answer")

MOVES = frozenset({"next", "goto", "stop", "defer", "finish"})
"""Actions that end a turn's movement (the chart has a row for each)."""
BRANCHING = {
    "grade": ("right", "wrong"),
    "sign": ("signed", "failed"),
    "file": ("done", "share", "failed"),
    "withdraw": ("revoked", "skipped", "retry", "already", "locked", "missing"),
    "request": ("done", "choose", "failed"),
    "revoke": ("revoked", "failed"),
}
"""Actions whose result picks a branch (`branches.<name>`); a branch not listed stays put."""
PLAIN = frozenset({"ask", "say", "record", "forget_choices", "tell", "mode", "pick", "share"})
"""Actions that do something and stay on the step (unless a move follows)."""
ENGINE_CONDITIONS = frozenset({"choose_clinician", "returning", "questions_open"})
FACT_TESTS = frozenset({"known", "unknown", "yes", "no", "offered"})
"""What a condition may ask of a fact: `facts.summary_delivery.offered`."""


class FlowError(ValueError):
    """`flow.toml` cannot be used; the message names the file and the step."""


@dataclass(frozen=True, slots=True)
class Action:
    """One action of an `on` list: its verb and argument ("goto welcome")."""

    verb: str
    arg: str = ""

    def __str__(self) -> str:
        return f"{self.verb} {self.arg}".strip()


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the flow (one state of the chart)."""

    id: str
    part: Part
    buttons: tuple[str, ...] = ()
    yes: str | None = None
    no: str | None = None
    collects: Collects | None = None
    choice: str | None = None
    when: str | None = None
    on: Mapping[str, tuple[Action, ...]] = field(default_factory=dict)
    branches: Mapping[str, Action] = field(default_factory=dict)
    check: str | None = None
    """The id of the check.toml question this step asks (expanded check steps only)."""
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """More words that pick a shown button in a short reply, by button id."""
    show: Mapping[str, str] = field(default_factory=dict)
    """Buttons shown only while a condition holds, by button id (`show.defer = "..."`)."""
    ends: bool = False
    """An ending was filed on arrival here (signed, declined, deferred, revoked, skipped)."""
    counts_as: str | None = None
    """The step the progress line shows this one as (a step only some clients visit)."""
    worries_beside_no: bool = False
    """A worry told beside a no word ("I don't want trainees hearing me cry") is answered here
    instead of taken as this step's no, when the matcher reads a worry in it and the message
    does not open with the no (`questions.worry_beside_no`)."""

    @property
    def top(self) -> str:
        """The top-level state this step holds in (`choices.summary` -> `choices`)."""
        return self.id.split(".", 1)[0]

    @property
    def yes_no(self) -> bool:
        """True when a typed yes or no answers this step."""
        return self.yes is not None or self.no is not None


@dataclass(frozen=True)
class Flow:
    """All steps in order, the default actions of common buttons, and the patterns."""

    steps: Mapping[str, Step]
    defaults: Mapping[str, tuple[Action, ...]]
    patterns: Mapping[Part, Mapping[str, tuple[Action, ...]]]

    def step(self, step_id: str) -> Step:
        """The step `step_id` (KeyError for an unknown one)."""
        return self.steps[step_id]

    def actions(self, step: Step, key: str) -> tuple[Action, ...] | None:
        """What `key` (a button, `value`, a command, `stop`, `defer`) does at `step`."""
        if key in step.on:
            return step.on[key]
        if step.check is not None and key in step.buttons:
            return step.on.get("answer")
        if key in ("stop", "defer"):
            return self.patterns.get(step.part, {}).get(key)
        if key in step.buttons:
            return self.defaults.get(key)
        return None

    def following(self, step: Step) -> Iterator[Step]:
        """The steps after `step` in the same part, in order (the candidates of `next`)."""
        ids = list(self.steps)
        for other in ids[ids.index(step.id) + 1 :]:
            candidate = self.steps[other]
            if candidate.part == step.part:
                yield candidate

    def first(self) -> Step:
        """The step a new conversation starts at."""
        return next(iter(self.steps.values()))

    @functools.cached_property
    def progress_steps(self) -> tuple[str, ...]:
        """The top-level states of the consent part, in order: the progress bar's steps (a
        step with `counts_as` is shown as that one, so skipping it skips no number)."""
        out: list[str] = []
        for s in self.steps.values():
            if s.part == "consent" and s.counts_as is None and s.top not in out:
                out.append(s.top)
        return tuple(out)

    def progress_top(self, step: Step) -> str:
        """The progress bar's step that `step` is shown as."""
        return step.counts_as or step.top


def conditions(when: str) -> list[tuple[bool, str]]:
    """The parts of a `when`: (negated, name) for each condition joined by `and`."""
    out = []
    for part in when.split(" and "):
        part = part.strip()
        negated = part.startswith("not ")
        out.append((negated, part.removeprefix("not ").strip()))
    return out


def condition_problem(when: str) -> str:
    """Why `when` cannot be used ('' when it can): every part must be an engine condition, a
    fact test (`facts.<key>.<test>`) or another setting (`section.key`)."""
    facts = {f.name for f in fields(Facts)}
    for _, name in conditions(when):
        if name in ENGINE_CONDITIONS:
            continue
        parts = name.split(".")
        if parts[0] == "facts":
            if len(parts) != 3 or parts[1] not in facts or parts[2] not in FACT_TESTS:
                tests = ", ".join(sorted(FACT_TESTS))
                return f"condition {name!r}: write facts.<key>.<test> (tests: {tests})"
            continue
        if len(parts) < 2:
            return f"unknown condition {name!r}"
    return ""
