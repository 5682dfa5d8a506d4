"""The actions that end somewhere: grading a check answer, signing, filing a decline or a
deferral, taking consent back. Each returns the branch it took (flow.toml `branches`) and
what to say; the records layer is reached only through the `RecordKeeper` seam, and a failure
there never loses the client's place (the branch is `failed` and the step is asked again).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from assistant.engine.outcome import CheckResult, Outcome, OutcomeKind, Signature

if TYPE_CHECKING:
    from assistant.engine.conversation import Conversation

log = logging.getLogger(__name__)

Result = tuple[str, list[str]]
"""The branch an action took and the messages to say."""

STUCK_AFTER = 2
"""Wrong answers to one check question after which talking to the clinician is offered."""


def grade(conv: Conversation, answer: str) -> Result:
    """Mark the answer to the current check question; right moves on, wrong explains."""
    step, s, replies = conv.step, conv.session, conv.replies
    assert step.check is not None  # only check steps grade
    q = conv.content.check(step.check)
    ctx = replies.context()
    correct = conv.content.render(q.correct, ctx).strip()
    s.check_tries += 1
    if answer != correct:
        said = [conv.content.render(q.wrong, ctx)]
        if s.check_tries >= STUCK_AFTER:
            said.append(replies.say("check_stuck"))
        return "wrong", said
    s.checks = [c for c in s.checks if c.question_id != q.id]
    s.checks.append(
        CheckResult(
            question_id=q.id,
            question=conv.content.render(q.ask, ctx),
            correct_first_time=s.check_tries == 1,
            attempts=s.check_tries,
        )
    )
    s.check_tries = 0
    return "right", [conv.content.render(q.right, ctx)]


def outcome(conv: Conversation, kind: OutcomeKind, name: str | None) -> Outcome:
    """Everything the records layer files about this ending.

    A signed form lists the client's questions (DESIGN: the clinician's PDF). A decline or a
    deferral passes them on only with the client's OK: asked when a question is still open,
    else given by asking that the clinician be told (a name)."""
    s, clinician = conv.session, conv.replies.clinician()
    if kind == "signed":
        shared = True
    elif s.share_decided:
        shared = s.share_questions
    else:
        shared = name is not None
    questions = tuple(s.questions) if shared else ()
    return Outcome(
        kind=kind,
        at=conv.clock.now(),
        clinician_name=clinician.name,
        clinician_email=clinician.email,
        name=name,
        email=s.email if kind == "signed" else None,
        choices=dict(s.choices),
        comprehension=tuple(s.checks),
        questions=questions,
        form_version=s.form_version,
        form_text=s.form_text,
        form_sha256=s.form_sha256,
        signature=Signature(name, s.strokes) if kind == "signed" and name else None,
        notify_clinician=name is not None or kind == "signed" or bool(questions),
        safety_replies=s.safety_shown,
    )


def sign(conv: Conversation) -> Result:
    """File the signed consent (the typed name was checked when it was collected)."""
    name = conv.session.name or ""
    try:
        receipt = conv.records.file(outcome(conv, "signed", name))
    except Exception:  # the records layer must never lose the client's place
        log.exception("filing a signed consent failed")
        return "failed", [conv.replies.say("record_failed")]
    conv.session.reference = receipt.reference
    return "signed", [receipt.note] if receipt.note else []


def file(conv: Conversation, named: bool = True) -> Result:
    """File a decline or a deferral: named (the client asked that the clinician be told and
    gave a name) or only counted. `named` is False when the client stopped instead. A client
    with an open question is first asked whether it may be passed on (branch `share`)."""
    s = conv.session
    if s.questions_open and not s.share_decided:
        return "share", []
    kind: OutcomeKind = "declined" if conv.step.top == "declined" else "deferred"
    name = s.name if s.told and named else None
    s.told = name is not None
    try:
        conv.records.file(outcome(conv, kind, name))
    except Exception:
        log.exception("filing a %s ending failed", kind)
        return "failed", [conv.replies.say("record_failed")]
    return "done", []


def withdraw(conv: Conversation) -> Result:
    """Take a consent back, or skip today's session, with the code and the name given."""
    s, now = conv.session, conv.clock.now()
    name = s.name or ""
    if s.withdraw_mode == "skip":
        result = conv.records.skip_today(s.withdraw_code, name, now)
    else:
        result = conv.records.revoke(s.withdraw_code, name, now)
    replies = conv.replies
    if result.status == "revoked":
        s.reference = result.reference
        return "revoked", []
    if result.status == "skipped":
        return "skipped", []
    if result.status == "already":
        return "already", [replies.say("revoke_already")]
    if result.status == "locked":
        return "locked", [replies.say("revoke_locked", minutes=result.minutes_locked)]
    return "retry", [replies.say("revoke_not_found")]


def request(conv: Conversation) -> Result:
    """A client without their code asks by name that their consent be taken back (or today's
    session skipped); with several clinicians they pick theirs first (branch `choose`)."""
    s = conv.session
    if conv.holds("choose_clinician"):
        return "choose", []
    clinician = conv.replies.clinician()
    try:
        conv.records.request_revocation(
            s.name or "",
            clinician.name,
            clinician.email,
            conv.clock.now(),
            today_only=s.withdraw_mode == "skip",
        )
    except Exception:
        log.exception("filing a revocation request failed")
        return "failed", [conv.replies.say("record_failed")]
    return "done", []


def revoke_fresh(conv: Conversation) -> Result:
    """Take back the consent this client signed a moment ago (they confirmed)."""
    s = conv.session
    try:
        conv.records.revoke(s.reference or "", s.name or "", conv.clock.now(), fresh=True)
    except Exception:
        log.exception("revoking a fresh consent failed")
        return "failed", [conv.replies.say("record_failed")]
    return "revoked", []
