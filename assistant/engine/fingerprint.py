"""A fingerprint of data: the same in every process for the same data, another for any change.

The built question matcher is kept on disk under a fingerprint of what it was built from
(`matcher_store.py`). Python's own `hash` will not do: a string's hash changes with every
process, and so does the order in which a set of strings is walked. `fingerprint` turns its
values into plain tuples of strings, numbers and the like (a dataclass into its type's name and
its fields, a mapping into its items in their order, a set into its members sorted), takes the
`repr` of that, in which every string is quoted and escaped so that no two values run together,
and returns its SHA-256. A sequence of one dataclass whose fields are strings, numbers and None
(the phrasings and the posts, thousands of them) becomes its type's name, its fields' names
and the SHA-256 of one JSON text of its rows, as exact and far quicker to write.

A dataclass field marked `UNPRINTED` (its metadata) is left out: it says where a value was
read from, not what it is (the lexicon's `source`, the file named in its error messages). A
clinic's copy of the content, the same word for word, has the same fingerprint as the original,
and reads back the matcher the original kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping, Set
from pathlib import PurePath
from types import MappingProxyType
from typing import Any

_PLAIN = (str, int, float, bool, bytes, type(None))

UNPRINTED: Mapping[str, bool] = MappingProxyType({"fingerprint": False})
"""The metadata of a dataclass field that `fingerprint` leaves out:
`field(metadata=UNPRINTED)`."""


class Unprintable(TypeError):
    """A value of a type `fingerprint` does not know: the caller builds instead of keeping."""


def fingerprint(*values: Any) -> str:
    """The SHA-256 (hex) of `values`: plain values, tuples, lists, mappings, sets,
    dataclasses, compiled patterns and paths, nested as deep as they go. Raises `Unprintable`
    on anything else."""
    text = repr(_plain(values))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_fields: dict[type, tuple[str, ...]] = {}

_JSON = frozenset({str, int, float, bool, type(None)})
"""The types whose values `json.dumps` writes one way each, as exactly as `repr`."""


def _names(kind: type) -> tuple[str, ...]:
    """The printed fields of the dataclass `kind`, in order (worked out once a type)."""
    names = _fields.get(kind)
    if names is None:
        names = _fields[kind] = tuple(
            f.name for f in dataclasses.fields(kind) if f.metadata.get("fingerprint", True)
        )
    return names


def _records(values: tuple[Any, ...] | list[Any]) -> tuple[str, str, tuple[str, ...], str] | None:
    """A sequence of one dataclass whose printed fields hold strings, numbers and None only
    (the phrasings and the posts, thousands of them): the SHA-256 of one JSON text of their
    fields, row by row, written at C speed (`_plain` and `repr`, a tuple a value, took a tenth
    of a second at each start). None for any other sequence."""
    kind = type(values[0]) if values else None
    if kind is None or not dataclasses.is_dataclass(kind):  # (a dataclass itself is a `type`)
        return None
    if not all(type(item) is kind for item in values):
        return None
    names = _names(kind)
    rows = [[getattr(item, name) for name in names] for item in values]
    if not all(type(field) in _JSON for row in rows for field in row):
        return None
    text = json.dumps(rows, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return ("j", kind.__qualname__, names, hashlib.sha256(text).hexdigest())


def _plain(value: Any) -> Any:
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, (tuple, list)):
        if all(type(item) is str for item in value):  # the common case, at C speed
            return ("l", tuple(value))
        return _records(value) or ("l", tuple(map(_plain, value)))
    kind = type(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _names(kind)
        return ("d", kind.__qualname__, tuple(_plain(getattr(value, n)) for n in names))
    if isinstance(value, Mapping):
        return ("m", tuple((_plain(k), _plain(v)) for k, v in value.items()))
    if isinstance(value, Set):
        return ("u", tuple(sorted((_plain(item) for item in value), key=repr)))
    if isinstance(value, re.Pattern):
        return ("r", value.pattern, value.flags)
    if isinstance(value, PurePath):
        return ("p", str(value))
    raise Unprintable(f"no fingerprint for a {kind.__name__}")
