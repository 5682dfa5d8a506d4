"""The settings of one practice, as typed, frozen dataclasses.

Every field carries a one-line description (the `doc` metadata) used in error messages and in
`docs/configuration.md`; `loading.py` builds these from TOML and `checks.py` checks them.
"""

from __future__ import annotations

import os
from dataclasses import MISSING, dataclass, field
from pathlib import Path
from typing import Any, Literal

from assistant.facts import Facts, FactsView
from assistant.paths import default_data_dir


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message is one line meant for a person."""


def _doc(text: str, default: Any = MISSING, factory: Any = MISSING) -> Any:
    if factory is not MISSING:
        return field(default_factory=factory, metadata={"doc": text})
    return field(default=default, metadata={"doc": text})


@dataclass(frozen=True)
class Practice:
    """The practice the client is visiting."""

    name: str = _doc("The practice's name as the client knows it.", "Lakeside Counseling")
    phone: str = _doc("A phone number clients can call about their consent.", "(555) 010-0100")
    revoke_how: str = _doc(
        "How a client can take back consent later, in one plain sentence.",
        "Tell your clinician, use this kiosk, or call the front desk.",
    )
    time_zone: str = _doc(
        "The practice's IANA time zone (e.g. 'America/Chicago'). Every time a person reads (the"
        " form, the PDFs, the emails) is shown on this clock with the zone named; audit blocks"
        " add UTC. A 'not today' request lasts until midnight here.",
        "America/New_York",
    )


@dataclass(frozen=True)
class Clinician:
    """One clinician who may ask for consent; their email receives the signed form."""

    name: str = _doc("The clinician's name as the client knows it.")
    email: str = _doc("Where signed forms and notices for this clinician's clients are sent.")


@dataclass(frozen=True)
class Tool:
    """The AI note-taking tool. What it does with recordings is in `facts`."""

    name: str = _doc("The tool's name.", "SessionScribe")


@dataclass(frozen=True)
class Safety:
    """The safety net: what a client who shows a risk of harm is told, and who is alerted."""

    crisis_line: str = _doc(
        "The crisis line the safety reply names (call or text), e.g. 988 in the US.", "988"
    )
    crisis_line_name: str = _doc(
        "What the crisis line is called, in plain words.", "the Suicide and Crisis Lifeline"
    )
    emergency_number: str = _doc("The emergency number, e.g. 911 in the US.", "911")
    alert_email: str = _doc(
        "Where the urgent 'a client at the kiosk asked for help now' message goes (the front"
        " desk). It is sent only if the client says yes, and says nothing about the client.",
        "front-desk@example.org",
    )


@dataclass(frozen=True)
class Kiosk:
    """The waiting-room kiosk."""

    idle_seconds: int = _doc(
        "Seconds without input before the kiosk asks if the client is still there.", 120
    )
    warning_seconds: int = _doc("Seconds the 'Are you still there?' countdown lasts.", 30)
    details_seconds: int = _doc(
        "Seconds a client's name, reference code and signed form stay on the last screen"
        " (the next key press or tap hides them sooner).",
        20,
    )
    pin_hash: str = _doc(
        "The clinician PIN as 'pbkdf2_sha256$iterations$salt$hash' (make one with"
        " `consent-assistant pin`). The kiosk refuses to start on the demo PIN (2468) unless"
        " it runs on the embedded demo configuration.",
        "pbkdf2_sha256$200000$ZGVtby1zYWx0LTAx$"
        "4127a17488a5e8c5d1209b80b0df929fa1da85a5af2b3e2729ba30dc87a8ecd2",
    )


@dataclass(frozen=True)
class Mail:
    """How signed forms reach the clinician."""

    mode: Literal["outbox", "smtp"] = _doc(
        "'outbox' writes messages to a Maildir folder in the data folder; 'smtp' sends them.",
        "outbox",
    )
    sender: str = _doc("The From address.", "consent-kiosk@example.org")
    host: str = _doc("SMTP server name (smtp mode).", "localhost")
    port: int = _doc("SMTP port (smtp mode).", 587)
    security: Literal["starttls", "tls", "none"] = _doc(
        "'starttls' upgrades a plain connection, 'tls' connects with TLS, 'none' for local tests.",
        "starttls",
    )
    username: str = _doc("SMTP login name; empty means no login.", "")
    password_env: str = _doc(
        "Name of the environment variable that holds the SMTP password.",
        "CONSENT_ASSISTANT_SMTP_PASSWORD",
    )
    timeout_seconds: float = _doc("Seconds to wait for the mail server.", 20.0)
    client_copy_attachment: bool = _doc(
        "True to attach the PDF to the copy sent to the client (when they give an email).", True
    )
    alert_to: str = _doc(
        "Where to report a message the mail server refused for good; empty means the"
        " clinician of that record.",
        "",
    )


@dataclass(frozen=True)
class Storage:
    """Where records live."""

    data_dir: str = _doc("The data folder; empty means the per-user default.", "")
    keep_pdf: bool = _doc("True to keep PDF bytes after they are delivered.", False)


@dataclass(frozen=True)
class Pdf:
    """The signed form's paper and font."""

    paper: Literal["letter", "a4"] = _doc("Paper size: 'letter' or 'a4'.", "letter")
    font: str = _doc("Path to a TTF font to embed; empty means search the system.", "")
    cjk_font: str = _doc("Path to a font for Chinese, Japanese and Korean; empty means search.", "")
    symbol_font: str = _doc(
        "Path to a font for emoji and symbols (e.g. Symbola); empty means search.", ""
    )


