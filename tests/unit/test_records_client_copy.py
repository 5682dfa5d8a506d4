"""The two documents of one signing: what the client's emailed copy (mail and PDF) must never
carry, what the clinician's keeps, the practice's clock on every time a person reads, and
that the client's copy is sealed and known to `verify`."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from records_support import attachment, body, demo_config, maildir_messages, signed

from assistant.cli import main
from assistant.clock import ManualClock
from assistant.engine.outcome import AskedQuestion
from assistant.records.keeper import DurableRecords

EVENING = datetime(2026, 12, 3, 1, 45, tzinfo=UTC)
"""7:45 pm on 2 December in Chicago, already 3 December in UTC."""

UNANSWERED = "Will my sister hear the recordings of my divorce sessions?"
ANSWERED = "Who can listen to the audio afterwards?"
QUESTIONS = (AskedQuestion(UNANSWERED, None), AskedQuestion(ANSWERED, "data_use"))

CLINICIAN_ONLY = [
    UNANSWERED,
    ANSWERED,
    "For the clinician",
    "could not answer",
    "Questions the client asked",
    "Answered at the kiosk",
    "Understanding check",
    "right the first time",
    "right after 2 tries",
    "What happens to the audio?",
    "(data_use)",
    "data_use",
    "revoke)",
]
"""Words only the clinician's copy has: the questions, their labels, the check and its
results, and internal ids (the concern id, the check question id `revoke`)."""


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture(scope="module")
def mailed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """One evening signing in Chicago with two questions and an email address: for each of
    `clinician` and `client`, the mail's subject and body, and the attached PDF's text.
    Made once for the module: the tests only read it."""
    config = demo_config({"practice.time_zone": '"America/Chicago"'})
    tmp_path = tmp_path_factory.mktemp("mailed")
    keeper = DurableRecords(config, tmp_path / "data", ManualClock(EVENING))
    keeper.file(signed(EVENING, email_addr="alex.rivera@example.org", questions=QUESTIONS))
    keeper.close()
    to_clinician, to_client = maildir_messages(tmp_path / "data")
    out = {}
    for role, msg in (("clinician", to_clinician), ("client", to_client)):
        pdf = attachment(msg)
        assert pdf is not None, f"the {role} mail has its PDF"
        out[role] = (f"{msg['Subject']}\n{body(msg)}", pdf_text(pdf))
    return out


@pytest.mark.parametrize("part", ["mail", "pdf"])
def test_the_client_copy_carries_nothing_for_the_clinician_only(
    mailed: dict[str, tuple[str, str]], part: str
) -> None:
    text = mailed["client"][0 if part == "mail" else 1]
    leaked = [words for words in CLINICIAN_ONLY if words in text]
    assert leaked == [], f"the client's {part} shows {leaked}"


def test_the_clinician_copy_keeps_the_questions_and_the_check(
    mailed: dict[str, tuple[str, str]],
) -> None:
    mail, pdf = mailed["clinician"]
    for words in (UNANSWERED, ANSWERED, "For the clinician", "(data_use)", "Understanding check"):
        assert words in pdf, words
    assert UNANSWERED in mail and "Understanding check" in mail


def test_the_client_copy_is_the_signed_form_with_signature_and_audit(
    mailed: dict[str, tuple[str, str]],
) -> None:
    _, pdf = mailed["client"]
    for words in (
        "Your copy · Lakeside Counseling",
        "Consent to Record Your Sessions",
        "Your choices",
        "You can take back your consent at any time",
        "Your statement",
        "Signature",
        "Alex Rivera",
        "Audit record",
        "recording-consent/v2",
    ):
        assert words in pdf, words


@pytest.mark.parametrize("role", ["clinician", "client"])
def test_times_are_on_the_practice_clock_with_utc_in_the_audit(
    mailed: dict[str, tuple[str, str]], role: str
) -> None:
    mail, pdf = mailed[role]
    local = "2 December 2026, 7:45 pm (America/Chicago)"
    assert local in mail
    assert pdf.count(local) >= 3, "the form's date, the signature and the audit block"
    assert "2026-12-03T01:45:00Z" in pdf, "the audit block keeps the UTC time"
    for wrong in ("3 December", "UTC", "01:45"):
        assert wrong not in mail, wrong
    assert "3 December" not in pdf


def test_the_client_copy_is_sealed_and_verify_knows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    keeper = DurableRecords(demo_config(), data, ManualClock(EVENING))
    reference = keeper.file(signed(EVENING, email_addr="alex.rivera@example.org")).reference
    assert reference is not None
    copy = attachment(maildir_messages(data)[1])
    assert copy is not None
    path = tmp_path / "copy.pdf"
    path.write_bytes(copy)
    assert main(["verify", str(path), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"VALID  {reference}") and "the client's copy" in out
    keeper.revoke_as_clinician(reference, EVENING)
    keeper.close()
    assert main(["verify", str(path), "--data-dir", str(data)]) == 3
    assert capsys.readouterr().out.startswith(f"REVOKED  {reference}")


def test_without_the_attachment_setting_no_client_pdf_is_made(tmp_path: Path) -> None:
    config = demo_config({"mail.client_copy_attachment": "false"})
    keeper = DurableRecords(config, tmp_path / "data", ManualClock(EVENING))
    keeper.file(signed(EVENING, email_addr="alex.rivera@example.org"))
    kinds = [r["kind"] for r in keeper._store.all("SELECT kind FROM documents")]
    keeper.close()
    assert kinds == ["consent"]
    assert attachment(maildir_messages(tmp_path / "data")[1]) is None
