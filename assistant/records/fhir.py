"""A consent as a FHIR R4 `Consent` resource (JSON), for the practice's EHR.

Built from the event log (status, dates, choices, the PDF's hashes) plus the client's name
and email from the consents table (names are never written to events). Plain dictionaries:
no FHIR library at run time; the tests validate the output with `fhir.resources`.

- status: `active`; `inactive` once revoked (`provision.period.end` is the revocation);
  `rejected` for a decline; `proposed` for a client who wants to talk first.
- scope patient-privacy, category LOINC 59284-0, policyRule OPTIN (OPTOUT for a decline).
- provision: permit to record (collect) and write AI-drafted notes (use) for treatment, the
  clinician as primary recipient, and one sub-provision per optional choice (client summary,
  supervision), permit or deny as the client chose.
- sourceAttachment: the sealed PDF's SHA-1 (base64) and size, when the log has them.
"""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime
from typing import Any

from assistant.config import Config
from assistant.records.ledger import ConsentState

REFERENCE_SYSTEM = "urn:consent-assistant:reference"
"""The identifier system of our reference codes (`K7QM-3XPD`)."""
CHOICE_SYSTEM = "urn:consent-assistant:choice"
"""The code system of the optional choices on the form."""
_UUID_NAMESPACE = uuid.UUID("6f1d3c52-8a55-4a8e-9a43-0c6f0f1d2b7e")

STATUS = {"signed": "active", "declined": "rejected", "deferred": "proposed"}
CHOICES = {
    "summary": "A written AI summary of sessions sent to the client",
    "supervision": "Session material used in the clinician's clinical supervision",
}


def _instant(when: datetime) -> str:
    """A FHIR dateTime in UTC with seconds: `2026-01-15T09:30:00Z`."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}]}


def _person(name: str, email: str | None, config: Config) -> dict[str, Any]:
    person: dict[str, Any] = {"display": name or "(no name recorded)"}
    system = config.fhir.client_id_system
    if system and email:
        person["identifier"] = {"system": system, "value": email.lower()}
    return person


def consent_resource(
    state: ConsentState,
    config: Config,
    *,
    name: str,
    email: str | None,
    clinician_name: str,
) -> dict[str, Any]:
    """The Consent resource for one reference as its events stand now."""
    status = "inactive" if state.revoked_at is not None else STATUS[state.ending]
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": state.reference,
        "meta": {"lastUpdated": _instant(state.revoked_at or state.at)},
        "text": {
            "status": "generated",
            "div": (
                '<div xmlns="http://www.w3.org/1999/xhtml"><p>Consent to record therapy'
                f" sessions and use AI-drafted notes, reference {state.reference}: {status}."
                "</p></div>"
            ),
        },
        "identifier": [{"system": REFERENCE_SYSTEM, "value": state.reference}],
        "status": status,
        "scope": _coding(
            "http://terminology.hl7.org/CodeSystem/consentscope",
            "patient-privacy",
            "Privacy Consent",
        ),
        "category": [_coding("http://loinc.org", "59284-0", "Patient Consent")],
        "patient": _person(name, email, config),
        "dateTime": _instant(state.at),
        "performer": [_person(name, email, config)],
        "organization": [{"display": config.practice.name}],
        "policyRule": _coding(
            "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "OPTOUT" if state.ending == "declined" else "OPTIN",
            "opt-out" if state.ending == "declined" else "opt-in",
        ),
    }
    document = state.document("consent")
    if document is not None:
        attachment: dict[str, Any] = {
            "contentType": "application/pdf",
            "language": "en",
            "title": f"Consent to record sessions {state.reference}",
            "creation": _instant(document.at),
        }
        if document.sha1:
            attachment["hash"] = base64.b64encode(bytes.fromhex(document.sha1)).decode("ascii")
        if document.size is not None:
            attachment["size"] = document.size
        resource["sourceAttachment"] = attachment
    if state.ending in ("signed", "declined"):
        resource["provision"] = _provision(state, clinician_name)
    return resource


def _provision(state: ConsentState, clinician_name: str) -> dict[str, Any]:
    permit = state.ending == "signed"
    period: dict[str, str] = {"start": _instant(state.at)}
    if state.revoked_at is not None:
        period["end"] = _instant(state.revoked_at)
    actor: dict[str, Any] = {"display": clinician_name or state.clinician or "the clinician"}
    if state.clinician:
        actor["identifier"] = {"system": "urn:ietf:rfc:3986", "value": f"mailto:{state.clinician}"}
    provision: dict[str, Any] = {
        "type": "permit" if permit else "deny",
        "period": period,
        "actor": [
            {
                "role": _coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                    "PRCP",
                    "primary information recipient",
                ),
                "reference": actor,
            }
        ],
        "action": [
            _coding("http://terminology.hl7.org/CodeSystem/consentaction", "collect", "Collect"),
            _coding("http://terminology.hl7.org/CodeSystem/consentaction", "use", "Use"),
        ],
        "purpose": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                "code": "TREAT",
                "display": "treatment",
            }
        ],
    }
    subs = [
        {
            "type": "permit" if agreed else "deny",
            "code": [_coding(CHOICE_SYSTEM, choice, CHOICES[choice])],
        }
        for choice, agreed in state.choices.items()
        if choice in CHOICES and permit
    ]
    if subs:
        provision["provision"] = subs
    return provision


def bundle(resources: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    """A `collection` Bundle of Consent resources (`fhir --all`)."""
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": _instant(now),
        "entry": [
            {
                "fullUrl": f"urn:uuid:{uuid.uuid5(_UUID_NAMESPACE, str(r['id']))}",
                "resource": r,
            }
            for r in resources
        ],
    }
