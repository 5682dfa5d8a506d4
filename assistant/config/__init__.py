"""Typed settings for one practice, loaded from TOML, with an embedded demo default.

`model.py` holds the settings (each field with a one-line description used in error messages and
in `docs/configuration.md`), `loading.py` reads TOML strictly, `checks.py` checks what types
cannot, and `pin.py` hashes and checks the clinician PIN.
"""

from assistant.config.checks import validate
from assistant.config.loading import demo_config_text, load_config, parse_config, with_overrides
from assistant.config.model import (
    Clinician,
    Config,
    ConfigError,
    Fhir,
    Kiosk,
    Mail,
    Pdf,
    Practice,
    Safety,
    Seal,
    Storage,
    Tool,
    env_password,
)
from assistant.config.pin import DEMO_PIN, check_pin, hash_pin, is_demo_pin, pin_hash_problem

__all__ = [
    "DEMO_PIN",
    "Clinician",
    "Config",
    "ConfigError",
    "Fhir",
    "Kiosk",
    "Mail",
    "Pdf",
    "Practice",
    "Safety",
    "Seal",
    "Storage",
    "Tool",
    "check_pin",
    "demo_config_text",
    "env_password",
    "hash_pin",
    "is_demo_pin",
    "load_config",
    "parse_config",
    "pin_hash_problem",
    "validate",
    "with_overrides",
]
