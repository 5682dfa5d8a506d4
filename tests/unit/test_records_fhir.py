"""`fhir REFERENCE` and `fhir --all`: FHIR R4 Consent resources that `fhir.resources` accepts
(its R4B Consent is the R4 one), built from the event log, naming the sealed PDF exactly."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.consent import Consent
from records_support import attachment, demo_config, ended, maildir_messages, signed

from assistant.cli import main
from assistant.clock import ManualClock
from assistant.config import Config
from assistant.records.keeper import DurableRecords


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def fhir(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["fhir", *argv])
    out = capsysbinary.readouterr().out
    return code, json.loads(out.decode("utf-8")) if code == 0 else {}


def test_a_signed_consent_is_an_active_valid_fhir_consent(
    data: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    keeper = DurableRecords(demo_config(), data, ManualClock())
    ref = keeper.file(signed(ManualClock().now(), name="Алексей Ривера")).reference
    keeper.close()
    assert ref is not None
    code, resource = fhir(capsysbinary, ref, "--data-dir", str(data))
    assert code == 0
    consent = Consent.model_validate(resource)
    assert consent.status == "active"
    assert consent.scope.coding[0].code == "patient-privacy"
    assert consent.category[0].coding[0].system == "http://loinc.org"
    assert consent.category[0].coding[0].code == "59284-0"
    assert consent.patient.display == "Алексей Ривера"
    assert consent.patient.identifier is None
    assert consent.performer[0].display == "Алексей Ривера"
    assert consent.organization[0].display == "Lakeside Counseling"
    assert consent.policyRule.coding[0].code == "OPTIN"
    assert str(consent.dateTime).startswith("2026-01-15 09:30:00")
    pdf = attachment(maildir_messages(data)[0])
    assert pdf is not None
    source = consent.sourceAttachment
    assert source.contentType == "application/pdf"
    sha1 = hashlib.sha1(pdf).digest()
    assert resource["sourceAttachment"]["hash"] == base64.b64encode(sha1).decode()
    assert source.hash == sha1  # fhir.resources decodes base64Binary
    assert source.size == len(pdf) and ref in source.title
    provision = consent.provision
    assert provision.type == "permit" and provision.period.end is None
    subs = {p.code[0].coding[0].code: p.type for p in provision.provision}
    assert subs == {"summary": "permit", "supervision": "deny"}


def test_revoked_is_inactive_with_the_date_and_declined_is_rejected(
    data: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    clock = ManualClock()
    keeper = DurableRecords(demo_config(), data, clock)
    ref = keeper.file(signed(clock.now())).reference
    declined = keeper.file(ended("declined", clock.now(), "Jo Park")).reference
    deferred = keeper.file(ended("deferred", clock.now(), "Kim Lee")).reference
    clock.advance(86400)
    assert ref and declined and deferred
    keeper.revoke_as_clinician(ref, clock.now())
    keeper.close()
    _, revoked = fhir(capsysbinary, ref, "--data-dir", str(data))
    consent = Consent.model_validate(revoked)
    assert consent.status == "inactive"
    assert str(consent.provision.period.end).startswith("2026-01-16 09:30:00")
    _, rejected = fhir(capsysbinary, declined, "--data-dir", str(data))
    consent = Consent.model_validate(rejected)
    assert consent.status == "rejected" and consent.provision.type == "deny"
    assert consent.sourceAttachment is None and consent.policyRule.coding[0].code == "OPTOUT"
    _, proposed = fhir(capsysbinary, deferred, "--data-dir", str(data))
    assert Consent.model_validate(proposed).status == "proposed"
    _, everything = fhir(capsysbinary, "--all", "--data-dir", str(data))
    bundle = Bundle.model_validate(everything)
    assert bundle.type == "collection"
    statuses = {e.resource.id: e.resource.status for e in bundle.entry}
    assert statuses == {ref: "inactive", declined: "rejected", deferred: "proposed"}
    assert len({e.fullUrl for e in bundle.entry}) == 3


def test_the_client_id_scheme_adds_an_identifier(
    data: Path, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    system = "https://lakeside.example.org/client-email"
    config = demo_config({"fhir.client_id_system": json.dumps(system)})
    keeper = DurableRecords(config, data, ManualClock())
    ref = keeper.file(signed(ManualClock().now(), email_addr="Alex.Rivera@example.org")).reference
    keeper.close()
    assert ref is not None
    toml = tmp_path / "practice.toml"
    toml.write_text(f'[fhir]\nclient_id_system = "{system}"\n', "utf-8")
    _, resource = fhir(capsysbinary, ref, "--data-dir", str(data), "--config", str(toml))
    consent = Consent.model_validate(resource)
    assert consent.patient.identifier.system == system
    assert consent.patient.identifier.value == "alex.rivera@example.org"


def test_the_consent_json_can_ride_along_in_the_clinicians_email(data: Path) -> None:
    config: Config = demo_config({"fhir.attach_to_email": "true"})
    clock = ManualClock()
    keeper = DurableRecords(config, data, clock)
    ref = keeper.file(signed(clock.now(), email_addr="alex.rivera@example.org")).reference
    assert ref is not None
    keeper.revoke_as_clinician(ref)
    keeper.close()
    by_subject = {str(m["Subject"]): m for m in maildir_messages(data)}
    signed_mail = next(m for s, m in by_subject.items() if "Signed consent" in s)
    client_copy = next(m for s, m in by_subject.items() if "Your consent form" in s)
    revoked_mail = next(m for s, m in by_subject.items() if "stop recording" in s)
    for msg, status in ((signed_mail, "active"), (revoked_mail, "inactive")):
        (part,) = [p for p in msg.iter_attachments() if p.get_content_type().endswith("json")]
        assert part.get_content_type() == "application/fhir+json"
        assert part.get_filename() == f"consent-{ref}.fhir.json"
        assert Consent.model_validate(json.loads(part.get_content())).status == status
    assert all(not p.get_content_type().endswith("json") for p in client_copy.iter_attachments())


def test_unknown_references_and_missing_arguments_are_one_line(
    data: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    keeper = DurableRecords(demo_config(), data, ManualClock())
    keeper.file(signed(ManualClock().now()))
    keeper.close()
    assert main(["fhir", "K7QM-3XPD", "--data-dir", str(data)]) == 1
    assert main(["fhir", "--data-dir", str(data)]) == 1
    err = capsysbinary.readouterr().err.decode()
    assert "no consent with reference K7QM-3XPD" in err and "--all" in err