@dataclass(frozen=True)
class Seal:
    """The practice seal (a PAdES signature) on every PDF; empty paths mean a self-signed pair
    made on first use in the data folder."""

    cert: str = _doc("The practice's own certificate (PEM or DER); set together with key.", "")
    key: str = _doc("The private key of that certificate (PEM or DER).", "")
    key_passphrase_env: str = _doc(
        "Name of the environment variable holding the key's passphrase; empty means none.", ""
    )
    timestamp_url: str = _doc(
        "An RFC 3161 timestamp server (http:// or https://); empty means no timestamp.", ""
    )
    timestamp_timeout_seconds: float = _doc("Seconds to wait for the timestamp server.", 10.0)


@dataclass(frozen=True)
class Fhir:
    """The FHIR R4 Consent resources the records hand to an EHR."""

    attach_to_email: bool = _doc(
        "True to attach the Consent as JSON to the clinician's email about it.", False
    )
    client_id_system: str = _doc(
        "A URI naming the practice's client identifier scheme; when set, the Consent's patient"
        " carries the client's email address as an identifier in it.",
        "",
    )


@dataclass(frozen=True)
class Config:
    """The whole configuration of one practice's consent assistant."""

    practice: Practice = _doc("The practice.", factory=Practice)
    clinicians: tuple[Clinician, ...] = _doc(
        "One or more clinicians; with several, the client picks theirs.",
        factory=lambda: (Clinician(name="Dr. Sam Lee", email="sam.lee@example.org"),),
    )
    tool: Tool = _doc("The AI note-taking tool.", factory=Tool)
    facts: Facts = _doc(
        "What the practice and the tool's vendor do with recordings, transcripts and notes:"
        ' the only source of what the assistant claims. Each fact is set or "unknown".',
        factory=Facts,
    )
    safety: Safety = _doc("The safety net.", factory=Safety)
    kiosk: Kiosk = _doc("The kiosk.", factory=Kiosk)
    mail: Mail = _doc("Mail delivery.", factory=Mail)
    storage: Storage = _doc("Records storage.", factory=Storage)
    pdf: Pdf = _doc("The PDF.", factory=Pdf)
    seal: Seal = _doc("The practice seal on every PDF.", factory=Seal)
    fhir: Fhir = _doc("FHIR R4 Consent resources.", factory=Fhir)

    def data_path(self, override: str | Path | None = None) -> Path:
        """The data folder: `--data-dir`, else the configured one, else the per-user default."""
        if override:
            return Path(override).expanduser()
        if self.storage.data_dir:
            return Path(self.storage.data_dir).expanduser()
        return default_data_dir()

    def template_context(self) -> dict[str, Any]:
        """What content templates may see: the practice's facts, never client input."""
        return {
            "practice": self.practice,
            "clinicians": self.clinicians,
            "tool": self.tool,
            "facts": FactsView(self.facts),
            "safety": self.safety,
            "kiosk": self.kiosk,
        }


def env_password(mail: Mail) -> str | None:
    """The SMTP password from the environment variable the configuration names."""
    return os.environ.get(mail.password_env) or None
