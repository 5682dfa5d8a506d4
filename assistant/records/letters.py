"""The words of each email: subjects from `forms/mail/subjects.toml` (reference only, never a
client's name) and plain-text bodies rendered from `forms/mail/*.j2`, with client input passed
as data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import jinja2

from assistant.config import Clinician, Config
from assistant.engine.forms import (
    FormError,
    format_when,
    ordered_choices,
    printable_name,
    printable_question,
)
from assistant.engine.outcome import AskedQuestion
from assistant.engine.templating import environment
from assistant.paths import forms_dir
from assistant.records.subjects import subject, undelivered_name


@dataclass(frozen=True, slots=True)
class Letter:
    """One email's words: who it is for (`clinician` or `client`), subject and body."""

    role: str
    subject: str
    body: str


def chain_line(event_id: int, sha256: str) -> str:
    """The last line of every email to the practice: the records' event chain head then.

    `consent-assistant records --verify --head N:HASH` checks that the records still hold it.
    """
    return f"Records check: event {event_id}, chain hash {sha256} (--head {event_id}:{sha256})"


@lru_cache(maxsize=16)
def _template(name: str) -> jinja2.Template:
    path = forms_dir() / "mail" / f"{name}.j2"
    try:
        return environment().from_string(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError) as exc:
        raise FormError(f"mail template {path}: {exc}") from None


def _body(template: str, config: Config, **context: Any) -> str:
    try:
        text = _template(template).render(**(config.template_context() | context))
    except jinja2.TemplateError as exc:
        raise FormError(f"mail template {template}: {exc}") from None
    return text.strip() + "\n"


def _when(config: Config, when: datetime) -> str:
    """The time as every email shows it: the practice's clock, with the zone named."""
    return format_when(when, config.practice.time_zone)


def _questions(questions: tuple[AskedQuestion, ...]) -> dict[str, list[str]]:
    return {
        "for_clinician": [printable_question(q.text) for q in questions if q.for_clinician],
        "answered": [printable_question(q.text) for q in questions if not q.for_clinician],
    }


def signed_letter(
    config: Config,
    *,
    clinician: Clinician,
    reference: str,
    name: str,
    when: datetime,
    form_version: str,
    choices: dict[str, bool],
    questions: tuple[AskedQuestion, ...],
    comprehension: str,
    safety_replies: int = 0,
) -> Letter:
    """To the clinician, with the signed PDF attached. `safety_replies`: how often the safety
    reply was shown (never what the client typed)."""
    body = _body(
        "signed",
        config,
        clinician=clinician,
        reference=reference,
        name=printable_name(name),
        when=_when(config, when),
        form_version=form_version,
        choices=ordered_choices(choices),
        comprehension=comprehension,
        safety_replies=safety_replies,
        **_questions(questions),
    )
    return Letter("clinician", subject("signed", reference, config), body)


def client_copy_letter(
    config: Config, *, clinician: Clinician, reference: str, when: datetime, attached: bool
) -> Letter:
    """To the client who gave an email address: their reference and, per configuration, the PDF."""
    body = _body(
        "client-copy",
        config,
        clinician=clinician,
        reference=reference,
        when=_when(config, when),
        attached=attached,
    )
    return Letter("client", subject("client-copy", reference, config), body)


def ended_letter(
    config: Config,
    *,
    kind: str,
    clinician: Clinician,
    reference: str,
    name: str,
    when: datetime,
    questions: tuple[AskedQuestion, ...],
    safety_replies: int = 0,
) -> Letter:
    """To the clinician when a client declined (`declined`) or wants to talk (`deferred`) and
    gave a name or let their questions be passed on."""
    body = _body(
        "ended",
        config,
        kind=kind,
        clinician=clinician,
        reference=reference,
        name=printable_name(name),
        when=_when(config, when),
        safety_replies=safety_replies,
        **_questions(questions),
    )
    return Letter("clinician", subject(kind, reference, config), body)


def revoked_letter(
    config: Config,
    *,
    clinician: Clinician,
    reference: str,
    name: str,
    when: datetime,
    how: str,
    to_client: bool,
    attached: bool,
) -> Letter:
    """To the clinician (or the client) when a consent is taken back."""
    body = _body(
        "revoked",
        config,
        clinician=clinician,
        reference=reference,
        name=printable_name(name),
        when=_when(config, when),
        how=how,
        to_client=to_client,
        attached=attached,
    )
    kind = "revoked-client" if to_client else "revoked"
    return Letter("client" if to_client else "clinician", subject(kind, reference, config), body)


def not_today_letter(
    config: Config, *, clinician: Clinician, reference: str, name: str, when: datetime
) -> Letter:
    """To the clinician when a client asks that today's session not be recorded."""
    body = _body(
        "not-today",
        config,
        clinician=clinician,
        reference=reference,
        name=printable_name(name),
        when=_when(config, when),
    )
    return Letter("clinician", subject("not-today", reference, config), body)


def help_now_letter(config: Config, *, when: datetime) -> Letter:
    """To the front desk: a client at the kiosk asked for help now. Nothing about the client."""
    body = _body("help-now", config, when=_when(config, when))
    return Letter("staff", subject("help-now", "", config), body)


def undeliverable_letter(
    config: Config,
    *,
    reference: str,
    clinician_name: str,
    kind: str,
    role: str,
    error: str,
    when: datetime,
    to_admin: bool,
    outbox_id: int = 0,
) -> Letter:
    """To the clinician or `mail.alert_to`: a message was refused for good (no client text)."""
    body = _body(
        "undeliverable",
        config,
        clinician_name=clinician_name,
        reference=reference or "-",
        kind=kind,
        what=undelivered_name(kind, role),
        error=error,
        when=_when(config, when),
        to_admin=to_admin,
        outbox_id=outbox_id,
    )
    return Letter("admin" if to_admin else "clinician", subject("alert", reference, config), body)


def revocation_request_letter(
    config: Config,
    *,
    clinician: Clinician,
    name: str,
    references: list[str],
    when: datetime,
    today_only: bool = False,
) -> Letter:
    """To the clinician at once: someone asked by name (no code) to take back a consent, or
    that today's session not be recorded (`today_only`)."""
    body = _body(
        "revocation-request",
        config,
        clinician=clinician,
        name=printable_name(name),
        references=references,
        when=_when(config, when),
        today_only=today_only,
    )
    kind = "not-today-request" if today_only else "revocation-request"
    return Letter("clinician", subject(kind, "", config), body)


def pin_alert_letter(
    config: Config, *, clinician: Clinician, failures: int, when: datetime
) -> Letter:
    """To each clinician when the kiosk's PIN was wrong `failures` times in a row."""
    body = _body(
        "pin-alert",
        config,
        clinician=clinician,
        failures=failures,
        when=_when(config, when),
    )
    return Letter("clinician", subject("pin-alert", "", config, failures), body)
