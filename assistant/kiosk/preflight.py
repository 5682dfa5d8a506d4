"""What the kiosk checks before it shows anything: a real clinician PIN, its own words, a data
folder the records can use, and fonts the PDF can embed.

Each failure is one line for the person starting the kiosk, instead of a client going through
the whole conversation to "Something went wrong while saving" (or a kiosk anyone can leave
with the PIN printed in the README).
"""

from __future__ import annotations

from pathlib import Path

from assistant.config import Config, is_demo_pin


class NotReady(RuntimeError):
    """The kiosk must not start; the message is one line naming what to fix."""


def check_pin(config: Config, source: str | None) -> None:
    """A configuration file must carry its own PIN; only the embedded demo keeps 2468."""
    if source is not None and is_demo_pin(config.kiosk.pin_hash):
        raise NotReady(
            f"{source}: kiosk.pin_hash is missing or is the public demo PIN; make your own"
            " with `consent-assistant pin` and put it in [kiosk]"
        )


def check_words() -> None:
    """The kiosk's own sentences (dialogs/kiosk.toml) load."""
    from assistant.ui.words import WordsError, check

    try:
        check()
    except WordsError as exc:
        raise NotReady(str(exc)) from None


def check_records(config: Config, data_dir: Path) -> None:
    """Open the records database and load the PDF's body font, once, now.

    Kept in one small function: the store and the font finder are being hardened elsewhere.
    """
    from assistant.records.fonts import FontMissing, characters_in, find_fonts
    from assistant.records.store import Store, StoreError

    try:
        Store(data_dir).close()
    except StoreError as exc:
        raise NotReady(f"the records cannot be opened: {exc}") from None
    try:
        fonts = find_fonts(config.pdf.font, config.pdf.cjk_font, config.pdf.symbol_font)
    except FontMissing as exc:
        raise NotReady(f"the PDF cannot be made: {exc}") from None
    if not characters_in(fonts.regular):
        raise NotReady(f"the PDF cannot be made: {fonts.regular} does not load as a font")


def check_all(config: Config, data_dir: Path, source: str | None) -> None:
    """Every check above, cheapest first; raises `NotReady` at the first failure."""
    check_words()
    check_records(config, data_dir)
    check_pin(config, source)
