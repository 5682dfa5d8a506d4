"""The clinician's feedback after a rehearsal: what was covered and missed, and how it sounded.

This module holds the feedback's data: the items (key points, the persona's own points, the
rights every conversation needs, accepting a no), the phrases that pushed, the claims the
practice's facts do not back, and the scores read from them. Coverage is the share of items
met. Pressure and false claims are not just listed: each caps the overall score (the kind's
`cap` in `dialogs/personas.toml`, `claim_cap` for claims; the lowest applies), so good
coverage cannot hide "you don't really have a choice". Scoring a rehearsal's turns into a
`Feedback` is `feedback_builder.py`; `report.py` writes it as Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.rehearsal.report import markdown, md

__all__ = ["ACCEPT_NO", "BANNER", "PRACTICE", "Feedback", "md"]

PRACTICE = "PRACTICE"
BANNER = (
    "**PRACTICE ONLY.** A rehearsal with a simulated client. It is not a consent record:"
    " nothing was signed, filed or sent."
)
ACCEPT_NO = "accept_no"


@dataclass(frozen=True, slots=True)
class Item:
    """One thing the clinician should have said; `quote` is their sentence that said it."""

    id: str
    text: str
    met: bool
    quote: str | None = None
    note: str | None = None
    suggest: str | None = None
    """Better wording for a miss, from the content."""


@dataclass(frozen=True, slots=True)
class ConcernFeedback:
    """One concern the client raised: its key points, the clinician's words, the model answer."""

    id: str
    label: str
    asked: str
    answers: tuple[str, ...]
    points: tuple[Item, ...]
    model_answer: str


@dataclass(frozen=True, slots=True)
class Flag:
    """A phrase that pushes the client, and the clinician's sentence that holds it."""

    phrase: str
    quote: str
    kind: str = ""
    label: str = ""
    cap: int | None = None
    instead: str = ""


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """A claim that does not match the practice's facts, with the facts and an honest answer."""

    kind: str
    label: str
    phrase: str
    quote: str
    facts: str
    honest: str


@dataclass(frozen=True, slots=True)
class Feedback:
    """Everything the clinician sees at the end of a rehearsal."""

    persona: str
    persona_title: str
    seed: int
    finished: bool
    concerns: tuple[ConcernFeedback, ...]
    rights: tuple[Item, ...]
    accept_no: Item | None
    pressure: tuple[Flag, ...]
    persuasion: tuple[Flag, ...]
    claims: tuple[ClaimNote, ...] = ()
    own: tuple[Item, ...] = ()
    claim_cap: int = 100
    trust: int = 0
    decision: str = ""
    most_important: str = ""

    @property
    def items(self) -> tuple[Item, ...]:
        """Every scored item: key points, the persona's own, the rights, accepting a no."""
        points = tuple(p for c in self.concerns for p in c.points)
        no = (self.accept_no,) if self.accept_no else ()
        return (*points, *self.own, *self.rights, *no)

    @property
    def covered(self) -> tuple[str, ...]:
        """Ids of the items met (`privacy.protected`, `refuse`, `risk_ai`, `accept_no`)."""
        return tuple(i.id for i in self.items if i.met)

    @property
    def missed(self) -> tuple[str, ...]:
        """Ids of the items not met."""
        return tuple(i.id for i in self.items if not i.met)

    @property
    def coverage(self) -> int:
        """Percent of items met, rounded."""
        items = self.items
        return round(100 * sum(i.met for i in items) / len(items)) if items else 0

    @property
    def cap(self) -> int | None:
        """The lowest cap any pressure or false claim set; None when nothing was flagged."""
        caps = [f.cap for f in self.pressure if f.cap is not None]
        if self.claims:
            caps.append(self.claim_cap)
        return min(caps) if caps else None

    @property
    def score(self) -> int:
        """The overall score: coverage, capped by pressure and false claims."""
        cap = self.cap
        return self.coverage if cap is None else min(self.coverage, cap)

    @property
    def flagged(self) -> tuple[str, ...]:
        """The pressure phrases found, each once, in the order first said."""
        return tuple(dict.fromkeys(f.phrase for f in self.pressure))

    @property
    def flagged_claims(self) -> tuple[str, ...]:
        """The kinds of the false claims found, each once, in the order first said."""
        return tuple(dict.fromkeys(c.kind for c in self.claims))

    def to_markdown(self) -> str:
        """The report as Markdown, headed by the PRACTICE banner."""
        return "\n".join(markdown(self)) + "\n"
