"""Configuration: the demo loads, every key is documented, bad files give one clear line."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from assistant.config import (
    Config,
    ConfigError,
    check_pin,
    hash_pin,
    load_config,
    parse_config,
    with_overrides,
)


def test_demo_config_loads() -> None:
    config = load_config()
    assert config.practice.name
    assert config.clinicians[0].email.endswith("@example.org")
    assert check_pin("2468", config.kiosk.pin_hash)
    assert not check_pin("2469", config.kiosk.pin_hash)


def test_every_field_is_documented() -> None:
    def walk(cls: type) -> list[str]:
        missing = []
        for f in fields(cls):
            if not f.metadata.get("doc"):
                missing.append(f"{cls.__name__}.{f.name}")
            tp = f.type if isinstance(f.type, type) else None
            if tp is not None and is_dataclass(tp):
                missing += walk(tp)
        return missing

    assert walk(Config) == []


def test_every_demo_key_is_commented() -> None:
    from assistant.config import demo_config_text

    lines = demo_config_text().splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.startswith("#") and not line.startswith("["):
            before = lines[i - 1].strip()
            assert before.startswith("#") or "=" in before or before.startswith("["), line


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[tool]\nnmae = 'x'\n", "unknown key 'tool.nmae'"),
        ("[kiosk]\nidle_seconds = 'soon'\n", "kiosk.idle_seconds must be a whole number"),
        ("[mail]\nmode = 'pigeon'\n", "mail.mode must be one of 'outbox', 'smtp'"),
        ("[[clinicians]]\nname = 'A'\nemail = 'not-an-email'\n", "clinicians[0].email"),
        ("[[clinicians]]\nname = 'A'\n", "missing key 'clinicians[0].email'"),
        ("colour = 'blue'\n", "unknown key 'colour'"),
        ("[tool\n", "not valid TOML"),
        ("[facts]\nbaa_signed = 'yes'\n", "facts.baa_signed must be true or false, or 'unknown'"),
        ("[facts]\naudio_kept_days = -3\n", "facts.audio_kept_days must be a whole number of 0"),
        ("[facts]\nsummary_delivery = 'fax'\n", "facts.summary_delivery must be one of 'portal'"),
        ("[facts]\nhosting = ''\n", "facts.hosting must not be empty"),
        ("[facts]\nsupervision = 'recordings'\naudio_kept_days = 0\n", "contradicts"),
        ("[tool]\nhipaa = true\n", "'tool.hipaa' moved to facts.baa_signed"),
        ("[legal]\n", "'legal' moved to [facts]"),
    ],
)
def test_bad_config_names_the_key(text: str, needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(text, "clinic.toml")
    assert needle in str(err.value)
    assert str(err.value).startswith("clinic.toml: ")
    assert "\n" not in str(err.value)


def test_several_clinicians() -> None:
    config = parse_config(
        "[[clinicians]]\nname='Dr. A'\nemail='a@example.org'\n"
        "[[clinicians]]\nname='Dr. B'\nemail='b@example.org'\n"
    )
    assert [c.name for c in config.clinicians] == ["Dr. A", "Dr. B"]


def test_overrides() -> None:
    config = with_overrides(
        load_config(), {"practice.name": "Harbor Therapy", "kiosk.idle_seconds": "60"}
    )
    assert config.practice.name == "Harbor Therapy"
    assert config.kiosk.idle_seconds == 60
    with pytest.raises(ConfigError):
        with_overrides(load_config(), {"practice.nope": "1"})


def test_pin_hash_round_trip() -> None:
    stored = hash_pin("9753")
    assert check_pin("9753", stored)
    assert not check_pin("9754", stored)
    assert not check_pin("9753", "garbage")


def test_facts_default_to_unknown_and_every_mistake_gets_its_own_line() -> None:
    from assistant.facts import Facts

    assert parse_config("").facts == Facts()  # nothing is claimed that was not configured
    assert all(v == "unknown" for v in vars(Facts()).values())
    with pytest.raises(ConfigError) as err:
        parse_config(
            "[facts]\nbaa_signed = 'yes'\nsupervision = 'tapes'\nencrypted = 2\n", "clinic.toml"
        )
    lines = str(err.value).splitlines()
    assert len(lines) == 3 and all(line.startswith("clinic.toml: facts.") for line in lines)


def test_contradictory_facts_are_refused_in_one_line_naming_both() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config("[facts]\naudio_kept_days = 0\nsupervision = 'recordings'\n", "c.toml")
    assert str(err.value).count("\n") == 0
    assert "facts.supervision" in str(err.value) and "facts.audio_kept_days" in str(err.value)
    with pytest.raises(ConfigError, match="vendor_access"):
        parse_config("[facts]\nvendor_access = 'none'\nvendor_staff_listen = true\n")
    # the same facts one at a time are fine
    parse_config("[facts]\naudio_kept_days = 3\nsupervision = 'recordings'\n")
    parse_config("[facts]\nvendor_access = 'none'\nvendor_staff_listen = false\n")


def test_cli_bad_config_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[tool]\naudio_retention_days = -3\n")
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "--config", str(bad), "is it private?"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "tool.audio_retention_days" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
