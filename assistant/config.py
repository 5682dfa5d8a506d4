"""Typed settings for one practice, loaded from TOML, with an embedded demo default.

Every field carries a one-line description (the `doc` metadata) used in error messages and in
`docs/configuration.md`. Loading is strict: an unknown key or a value of the wrong kind stops
with one line naming the key and what is allowed, never a traceback.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import secrets
import tomllib
import types
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from assistant.facts import Facts, FactsView, problems
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


# ---------------------------------------------------------------- loading


def _kind(tp: Any) -> str:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        kinds = [_kind(a) for a in get_args(tp)]
        return ", or ".join(kinds)
    if origin is Literal:
        if len(get_args(tp)) == 1:
            return repr(get_args(tp)[0])
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number of 0 or more"
    if tp is float:
        return "a number"
    if tp is str:
        return "text"
    return str(tp)


def _convert(value: Any, tp: Any, key: str) -> Any:
    origin = get_origin(tp)
    if origin is Literal:
        if value in get_args(tp):
            return value
        raise ConfigError(f"{key} must be {_kind(tp)}, not {value!r}")
    if origin is tuple:
        (item_tp, _) = get_args(tp)
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not value:
            raise ConfigError(f"{key} must be a non-empty list of tables ([[{key}]])")
        return tuple(_convert(v, item_tp, f"{key}[{i}]") for i, v in enumerate(value))
    if origin in (Union, types.UnionType):  # a fact: a value, or "unknown"
        for arm in get_args(tp):
            try:
                return _convert(value, arm, key)
            except ConfigError:
                continue
        raise ConfigError(f"{key} must be {_kind(tp)}, not {value!r}")
    if is_dataclass(tp):
        if not isinstance(value, dict):
            raise ConfigError(f"{key} must be a table ([{key}])")
        return _build(tp, value, key)
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise ConfigError(f"{key} must be a whole number of 0 or more, not {value!r}")
    elif tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return float(value)
        raise ConfigError(f"{key} must be a number above 0, not {value!r}")
    elif tp is str and isinstance(value, str):
        return value
    raise ConfigError(f"{key} must be {_kind(tp)}, not {value!r}")


MOVED = {
    "tool.hipaa": "facts.baa_signed",
    "tool.encrypted": "facts.encrypted",
    "tool.audio_retention_days": "facts.audio_kept_days",
    "tool.notes_location": "facts.notes_location",
    "tool.notes_reviewed_by_clinician": "facts.clinician_reviews",
    "tool.trains_ai_on_sessions": "facts.train_ai",
    "tool.sells_data": "facts.sells_data",
    "tool.vendor_staff_listen": "facts.vendor_staff_listen",
    "tool.client_summary": "facts.summary_delivery",
    "tool.supervision": "facts.supervision",
    "tool.pseudonyms": "facts.pseudonyms",
    "legal": "[facts] (audio_kept_days, transcript_kept_days, notes_location)",
}
"""Keys of earlier configurations and where their facts live now (named in the error)."""


def _build(cls: Any, data: dict[str, Any], prefix: str = "") -> Any:
    """Build `cls` from a table; every mistake in the table is reported, one line each."""
    hints = get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    errors: list[str] = []
    for key, value in data.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if key not in known:
            if dotted in MOVED:
                errors.append(f"'{dotted}' moved to {MOVED[dotted]} (see the demo configuration)")
                continue
            allowed = ", ".join(sorted(known))
            errors.append(f"unknown key '{dotted}' (allowed here: {allowed})")
            continue
        try:
            kwargs[key] = _convert(value, hints[key], dotted)
        except ConfigError as exc:
            errors.append(str(exc))
    for name, f in known.items():
        if name not in kwargs and f.default is MISSING and f.default_factory is MISSING:
            dotted = f"{prefix}.{name}" if prefix else name
            errors.append(f"missing key '{dotted}': {f.metadata.get('doc', '')}")
    if errors:
        raise ConfigError("\n".join(errors))
    return cls(**kwargs)


def _validate(config: Config) -> Config:
    mistakes = problems(config.facts)
    if mistakes:
        raise ConfigError("\n".join(mistakes))
    for i, c in enumerate(config.clinicians):
        if not c.name.strip():
            raise ConfigError(f"clinicians[{i}].name must not be empty")
        if "@" not in c.email or any(ch in c.email for ch in " \r\n,;<>"):
            raise ConfigError(f"clinicians[{i}].email must be one email address, not {c.email!r}")
    if not config.practice.name.strip():
        raise ConfigError("practice.name must not be empty")
    if "@" not in config.safety.alert_email or any(
        ch in config.safety.alert_email for ch in " \r\n,;<>"
    ):
        raise ConfigError(
            f"safety.alert_email must be one email address, not {config.safety.alert_email!r}"
        )
    _validate_kiosk(config)
    if config.mail.mode == "smtp" and not config.mail.host:
        raise ConfigError("mail.host must be set when mail.mode is 'smtp'")
    _validate_records(config)
    return config


def _header_safe(value: str) -> bool:
    """True for one plain email address: no control characters, spaces or list separators."""
    return (
        value.count("@") == 1
        and not any(ord(ch) < 32 or ord(ch) == 127 for ch in value)
        and not any(ch in value for ch in ' ,;<>"\\')
        and all(value.split("@"))
    )


def _validate_records(config: Config) -> None:
    """The values the records and mail use, checked now rather than at the first send."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    mail = config.mail
    if not 1 <= mail.port <= 65535:
        raise ConfigError(f"mail.port must be from 1 to 65535, not {mail.port}")
    if not math.isfinite(mail.timeout_seconds) or mail.timeout_seconds > 600:
        raise ConfigError(
            f"mail.timeout_seconds must be a number of seconds up to 600,"
            f" not {mail.timeout_seconds}"
        )
    if not _header_safe(mail.sender):
        raise ConfigError(f"mail.sender must be one plain email address, not {mail.sender!r}")
    if mail.alert_to and not _header_safe(mail.alert_to):
        raise ConfigError(f"mail.alert_to must be one plain email address, not {mail.alert_to!r}")
    if any(ord(ch) < 32 for ch in mail.host + mail.username + mail.password_env):
        raise ConfigError("mail.host, mail.username and mail.password_env must be one line each")
    zone = config.practice.time_zone
    try:
        if not zone or zone != zone.strip() or ".." in zone or zone.startswith("/"):
            raise ValueError(zone)
        ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError, OSError):
        raise ConfigError(
            f"practice.time_zone must be an IANA time zone such as 'America/Chicago', not {zone!r}"
        ) from None
    seal = config.seal
    if bool(seal.cert) != bool(seal.key):
        raise ConfigError("seal.cert and seal.key must be set together (or both left empty)")
    if seal.timestamp_url and not seal.timestamp_url.startswith(("http://", "https://")):
        raise ConfigError(
            f"seal.timestamp_url must start with http:// or https://, not {seal.timestamp_url!r}"
        )
    if not math.isfinite(seal.timestamp_timeout_seconds) or seal.timestamp_timeout_seconds > 120:
        raise ConfigError("seal.timestamp_timeout_seconds must be a number of seconds up to 120")
    system = config.fhir.client_id_system
    if system and (":" not in system or any(ch.isspace() for ch in system)):
        raise ConfigError(f"fhir.client_id_system must be a URI, not {system!r}")


