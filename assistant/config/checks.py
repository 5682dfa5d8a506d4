"""The checks a loaded configuration must pass beyond its types: mail headers, the records'
folder and keys, the seal and FHIR settings, kiosk times, the PIN hash and font files. Each
failure is one line naming the key, at load, instead of later in front of a client."""

from __future__ import annotations

import math
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from assistant.config.model import Config, ConfigError
from assistant.config.pin import pin_hash_problem
from assistant.facts import problems


def validate(config: Config) -> Config:
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
LONGEST_TIMEOUT = 600.0
"""No network wait is longer than ten minutes."""


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
