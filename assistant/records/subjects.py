"""The subject line of every email, from `forms/mail/subjects.toml`: content a clinic rewords in
the file, checked when first read (every email has a subject; a subject holds only the
reference or the count of wrong PINs, never anything the client typed)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.config import Config
from assistant.engine.datafile import read_toml
from assistant.engine.forms import FormError
from assistant.paths import forms_dir

SUBJECT_KINDS = (
    "signed", "client-copy", "declined", "deferred", "revoked", "revoked-client", "not-today",
    "help-now", "alert", "revocation-request", "not-today-request", "pin-alert",
)  # fmt: skip
"""The emails there are, each with a subject in `forms/mail/subjects.toml`."""


@lru_cache(maxsize=4)
def _mail_words(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """`[subjects]` and `[undelivered]` of `folder/subjects.toml`, checked: every email has a
    subject, and a subject holds no value but the reference."""
    path = folder / "subjects.toml"
    data = read_toml(path, "email subjects", FormError)
    tables = []
    for table in ("subjects", "undelivered"):
        found = data.get(table, {})
        if not isinstance(found, dict) or not all(
            isinstance(v, str) and v.strip() for v in found.values()
        ):
            raise FormError(f"{path} [{table}]: each entry must be text in quotes")
        tables.append(found)
    subjects, undelivered = tables
    for kind in SUBJECT_KINDS:
        if kind not in subjects:
            raise FormError(f"{path} [subjects]: no subject for {kind!r}")
        try:
            subjects[kind].format(ref="K7QM-3XPD", failures=5)
        except (KeyError, IndexError, ValueError):
            raise FormError(
                f"{path} [subjects].{kind}: a subject may only hold {{ref}} (the reference)"
                " or {failures} (wrong PINs in a row)"
            ) from None
    return subjects, undelivered


def subject(kind: str, reference: str, config: Config, failures: int = 0) -> str:
    """The subject line: practice, what happened and the reference, nothing the client typed."""
    subjects, _ = _mail_words(forms_dir() / "mail")
    return f"[{config.practice.name}] " + subjects[kind].format(ref=reference, failures=failures)


def undelivered_name(kind: str, role: str) -> str:
    """How the alert about an undeliverable email names it ("the signed consent form to the
    clinician"), from `[undelivered]`."""
    _, names = _mail_words(forms_dir() / "mail")
    return names.get(f"{kind}.{role}", f"a {kind} message to the {role}")
