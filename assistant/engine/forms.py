"""The consent form and the revocation notice: versioned jinja2 templates in `forms/`.

The engine shows the rendered text at the review step and the signed PDF prints the same text,
so `FormText.sha256` identifies exactly what the client read. Released template files never
change (their SHA-256 is listed in `forms/versions.toml` and checked before every use). Client
input reaches a template only as data, never as template source. No fpdf2 or SQLite here: the
engine imports this module.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from assistant.config import Clinician, Config
from assistant.engine.datafile import read_toml
from assistant.engine.templating import environment
from assistant.engine.text import clean
from assistant.paths import forms_dir

CONSENT = "recording-consent"
REVOCATION = "revocation"
NAME_LIMIT = 200
"""Longest name a form prints; the engine's own cap is lower, this only guards the layout."""

QUESTION_LIMIT = 1000
"""Longest client question a PDF or email prints."""

CHOICE_ORDER = ("recording", "summary", "supervision")
"""The choices a consent form knows, in the order it lists them."""

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


class FormError(RuntimeError):
    """A form that cannot be rendered: missing or changed template, unknown choice, bad data."""


@dataclass(frozen=True, slots=True)
class FormText:
    """One rendered form: its version (`recording-consent/v1`), the exact text and its SHA-256."""

    version: str
    text: str
    sha256: str


def sha256_text(text: str) -> str:
    """The hex SHA-256 of `text` encoded as UTF-8: the hash printed in the audit block."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_when(when: datetime, zone: str) -> str:
    """A date and time as a person reads it, on the practice's clock with the zone named:
    `2 December 2026, 8:45 pm (America/New_York)`.

    The one format for every time a person reads (forms, PDFs, emails), so an evening signing
    shows the day it happened there. Audit blocks add the UTC time as ISO 8601 beside it.
    """
    utc = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    local = utc.astimezone(ZoneInfo(zone))
    hour = local.hour % 12 or 12
    half = "am" if local.hour < 12 else "pm"
    return (
        f"{local.day} {_MONTHS[local.month - 1]} {local.year},"
        f" {hour}:{local.minute:02d} {half} ({zone})"
    )


def versions() -> dict[str, Any]:
    """The parsed `forms/versions.toml`: each form's current version and released hashes."""
    return _versions(forms_dir())


@lru_cache(maxsize=4)
def _versions(root: Path) -> dict[str, Any]:
    return read_toml(root / "versions.toml", "form versions", FormError)


def current_version(form: str) -> str:
    """The version of `form` that new signings use, e.g. `v1`."""
    try:
        return str(versions()[form]["current"])
    except KeyError:
        raise FormError(f"forms/versions.toml names no current version of '{form}'") from None


def template_path(form: str, version: str) -> Path:
    """Where the template of one form version lives."""
    return forms_dir() / form / f"{version}.j2"


def _template(form: str, version: str) -> jinja2.Template:
    return _compiled(forms_dir(), form, version)


@lru_cache(maxsize=16)
def _compiled(root: Path, form: str, version: str) -> jinja2.Template:
    path = root / form / f"{version}.j2"
    try:
        raw = path.read_bytes()
    except OSError:
        raise FormError(f"form template missing: {form}/{version} ({path})") from None
    released = _versions(root).get(form, {}).get("released", {}).get(version)
    actual = hashlib.sha256(raw).hexdigest()
    if released != actual:
        raise FormError(
            f"{form}/{version} differs from its released text (SHA-256 {actual[:12]}…,"
            f" released {str(released)[:12]}…): released wording never changes; add a new version"
        )
    try:
        return environment().from_string(raw.decode("utf-8"))
    except (UnicodeDecodeError, jinja2.TemplateSyntaxError) as exc:
        raise FormError(f"{form}/{version}: {exc}") from None


def _render(form: str, version: str | None, context: dict[str, Any]) -> FormText:
    version = version or current_version(form)
    try:
        text = _template(form, version).render(**context).strip() + "\n"
    except jinja2.TemplateError as exc:
        raise FormError(f"{form}/{version}: {exc}") from None
    return FormText(version=f"{form}/{version}", text=text, sha256=sha256_text(text))


def printable_name(name: str) -> str:
    """A client's name as forms print it: no control characters, folded spaces, capped length."""
    return clean(name, NAME_LIMIT)[0]


def printable_question(text: str) -> str:
    """A client's question as the PDF and emails print it: cleaned like a name, longer cap."""
    return clean(text, QUESTION_LIMIT)[0]


def ordered_choices(choices: dict[str, bool]) -> list[tuple[str, bool]]:
    """The choices in the form's order; an id the form does not know is an error."""
    unknown = sorted(set(choices) - set(CHOICE_ORDER))
    if unknown:
        raise FormError(f"the consent form has no wording for choice '{unknown[0]}'")
    return [(cid, bool(choices[cid])) for cid in CHOICE_ORDER if cid in choices]


def render_consent_form(
    config: Config,
    *,
    clinician: Clinician,
    name: str,
    choices: dict[str, bool],
    when: datetime,
    version: str | None = None,
) -> FormText:
    """The full consent form a client reads before signing (current version unless given)."""
    context = config.template_context() | {
        "clinician": clinician,
        "name": printable_name(name),
        "choices": ordered_choices(choices),
        "when": format_when(when, config.practice.time_zone),
    }
    return _render(CONSENT, version, context)


def render_revocation(
    config: Config,
    *,
    clinician: Clinician,
    name: str,
    reference: str,
    when: datetime,
    version: str | None = None,
) -> FormText:
    """The notice that a consent was taken back (current version unless given)."""
    context = config.template_context() | {
        "clinician": clinician,
        "name": printable_name(name),
        "reference": reference,
        "when": format_when(when, config.practice.time_zone),
    }
    return _render(REVOCATION, version, context)