# ---------------------------------------------------------------- kiosk, timeouts and fonts
# One block, so that other checks (mail) can grow beside it without touching it. Everything
# here fails at load with one line, instead of later in front of a client.

KIOSK_SECONDS = {
    "idle_seconds": (10, 3600),
    "warning_seconds": (5, 600),
    "details_seconds": (3, 600),
}
"""Allowed range (inclusive) of each kiosk time, in seconds."""
PIN_ITERATIONS = (100_000, 5_000_000)
"""PBKDF2 rounds a PIN hash may use: fewer is too easy to guess offline, more too slow."""
LONGEST_TIMEOUT = 600.0
"""No network wait is longer than ten minutes."""


def pin_hash_problem(stored: str) -> str | None:
    """What is wrong with a `kiosk.pin_hash` value, or None when it can be checked."""
    import base64
    import binascii

    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != "pbkdf2_sha256":
        return "must look like 'pbkdf2_sha256$iterations$salt$hash' (run `consent-assistant pin`)"
    _, iterations, salt, digest = parts
    low, high = PIN_ITERATIONS
    if not iterations.isdecimal() or not low <= int(iterations) <= high:
        return f"iterations must be a whole number from {low} to {high}"
    try:
        raw_salt = base64.urlsafe_b64decode(salt.encode("ascii"))
    except (binascii.Error, ValueError):
        return "salt is not base64"
    if len(raw_salt) < 8:
        return "salt must be at least 8 bytes"
    if len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
        return "hash must be 64 lower-case hex digits"
    return None


def font_problem(path: str) -> str | None:
    """What is wrong with a configured font file, or None when it loads as a TrueType or
    OpenType font with a character map. fontTools is imported only when a path is set."""
    file = Path(path).expanduser()
    if not file.is_file():
        return "no such file"
    try:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        with TTFont(str(file), fontNumber=0, lazy=True) as font:
            if not font.getBestCmap():
                return "the font has no character map"
    except Exception:
        return "not a TrueType or OpenType font"
    return None


