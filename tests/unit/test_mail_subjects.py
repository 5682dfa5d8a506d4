"""Email subjects are content (`forms/mail/subjects.toml`): a clinic rewords them in the file,
and a subject can hold nothing but the reference or a count, never what the client typed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import load_config
from assistant.engine.forms import FormError
from assistant.paths import content_root, use_content
from assistant.records import subjects


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "clinic"
    shutil.copytree(content_root() / "dialogs", root / "dialogs")
    shutil.copytree(content_root() / "forms", root / "forms")
    use_content(root)
    yield root / "forms" / "mail" / "subjects.toml"
    use_content(None)


def test_every_email_has_a_subject_in_the_shipped_file() -> None:
    config = load_config()
    for kind in subjects.SUBJECT_KINDS:
        line = subjects.subject(kind, "K7QM-3XPD", config, failures=5)
        assert line.startswith(f"[{config.practice.name}] ") and "{" not in line


def test_a_clinic_rewords_a_subject_in_the_file(clinic: Path) -> None:
    text = clinic.read_text("utf-8")
    clinic.write_text(text.replace("Signed consent to record sessions:", "Consent signed, ref"))
    line = subjects.subject("signed", "K7QM-3XPD", load_config())
    assert line.endswith("Consent signed, ref K7QM-3XPD")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("signed = ", "# signed = "), "no subject for 'signed'"),
        (("sessions: {ref}", "sessions: {name}"), "may only hold {ref}"),
        (("[subjects]", "subjects = 3\n[x]"), "[subjects]: each entry must be text"),
        (("[subjects]", "[subjects"), "not valid TOML"),
    ],
)
def test_a_broken_subject_file_is_one_clear_line(
    clinic: Path, edit: tuple[str, ...], message: str
) -> None:
    old, new, *count = edit
    clinic.write_text(clinic.read_text("utf-8").replace(old, new, *map(int, count)))
    with pytest.raises(FormError) as caught:
        subjects.subject("declined", "K7QM-3XPD", load_config())
    assert message in str(caught.value) and "subjects.toml" in str(caught.value)
    assert "\n" not in str(caught.value)
