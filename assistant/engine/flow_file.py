"""Reading `dialogs/flow.toml`: its steps, actions and patterns, checked before a client sees them.

Loading checks everything it can: unknown keys and actions, buttons without labels, `goto`
targets that do not exist, conditions that name nothing, a `counts_as` that is no step of the
consent. Each problem is one line naming the file and the step. An `expand = "check"` step
becomes one step per question of check.toml.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.engine.datafile import read_toml
from assistant.engine.flow import (
    BRANCHING,
    COLLECTS,
    MOVES,
    PARTS,
    PLAIN,
    Action,
    Flow,
    FlowError,
    Part,
    Step,
    condition_problem,
)


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """What the flow needs of one check.toml question: its id, its answer ids, its own
    condition, and whether it is open (typed, no answer buttons)."""

    id: str
    answers: tuple[str, ...]
    when: str | None = None
    open: bool = False


def load_flow(path: Path, labels: Mapping[str, str], concerns: Sequence[str],
              checks: Sequence[CheckSpec]) -> Flow:  # fmt: skip
    """Load and check `flow.toml`. `labels` are the button labels of messages.toml,
    `concerns` the concern ids (usable as buttons), `checks` the check questions (an
    `expand = "check"` step becomes one step per question)."""
    data = read_toml(path, "flow", FlowError)
    where = str(path)
    raw_steps = data.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise FlowError(f"{where}: needs [[step]] tables")
    defaults = _on(data.get("defaults", {}).get("on", {}), f"{where} [defaults.on]")
    patterns: dict[Part, dict[str, tuple[Action, ...]]] = {}
    for part, table in data.get("patterns", {}).items():
        if part not in PARTS:
            raise FlowError(f"{where} [patterns.{part}]: parts are {', '.join(PARTS)}")
        patterns[part] = dict(_on(table, f"{where} [patterns.{part}]"))
    steps: dict[str, Step] = {}
    for i, table in enumerate(raw_steps):
        for step in _steps(table, f"{where} step {i + 1}", checks):
            if step.id in steps:
                raise FlowError(f"{where}: step {step.id!r} is listed twice")
            steps[step.id] = step
    flow = Flow(steps, defaults, patterns)
    _check(flow, where, set(labels) | set(concerns))
    return flow


_STEP_KEYS = {"id", "part", "buttons", "yes", "no", "collects", "choice", "when", "expand",
              "on", "branches", "ends", "words", "show", "counts_as",
              "worries_beside_no"}  # fmt: skip


def _steps(table: Any, where: str, checks: Sequence[CheckSpec]) -> list[Step]:
    if not isinstance(table, dict):
        raise FlowError(f"{where}: must be a table")
    unknown = set(table) - _STEP_KEYS
    if unknown:
        raise FlowError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    sid = table.get("id")
    if not isinstance(sid, str) or not sid or not all(p.isidentifier() for p in sid.split(".")):
        raise FlowError(f'{where}: `id` must be a state name such as "choices.summary"')
    where = f"{where} ({sid})"
    part = table.get("part")
    if part not in PARTS:
        raise FlowError(f"{where}: `part` must be one of {', '.join(PARTS)}")
    beside_no = table.get("worries_beside_no", False)
    if not isinstance(beside_no, bool):
        raise FlowError(f"{where}: `worries_beside_no` must be true or false")
    if beside_no and ("choice" in table or "expand" in table):
        raise FlowError(
            f"{where}: `worries_beside_no` cannot be set where a no is a consent choice"
        )
    collects = table.get("collects")
    if collects is not None and collects not in COLLECTS:
        raise FlowError(f"{where}: `collects` must be one of {', '.join(COLLECTS)}")
    base = Step(
        id=sid,
        part=part,
        buttons=tuple(_names(table.get("buttons", []), f"{where} buttons")),
        yes=_opt(table, "yes", where),
        no=_opt(table, "no", where),
        collects=collects,
        choice=_opt(table, "choice", where),
        when=_opt(table, "when", where),
        ends=table.get("ends") is True,
        counts_as=_opt(table, "counts_as", where),
        worries_beside_no=beside_no,
        on=_on(table.get("on", {}), f"{where} on"),
        branches={
            k: _action(v, f"{where} branches.{k}") for k, v in table.get("branches", {}).items()
        },
        words=_words(table.get("words", {}), f"{where} words"),
        show=_show(table.get("show", {}), f"{where} show"),
    )
    expand = table.get("expand")
    if expand is None:
        return [base]
    if expand != "check":
        raise FlowError(f'{where}: `expand` can only be "check"')
    if not checks:
        raise FlowError(f"{where}: check.toml has no questions to expand")
    return [
        Step(
            **{
                **_fields(base),
                "id": f"{sid}.{q.id}",
                "buttons": () if q.open else q.answers,
                "check": q.id,
                "collects": "answer" if q.open else base.collects,
                "when": " and ".join(w for w in (base.when, q.when) if w) or None,
            }
        )
        for q in checks
    ]


def _fields(step: Step) -> dict[str, Any]:
    return {name: getattr(step, name) for name in Step.__slots__}


def _opt(table: Mapping[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise FlowError(f"{where}: `{key}` must be text")
    return value


def _names(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise FlowError(f"{where}: must be a list of ids in quotes")
    return value


def _words(table: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        raise FlowError(f"{where}: must be a table of word lists, by button")
    return {key: tuple(_names(v, f"{where}.{key}")) for key, v in table.items()}


def _show(table: Any, where: str) -> dict[str, str]:
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise FlowError(f'{where}: must be a table of conditions, by button: show.defer = "..."')
    for key, when in table.items():
        problem = condition_problem(when)
        if problem:
            raise FlowError(f"{where}.{key}: {problem}")
    return dict(table)


def _on(table: Any, where: str) -> dict[str, tuple[Action, ...]]:
    if not isinstance(table, dict):
        raise FlowError(f"{where}: must be a table of action lists")
    return {key: tuple(_action(a, f"{where}.{key}") for a in _names(v, f"{where}.{key}"))
            for key, v in table.items()}  # fmt: skip


def _action(text: Any, where: str) -> Action:
    if not isinstance(text, str) or not text.split():
        raise FlowError(f'{where}: an action must be text such as "goto welcome"')
    verb, _, arg = text.strip().partition(" ")
    if verb not in MOVES | PLAIN | set(BRANCHING):
        raise FlowError(f"{where}: unknown action {verb!r}")
    needs_arg = verb in ("goto", "say", "record", "mode", "share")
    if needs_arg != bool(arg.strip()):
        raise FlowError(f"{where}: {verb!r} {'needs' if needs_arg else 'takes no'} argument")
    if verb in ("record", "share") and arg not in ("yes", "no"):
        raise FlowError(f"{where}: {verb} takes yes or no")
    if verb == "mode" and arg not in ("revoke", "skip"):
        raise FlowError(f"{where}: mode takes revoke or skip")
    return Action(verb, arg.strip())


def _check(flow: Flow, where: str, labels: set[str]) -> None:
    steps = flow.steps

    def moves(actions: Sequence[Action], at: str) -> None:
        for action in actions:
            if action.verb == "goto" and action.arg not in steps:
                raise FlowError(f"{where} ({at}): goto {action.arg!r}: no such step")

    for key, actions in flow.defaults.items():
        moves(actions, f"defaults.on.{key}")
    for part, table in flow.patterns.items():
        for key, actions in table.items():
            moves(actions, f"patterns.{part}.{key}")
    for step in steps.values():
        for b in step.buttons:
            if b not in labels and step.check is None:
                raise FlowError(f"{where} ({step.id}): button {b!r} has no label in messages.toml")
        for key in ("yes", "no"):
            target = getattr(step, key)
            if target is not None and target not in step.buttons:
                raise FlowError(
                    f"{where} ({step.id}): {key} = {target!r} is not one of its buttons"
                )
        for key, actions in step.on.items():
            moves(actions, f"{step.id} on.{key}")
            if step.choice is None and any(a.verb == "record" for a in actions):
                raise FlowError(f"{where} ({step.id}): `record` needs a `choice` on the step")
        for key, action in step.branches.items():
            moves((action,), f"{step.id} branches.{key}")
        for kind, names in (("words", list(step.words)), ("show", list(step.show))):
            for b in names:
                if b not in step.buttons:
                    raise FlowError(f"{where} ({step.id}): {kind}.{b}: not one of its buttons")
        if step.counts_as is not None and step.counts_as not in flow.progress_steps:
            raise FlowError(
                f"{where} ({step.id}): counts_as = {step.counts_as!r} is not a step of consent"
            )
        if step.when is not None:
            problem = condition_problem(step.when)
            if problem:
                raise FlowError(f"{where} ({step.id}): {problem}")
