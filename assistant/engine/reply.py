"""What the engine answers after each client turn; fronts only render these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

InputKind = Literal["text", "name", "email", "signature", "code", "none"]


@dataclass(frozen=True, slots=True)
class Choice:
    """A quick-reply button: `id` is stable for code; `label` is what the client sees and types."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Reply:
    """The assistant's answer to one turn.

    `state` is the full state name (`choices.summary`); `top_state` its top-level part, one of
    the names in DESIGN.md. `input_kind` tells a front what the client is asked for, so a kiosk
    can show the signature pad or a name box. `form` carries the full form text on every
    reply at the review step, and on arriving at signed. `ended` is True on the reply that
    arrives where an ending was filed (signed, declined, deferred, revoked). `new_session` is
    True on the first reply to a new client (after an idle wipe or Finish): a front clears
    everything it shows.
    """

    messages: tuple[str, ...]
    choices: tuple[Choice, ...]
    state: str
    concern: str | None = None
    step: int = 0
    steps: int = 0
    input_kind: InputKind = "text"
    form: str | None = None
    reference: str | None = None
    ended: bool = False
    new_session: bool = False
    arrived: bool = False
    """True on the first reply at a step (a line-mode front lists the options then)."""
    choices_asked: bool = False
    """True when the client asked to hear the options again ("options", "repeat")."""
    progress: str = ""
    """Where the client is, in words: "Step 3 of 8" before signing, else the part's name
    ("Not recording"); fronts show it instead of a count that would be false after an ending."""

    @property
    def top_state(self) -> str:
        """The top-level state (the part before the first dot)."""
        return self.state.split(".", 1)[0]

    def to_json(self) -> dict[str, Any]:
        """The `chat --json` shape of DESIGN.md, plus a few extra keys for programs."""
        return {
            "state": self.top_state,
            "substate": self.state,
            "messages": list(self.messages),
            "choices": [{"id": c.id, "label": c.label} for c in self.choices],
            "concern": self.concern,
            "step": self.step,
            "steps": self.steps,
            "progress": self.progress,
            "input": self.input_kind,
            "reference": self.reference,
            "ended": self.ended,
            "new_session": self.new_session,
            "form": self.form,
        }
