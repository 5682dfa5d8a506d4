"""The consent form and revocation notice: released text never changes, client input stays data,
and the form says everything DESIGN.md asks for, in plain words."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import textstat
from records_support import demo_config

from assistant.config import Clinician
from assistant.engine import forms
from assistant.engine.forms import FormError, render_consent_form, render_revocation
from assistant.paths import forms_dir

# The SHA-256 of every released template. A release adds a line here; a line never changes.
RELEASED = {
    "recording-consent/v1": "b158b4abeaaf801e99ed12672fa648599ef77218cac81404887e559e24e3888c",
    "recording-consent/v2": "e18d1e20726cccdcd35df170c79b9bfef256d1096b64377bc7319571d006b485",
    "revocation/v1": "58e35e10840b94e3470a98981feea59b0ae4e8af7f78263fd02cd979d64f3b41",
}

WHEN = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
SAM = Clinician(name="Dr. Sam Lee", email="sam.lee@example.org")
ALL_CHOICES = {"recording": True, "summary": True, "supervision": False}


def consent(name: str = "Alex Rivera", config_overrides: dict[str, str] | None = None) -> str:
    config = demo_config(config_overrides)
    return render_consent_form(
        config, clinician=SAM, name=name, choices=ALL_CHOICES, when=WHEN
    ).text


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    forms._versions.cache_clear()
    forms._compiled.cache_clear()


def test_every_released_template_still_has_its_released_text() -> None:
    listed = tomllib.loads((forms_dir() / "versions.toml").read_text("utf-8"))
    for form, entry in listed.items():
        assert entry["current"] in entry["released"], f"{form}: current version not released"
        for version, sha in entry["released"].items():
            key = f"{form}/{version}"
            assert key in RELEASED, f"{key} was released: add its SHA-256 to RELEASED"
            actual = hashlib.sha256((forms_dir() / form / f"{version}.j2").read_bytes()).hexdigest()
            assert actual == RELEASED[key] == sha, f"{key}: released text changed"


def test_a_changed_released_template_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "forms"
    shutil.copytree(forms_dir(), copy)
    template = copy / "recording-consent" / "v2.j2"
    template.write_text(template.read_text("utf-8").replace("You can say no.", "Say yes."))
    monkeypatch.setattr(forms, "forms_dir", lambda: copy)
    with pytest.raises(FormError, match="released"):
        consent()


def test_form_text_hash_is_of_the_exact_text() -> None:
    form = render_consent_form(
        demo_config(), clinician=SAM, name="Alex Rivera", choices=ALL_CHOICES, when=WHEN
    )
    assert form.version == "recording-consent/v2"
    assert form.sha256 == hashlib.sha256(form.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    "name",
    ["{{ 7*7 }}", "[@click=app.quit]", "{% for x in range(3) %}x{% endfor %}", "{{ config }}"],
)
def test_client_names_are_data_never_template_source(name: str) -> None:
    text = consent(f"Alex {name} Rivera")
    assert f"Client: Alex {name} Rivera" in text
    assert "49" not in text


def test_control_characters_and_escapes_never_reach_the_form() -> None:
    text = consent("Alex\x1b[31m Rivera\x07\x00")
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
    assert "Client: Alex Rivera" in text


def test_the_form_states_everything_the_design_lists() -> None:
    text = consent()
    for needed in [
        "Practice: Lakeside Counseling",
        "Clinician: Dr. Sam Lee",
        "Client: Alex Rivera",
        "15 January 2026, 4:30 am (America/New_York)",
        "What is recorded and how it is used",
        "SessionScribe",
        "Who can see it",
        "What is kept, and for how long",
        "deleted right after",
        "keeps the transcript for 30 days",
        "at least 7 years",
        "progress notes",
        "Example Cloud Hosting",
        "Example Speech Co.",
        "Example AI Model Co.",
        "never sells your data",
        "never uses your sessions to train AI",
        "the United States",
        "Risks and limits",
        "The AI can make mistakes",
        "hurt yourself or someone else",
        "Harm to a child",
        "A court can order records",
        "safe from every break-in",
        "takes notes by hand",
        "do not need your reference code",
        "You can say no",
        "take back your consent at any time",
        "Tell your clinician, use this kiosk, or call the front desk.",
        "Record my sessions and let SessionScribe turn them into text: Yes",
        "Send me a short written summary after each session in the secure client portal: Yes",
        "Let Dr. Sam Lee go over my session notes in clinical supervision (talking the work over"
        " with a senior clinician at the practice): No",
        "agree to sign electronically",
        "paper form to sign instead",
        "paper copy",
        "stop using electronic signing",
        "I have read this form",
        "HIPAA",
    ]:
        assert needed in text, needed


def test_retention_and_vendor_facts_follow_the_configuration() -> None:
    text = consent(
        config_overrides={
            "facts.audio_kept_days": "30",
            "facts.vendor_staff_listen": "true",
            "facts.train_ai": '"yes"',
        }
    )
    assert "kept for 30 days after it is turned into text. Then it is deleted." in text
    assert "deleted right after" not in text
    assert "may listen to recordings" in text
    assert "may use your sessions to train" in text


def test_an_unknown_fact_is_printed_as_unknown_never_guessed() -> None:
    from assistant.config import parse_config

    config = parse_config("")  # every fact unknown
    text = render_consent_form(
        config, clinician=SAM, name="Alex Rivera", choices={"recording": True}, when=WHEN
    ).text
    assert "How long the audio is kept: not known. Please ask Dr. Sam Lee before you sign." in text
    assert "deleted" not in text.split("Risks and limits")[0]
    assert "HIPAA business associate agreement: not known" in text


def test_only_the_choices_asked_are_listed() -> None:
    form = render_consent_form(
        demo_config(), clinician=SAM, name="Alex Rivera", choices={"recording": True}, when=WHEN
    )
    assert "Record my sessions" in form.text
    assert "summary after each session" not in form.text


def test_an_unknown_choice_is_an_error_not_a_silent_gap() -> None:
    with pytest.raises(FormError, match="telepathy"):
        render_consent_form(
            demo_config(), clinician=SAM, name="A", choices={"telepathy": True}, when=WHEN
        )


def _grade(text: str) -> float:
    # textstat's "en" syllable counter downloads a dictionary at run time; "en-US" counts with
    # the bundled hyphenation patterns instead, which needs no network.
    textstat.set_lang("en-US")
    try:
        return float(textstat.flesch_kincaid_grade(text))
    finally:
        textstat.set_lang("en_US")  # textstat's default, so other tests see no change


def test_the_forms_read_at_grade_8_or_below() -> None:
    assert _grade(consent()) <= 8
    notice = render_revocation(
        demo_config(), clinician=SAM, name="Alex Rivera", reference="K7QM-3XPD", when=WHEN
    )
    assert _grade(notice.text) <= 8


def test_revocation_notice_names_the_reference_and_what_happens() -> None:
    notice = render_revocation(
        demo_config(), clinician=SAM, name="{{ 7*7 }}", reference="K7QM-3XPD", when=WHEN
    )
    assert notice.version == "revocation/v1"
    assert "Reference: K7QM-3XPD" in notice.text
    assert "Client: {{ 7*7 }}" in notice.text
    assert "No more sessions will be recorded." in notice.text


def test_the_forms_module_loads_neither_fpdf_nor_sqlite() -> None:
    code = (
        "import sys, assistant.engine.forms as f\n"
        "bad = [m for m in ('fpdf', 'sqlite3', 'sqlite_utils') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
