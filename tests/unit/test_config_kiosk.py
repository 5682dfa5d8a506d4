"""Issue 11, item 7 (kiosk part) and item 2: values that used to be accepted and fail later
(an infinite timeout, a PIN hash that locks the kiosk for good, a font that is not a font)
now stop the load with one line naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import ConfigError, hash_pin, is_demo_pin, load_config, parse_config

GOOD_PIN = hash_pin("9753", salt=b"0123456789ab")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[mail]\ntimeout_seconds = inf\n", "mail.timeout_seconds must be a finite number"),
        ("[mail]\ntimeout_seconds = nan\n", "mail.timeout_seconds must be"),
        ("[mail]\ntimeout_seconds = 86400\n", "mail.timeout_seconds must be at most 600"),
        ("[kiosk]\nidle_seconds = 9\n", "kiosk.idle_seconds must be from 10 to 3600"),
        ("[kiosk]\nidle_seconds = 99999999\n", "kiosk.idle_seconds must be from 10 to 3600"),
        ("[kiosk]\nwarning_seconds = 0\n", "kiosk.warning_seconds must be from 5 to 600"),
        ("[kiosk]\ndetails_seconds = 100000\n", "kiosk.details_seconds must be from 3 to 600"),
        ('[kiosk]\npin_hash = "garbage"\n', "kiosk.pin_hash: must look like"),
        ('[kiosk]\npin_hash = "pbkdf2_sha256$10$c2FsdHNhbHQ=$' + "a" * 64 + '"\n', "iterations"),
        (
            '[kiosk]\npin_hash = "pbkdf2_sha256$99999999999$c2FsdHNhbHQ=$' + "a" * 64 + '"\n',
            "iterations",
        ),
        ('[kiosk]\npin_hash = "pbkdf2_sha256$200000$!!!$' + "a" * 64 + '"\n', "salt"),
        ('[kiosk]\npin_hash = "pbkdf2_sha256$200000$c2Fs$' + "a" * 64 + '"\n', "8 bytes"),
        ('[kiosk]\npin_hash = "pbkdf2_sha256$200000$c2FsdHNhbHQ=$abc"\n', "64 lower-case hex"),
        ('[pdf]\nfont = "/no/such/font.ttf"\n', "pdf.font = '/no/such/font.ttf': no such file"),
    ],
)
def test_values_that_would_fail_later_fail_at_load(text: str, needle: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "clinic.toml")
    message = str(caught.value)
    assert needle in message, message
    assert "\n" not in message and message.startswith("clinic.toml: ")


def test_a_file_that_is_not_a_font_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "font.ttf"
    fake.write_text("this is not a font")
    for key in ("font", "cjk_font", "symbol_font"):
        with pytest.raises(ConfigError, match=f"pdf.{key} .*not a TrueType or OpenType font"):
            parse_config(f'[pdf]\n{key} = "{fake}"\n')


def test_a_real_font_loads(tmp_path: Path) -> None:
    from assistant.records.fonts import find_fonts

    regular = find_fonts().regular
    config = parse_config(f'[pdf]\nfont = "{regular}"\n')
    assert config.pdf.font == str(regular)


def test_a_good_pin_hash_loads_and_the_demo_pin_is_recognised() -> None:
    config = parse_config(f'[kiosk]\npin_hash = "{GOOD_PIN}"\n')
    assert not is_demo_pin(config.kiosk.pin_hash)
    assert is_demo_pin(load_config().kiosk.pin_hash)
    assert is_demo_pin(hash_pin("2468"))  # a fresh salt does not make 2468 secret
