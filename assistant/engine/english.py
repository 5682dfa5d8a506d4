"""Which words are English words: the guard that keeps the typo mender off real words.

The matcher mends a word it does not know towards the nearest word of its content (`Mender`,
one edit away): "insurence" is "insurance", "recroding" is "recording". But a real word the
content happens not to use is no typo, and mending it changes what the client said: "cancer"
became "cancel", "secretly" became "securely", "reassured" became "pressured" and "audit" became
"audio" (each one edit from a word the concerns use). A word of this list is left as it is.

The list is the English word-frequency table that ships inside the `pyspellchecker` wheel
(MIT; about 160,000 words counted in subtitles and books, `resources/en.json.gz`): read as a
file, nothing downloaded, the package itself never imported. Words counted fewer than
`MIN_COUNT` times are left out: the rare end of such a list holds typos too ("concent" and
"biassed" are counted 50 times, the table's floor). It is US English: "centre" or
"counselling" are not in it, and are still mended ("center", "counseling"), which changes
nothing a concern reads.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
from pathlib import Path

WORDS_PACKAGE = "spellchecker"
"""The package (distribution `pyspellchecker`) whose wheel carries the word list."""
WORDS_FILE = "resources/en.json.gz"
MIN_COUNT = 100
"""A word counted fewer times than this is not taken as a word (see above)."""


def _package_folder() -> Path | None:
    spec = importlib.util.find_spec(WORDS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def english_words() -> frozenset[str]:
    """The English words (lower case) counted at least `MIN_COUNT` times; empty when the list
    is missing or unreadable (the mender then works as it did without it). Read once per
    process, in about 60 ms."""
    folder = _package_folder()
    if folder is None:
        return frozenset()
    try:
        with gzip.open(folder / WORDS_FILE, "rt", encoding="utf-8") as f:
            counts = json.load(f)
    except (OSError, ValueError):
        return frozenset()
    if not isinstance(counts, dict):
        return frozenset()
    return frozenset(
        w for w, n in counts.items() if isinstance(n, int) and n >= MIN_COUNT and w.isalpha()
    )
