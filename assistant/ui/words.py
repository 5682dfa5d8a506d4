"""The kiosk's own sentences (countdown, notices, placeholders), read from `dialogs/kiosk.toml`.

They are client-visible words, so they live with the rest of the content where a clinic can
reword them, never in Python. `$name` fields are filled with `string.Template`, which never
runs or formats anything else a clinic writes.
"""

from __future__ import annotations

import functools
from string import Template

from assistant.engine.datafile import read_toml
from assistant.paths import dialogs_dir

FILE = "kiosk.toml"
REQUIRED: dict[str, tuple[str, ...]] = {
    "idle": ("title", "countdown", "second", "seconds", "button"),
    "notice": ("sorry", "paste_cut", "details_hidden", "demo"),
    "placeholder": ("text", "name", "email", "code", "signature"),
    "reader": (
        "form_title",
        "form_button",
        "notice_title",
        "notice_button",
        "signed_title",
        "help",
        "close",
    ),
}


class WordsError(ValueError):
    """`dialogs/kiosk.toml` cannot be used; one line naming the file and the key."""


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    path = dialogs_dir() / FILE
    data = read_toml(path, "kiosk words", WordsError)
    table: dict[str, dict[str, str]] = {}
    for section, keys in REQUIRED.items():
        part = data.get(section)
        if not isinstance(part, dict):
            raise WordsError(f"{path}: missing table [{section}]")
        for key in keys:
            if not isinstance(part.get(key), str) or not part[key].strip():
                raise WordsError(f"{path}: [{section}].{key} must be non-empty text")
        table[section] = {k: v for k, v in part.items() if isinstance(v, str)}
    return table


def check() -> None:
    """Read the file now (at start-up), so a broken one stops the kiosk with one line."""
    _table()


def say(key: str, **values: object) -> str:
    """The sentence `section.key`, with `$name` fields filled from `values`."""
    section, _, name = key.partition(".")
    return Template(_table()[section][name]).safe_substitute({k: str(v) for k, v in values.items()})
