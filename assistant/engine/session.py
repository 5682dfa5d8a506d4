"""Everything one client entered or was told about themselves, in one object.

The conversation replaces the whole `Session` on an idle wipe or when the client finishes, so
nothing of theirs survives in the engine. A `Pending` is a short side question the engine is
waiting on (did you mean A or B; shall I alert staff; may I pass your question on), answered
or dropped by the very next turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.config import Clinician
from assistant.engine.outcome import AskedQuestion, CheckResult, Stroke

PendingKind = Literal["clarify", "alert"]


@dataclass(frozen=True, slots=True)
class Pending:
    """A side question the next turn answers: its kind, the buttons offered and its data."""

    kind: PendingKind
    buttons: tuple[str, ...]
    candidates: tuple[str, ...] = ()
    text: str = ""
    yes: str | None = None
    """The button a typed yes means ("alert staff?" -- "yes"); None: yes answers the step."""
    no: str | None = None
    also: str | None = None
    """The second worry a long message raised ("Did you mean A or B?" of a post), offered after
    the answer to the one picked, as a sure match's is (`questions.also_after_pick`)."""


@dataclass
class Session:
    """One client's answers and details. Replaced whole on reset."""

    clinician: Clinician | None = None
    choices: dict[str, bool] = field(default_factory=dict)
    checks: list[CheckResult] = field(default_factory=list)
    check_tries: int = 0
    questions: list[AskedQuestion] = field(default_factory=list)
    name: str | None = None
    email: str | None = None
    strokes: tuple[Stroke, ...] = ()
    reference: str | None = None
    form_version: str | None = None
    form_text: str | None = None
    form_sha256: str | None = None
    told: bool = False
    share_questions: bool = False
    """The client said their questions may be passed on to the clinician (declines, deferrals)."""
    share_decided: bool = False
    """The client was asked whether their open questions may be passed on, and answered."""
    returning: bool = False
    """Changing answers after the check: `next` goes straight back to review."""
    reached_review: bool = False
    withdraw_mode: Literal["revoke", "skip"] = "revoke"
    withdraw_code: str = ""
    pending: Pending | None = None
    safety_shown: int = 0
    """How many times the safety reply was shown (the clinician's record says it was, never
    the words that led to it)."""

    @property
    def questions_open(self) -> bool:
        """True when the client asked something the assistant could not answer."""
        return any(q.for_clinician for q in self.questions)