def _floats(node: Any, prefix: str) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    for f in fields(node):
        value = getattr(node, f.name)
        key = f"{prefix}.{f.name}" if prefix else f.name
        if is_dataclass(value) and not isinstance(value, type):
            found += _floats(value, key)
        elif isinstance(value, float):
            found.append((key, value))
    return found


def _validate_kiosk(config: Config) -> None:
    for key, value in _floats(config, ""):
        if not math.isfinite(value) or value <= 0:
            raise ConfigError(f"{key} must be a finite number above 0, not {value!r}")
        if key.endswith("timeout_seconds") and value > LONGEST_TIMEOUT:
            raise ConfigError(f"{key} must be at most {LONGEST_TIMEOUT:g} seconds")
    for name, (low, high) in KIOSK_SECONDS.items():
        seconds = getattr(config.kiosk, name)
        if not low <= seconds <= high:
            raise ConfigError(f"kiosk.{name} must be from {low} to {high} seconds, not {seconds}")
    problem = pin_hash_problem(config.kiosk.pin_hash)
    if problem:
        raise ConfigError(f"kiosk.pin_hash: {problem}")
    for name in ("font", "cjk_font", "symbol_font"):
        path = getattr(config.pdf, name)
        if path and (problem := font_problem(path)):
            raise ConfigError(f"pdf.{name} = {path!r}: {problem}")


def parse_config(text: str, source: str = "config") -> Config:
    """Build a Config from TOML text; errors name `source` and the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML ({exc})") from None
    try:
        return _validate(_build(Config, data))
    except ConfigError as exc:
        lines = str(exc).splitlines()
        raise ConfigError("\n".join(f"{source}: {line}" for line in lines)) from None


def demo_config_text() -> str:
    """The embedded demo configuration (also the documented example of every key)."""
    return resources.files("assistant").joinpath("demo_config.toml").read_text("utf-8")


def load_config(path: str | Path | None = None) -> Config:
    """Load the TOML file at `path`, or the embedded demo configuration when `path` is None."""
    if path is None:
        return parse_config(demo_config_text(), "demo configuration")
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read the configuration ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: the configuration is not UTF-8 text") from None
    return parse_config(text, str(p))


def with_overrides(config: Config, overrides: dict[str, str]) -> Config:
    """Apply `section.key = value` overrides (as transcripts' `@config` lines give them)."""
    data: dict[str, Any] = {}
    for dotted, raw in overrides.items():
        section, _, key = dotted.partition(".")
        try:
            value: Any = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        if section == "clinicians":
            raise ConfigError("clinicians cannot be overridden one key at a time")
        data.setdefault(section, {})[key] = value
    merged: dict[str, Any] = {}
    for f in fields(Config):
        current = getattr(config, f.name)
        if f.name in data:
            if not is_dataclass(current):
                raise ConfigError(f"unknown key '{f.name}'")
            hints = get_type_hints(type(current))
            changes = {}
            for key, value in data[f.name].items():
                if key not in hints:
                    moved = MOVED.get(f"{f.name}.{key}")
                    where = f" (moved to {moved})" if moved else ""
                    raise ConfigError(f"unknown key '{f.name}.{key}'{where}")
                changes[key] = _convert(value, hints[key], f"{f.name}.{key}")
            merged[f.name] = replace(current, **changes)  # type: ignore[type-var]
    unknown = set(data) - {f.name for f in fields(Config)}
    if unknown:
        raise ConfigError(f"unknown key '{sorted(unknown)[0]}'")
    return _validate(replace(config, **merged))


# ---------------------------------------------------------------- the clinician PIN

_PIN_ITERATIONS = 200_000


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = _PIN_ITERATIONS) -> str:
    """A salted PBKDF2 hash of `pin`, in the form stored as `kiosk.pin_hash`."""
    import base64

    salt = salt or secrets.token_bytes(12)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    encoded_salt = base64.urlsafe_b64encode(salt).decode("ascii")
    return f"pbkdf2_sha256${iterations}${encoded_salt}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash (constant-time comparison)."""
    import base64

    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        raw_salt = base64.urlsafe_b64decode(salt.encode("ascii"))
        got = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), raw_salt, int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


DEMO_PIN = "2468"
"""The PIN of the embedded demo configuration; the README publishes it."""


def is_demo_pin(stored: str) -> bool:
    """True when `stored` is the demo hash, or any hash of the demo PIN."""
    return stored == Kiosk().pin_hash or check_pin(DEMO_PIN, stored)


def env_password(mail: Mail) -> str | None:
    """The SMTP password from the environment variable the configuration names."""
    return os.environ.get(mail.password_env) or None
