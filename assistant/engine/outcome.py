"""The seam between the conversation and the records layer.

The engine describes each ending (signed, declined, deferred) as an `Outcome`, and asks a
`RecordKeeper` to file it. `assistant.records` provides the durable keeper every front uses;
`MemoryRecords` keeps endings in a list, for tests of the engine alone and for benchmarks,
and is only ever passed explicitly (the conversation has no default keeper).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from assistant.engine.text import same_name

OutcomeKind = Literal["signed", "declined", "deferred"]
# Crockford-like alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V).
REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY"


def new_reference() -> str:
    """A human-friendly reference code such as `K7QM-3XPD`."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_reference(text: str) -> str:
    """Upper-case, drop spaces and dashes, and re-insert the dash: `k7qm 3xpd` -> `K7QM-3XPD`."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


@dataclass(frozen=True, slots=True)
class Stroke:
    """One pen stroke of a drawn signature: points normalised to 0..1 in both axes."""

    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Signature:
    """How the client signed: the typed name always, drawn strokes when the kiosk had a pad."""

    typed_name: str
    strokes: tuple[Stroke, ...] = ()

    @property
    def method(self) -> str:
        """A phrase for the audit block: how the signature was given."""
        return "typed name and drawn signature" if self.strokes else "typed name"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One teach-back question: what was asked, whether the first answer was right, tries taken."""

    question_id: str
    question: str
    correct_first_time: bool
    attempts: int


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question the client asked, the concern it matched (None: left for the clinician)."""

    text: str
    concern: str | None

    @property
    def for_clinician(self) -> bool:
        """True when the assistant could not answer it."""
        return self.concern is None


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything about one ending that the records layer files."""

    kind: OutcomeKind
    at: datetime
    clinician_name: str
    clinician_email: str
    name: str | None = None
    email: str | None = None
    choices: dict[str, bool] = field(default_factory=dict)
    comprehension: tuple[CheckResult, ...] = ()
    questions: tuple[AskedQuestion, ...] = ()
    form_version: str | None = None
    form_text: str | None = None
    form_sha256: str | None = None
    signature: Signature | None = None
    notify_clinician: bool = True
    safety_replies: int = 0
    """How many times the safety reply (crisis line, front desk) was shown; never the words."""


@dataclass(frozen=True, slots=True)
class Receipt:
    """What the record keeper returns: the reference code and a line to show the client."""

    reference: str | None
    delivered: bool = False
    note: str = ""


RevokeStatus = Literal["revoked", "already", "not_found", "wrong_name", "locked", "skipped"]


@dataclass(frozen=True, slots=True)
class RevokeResult:
    """The answer to a revocation or a "not today" request made with a reference and a name."""

    status: RevokeStatus
    reference: str
    minutes_locked: int = 0


class RecordKeeper(Protocol):
    """Files endings and handles later revocations. Implemented by `assistant.records`."""

    def file(self, outcome: Outcome) -> Receipt:
        """Store the outcome (and, for signed/notified endings, queue mail). Returns a receipt."""
        ...

    def revoke(
        self, reference: str, name: str, at: datetime, *, fresh: bool = False
    ) -> RevokeResult:
        """Revoke the consent `reference` if `name` matches the name it was signed with.
        `fresh`: taken back in the same conversation right after signing, the name typed
        again (the audit says exactly that)."""
        ...

    def skip_today(self, reference: str, name: str, at: datetime) -> RevokeResult:
        """Ask that today's session not be recorded; the consent stays active."""
        ...

    def alert_staff(self, at: datetime) -> None:
        """Send the urgent "a client at the kiosk asked for help now" message at once. It
        says nothing about the client or what they typed. Raises when it cannot be queued."""
        ...

    def request_revocation(
        self,
        name: str,
        clinician_name: str,
        clinician_email: str,
        at: datetime,
        *,
        today_only: bool = False,
    ) -> Receipt:
        """A client without their code asks, by name, that their consent be taken back (or
        today's session not be recorded). The clinician is emailed at once to stop recording
        and to confirm with the client; the record shows a request, not a revocation. The
        client is told the same whether or not a consent under that name exists."""
        ...


@dataclass
class MemoryRecords:
    """An in-memory record keeper: endings are kept in a list, nothing is written or sent."""

    outcomes: list[tuple[str | None, Outcome]] = field(default_factory=list)
    revoked: set[str] = field(default_factory=set)
    alerts: list[datetime] = field(default_factory=list)
    requests: list[tuple[str, str, bool]] = field(default_factory=list)
    """Revocation requests by name: (name, clinician email, today only)."""

    def alert_staff(self, at: datetime) -> None:
        self.alerts.append(at)

    def request_revocation(
        self,
        name: str,
        clinician_name: str,
        clinician_email: str,
        at: datetime,
        *,
        today_only: bool = False,
    ) -> Receipt:
        self.requests.append((name, clinician_email, today_only))
        return Receipt(reference=None)

    def file(self, outcome: Outcome) -> Receipt:
        reference = new_reference() if outcome.kind == "signed" or outcome.name else None
        self.outcomes.append((reference, outcome))
        return Receipt(reference=reference)

    def _find(self, reference: str, name: str) -> RevokeResult | None:
        ref = normalise_reference(reference)
        for stored, outcome in self.outcomes:
            if stored == ref and outcome.kind == "signed":
                if not outcome.name or same_name(outcome.name, name):
                    return None
                return RevokeResult("wrong_name", ref)
        return RevokeResult("not_found", ref)

    def revoke(
        self, reference: str, name: str, at: datetime, *, fresh: bool = False
    ) -> RevokeResult:
        problem = self._find(reference, name)
        if problem:
            return problem
        ref = normalise_reference(reference)
        if ref in self.revoked:
            return RevokeResult("already", ref)
        self.revoked.add(ref)
        return RevokeResult("revoked", ref)

    def skip_today(self, reference: str, name: str, at: datetime) -> RevokeResult:
        problem = self._find(reference, name)
        if problem:
            return problem
        ref = normalise_reference(reference)
        return RevokeResult("already" if ref in self.revoked else "skipped", ref)
