"""Loading a configuration: TOML text to typed settings, strictly (an unknown key or a value of
the wrong kind stops with one line naming the key and what is allowed, never a traceback), the
embedded demo configuration, and `section.key` overrides."""

from __future__ import annotations

import functools
import tomllib
import types
from dataclasses import MISSING, fields, is_dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from assistant.config.checks import validate
from assistant.config.model import Config, ConfigError


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


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The field types of one of the configuration's classes, worked out once (`typing` reads
    the annotations' text every time: it was half of loading a configuration)."""
    return get_type_hints(cls)


def _build(cls: Any, data: dict[str, Any], prefix: str = "") -> Any:
    """Build `cls` from a table; every mistake in the table is reported, one line each."""
    hints = _hints(cls)
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


def parse_config(text: str, source: str = "config") -> Config:
    """Build a Config from TOML text; errors name `source` and the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML ({exc})") from None
    try:
        return validate(_build(Config, data))
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
            kind: type = type(current)
            hints = _hints(kind)
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
    return validate(replace(config, **merged))
