"""The built question matcher, kept on disk between runs, so that only the first run waits.

Building the matcher takes several seconds: it reads some 14,000 phrasings and posts and fits
its regressions on them (`bench/bench_matcher.py` prints the time). What it builds depends only
on what it learns from (the concerns, the lexicon, the language layer's lists, the phrasings
and the posts), on the shipped model, on the libraries it computes with and on the engine's
code. So the first process that builds it keeps it in the per-user cache folder
(`paths.cache_dir`), under a fingerprint of all of those (`fingerprint.py`), and every later
process reads it back in a fraction of a second: the kiosk's warm-up or first question,
`consent-assistant ask`, the web front's start. A change to any of them gives another
fingerprint, and so another file. Nothing a client types is in it: the matcher keeps nothing
between messages.

The file is a pickle, and reading a pickle can run code. So a file is read only if it and its
folder belong to this user and no one else may write to them, and it is read by an unpickler
that looks up no name but the classes a matcher is made of (`ALLOWED`): a file that names
anything else (`os.system`, `builtins.eval`) stops being read before that name is looked up.
The content and the model are not in the file at all: it names them (a pickle's persistent
ids), and reading it takes the ones this process loaded.

Two processes that need the same matcher while it is not kept (the kiosk and the web front
started together on new content) do not both build it: the first holds a lock beside the file
while it builds (`file_lock.py`), and the other waits, then reads back what it kept.

Whatever goes wrong (no folder, a full disk, a file cut short or not ours), the matcher is
built as before and kept if it can be; no error reaches the client. Of the files in the folder
the `KEEP` last used stay; older ones are removed when a new one is written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import io
import os
import pickle
import stat
import sys
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.engine.embedder import default_embedder
from assistant.engine.file_lock import held
from assistant.engine.fingerprint import Unprintable, fingerprint

if TYPE_CHECKING:
    from assistant.engine.concerns import Concern
    from assistant.engine.heard_posts import Post
    from assistant.engine.language import Language
    from assistant.engine.lexicon import Lexicon
    from assistant.engine.matcher import Matcher
    from assistant.engine.phrasings import Phrasing

FORMAT = 1
"""The layout of a kept file; a new one gives every file another name."""

KEEP = 3
"""How many kept matchers stay in the folder (several contents on one machine)."""

BUILD_WAIT = 300.0
"""Seconds a process waits for another that is building the same matcher (about twenty on a
laptop of 2024) before it builds its own: the other may have hung."""

LIBRARIES = (
    "numpy",
    "scipy",
    "rapidfuzz",
    "tokenizers",
    "safetensors",
    "wordllama",
    "pyspellchecker",
)
"""The libraries whose version is part of the fingerprint: they compute what is kept, or ship
the model and the word list it reads."""

ALLOWED = frozenset(
    {
        *(
            (f"assistant.engine.{module}", name)
            for module, name in (
                ("analyzer", "Analyzer"),
                ("asides", "Asides"),
                ("embedder", "WordVectors"),
                ("grams", "Grams"),
                ("grams", "_Dense"),
                ("grams", "_Sparse"),
                ("lexical", "LexicalScorer"),
                ("matcher", "Matcher"),
                ("message_parts", "MessageParts"),
                ("one_sentence", "Waves"),
                ("run_on", "SentenceEnds"),
                ("semantic", "Classifier"),
                ("sentences", "SentenceKinds"),
                ("sign_offs", "SignOffs"),
                ("wording", "JointWording"),
                ("wording", "Wording"),
                ("words", "Mender"),
            )
        ),
        ("builtins", "list"),
        ("collections", "defaultdict"),
        ("numpy", "dtype"),
        ("numpy", "ndarray"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "scalar"),
        ("numpy._core.numeric", "_frombuffer"),
        ("re", "_compile"),
    }
)
"""Every name a kept matcher's file may look up: the matcher's own classes, and the few
builders of lists, numpy arrays and compiled patterns (`tests/unit/test_matcher_store.py`
checks that the shipped matcher needs no other)."""


def stored_matcher(
    concerns: Sequence[Concern],
    lexicon: Lexicon,
    language: Language,
    phrasings: Sequence[Phrasing],
    posts: Sequence[Post],
    folder: Path | None,
) -> Matcher:
    """The matcher of this content, read from `folder` if it was kept there, else built (and
    kept there, if it can be). With `folder` None, built and not kept."""
    from assistant.engine.matcher import Matcher

    embedder = default_embedder()
    named: dict[str, object] = {"lexicon": lexicon, "language": language, "embedder": embedder}
    path = None
    if folder is not None:
        try:
            with _collection_paused():
                key = fingerprint(
                    FORMAT,
                    _setting(),
                    tuple(concerns),
                    lexicon,
                    language,
                    tuple(phrasings),
                    tuple(posts),
                )
            path = folder / f"matcher-{key[:40]}.pickle"
        except (Unprintable, OSError):
            path = None
    if path is not None and (kept := _read(path, named)) is not None:
        return kept
    with contextlib.ExitStack() as stack:
        # one process builds it, the others wait and read back what it kept
        if path is not None and _lockable(path.parent):
            lock = held(path.with_suffix(".lock"), BUILD_WAIT)
            if stack.enter_context(lock) and (kept := _read(path, named)) is not None:
                return kept
        built = Matcher(concerns, lexicon, language, embedder, phrasings, posts)
        if path is not None:
            _write(path, built, named)
    return built


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's collection of reference cycles paused while the block runs, if it was on. Both
    the fingerprint and the unpickler make tens of thousands of objects (tuples, strings,
    arrays), and each few hundred of them would start a collection, which walks every object
    the process holds: about a third of reading a kept matcher back went to it (on this
    project's 2-core machine, 0.47-0.61 s -> 0.38-0.42 s). Nothing made here is garbage."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _lockable(folder: Path) -> bool:
    """Whether `folder` is there (made if need be) and ours alone, so a lock file in it is."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return _ours(folder)
    except OSError:
        return False


def _setting() -> tuple[object, ...]:
    """What besides the content makes the matcher: Python's version, the libraries' and the
    engine's code (every module of it, as a change to any may change what is built)."""
    versions: list[str | None] = []
    for name in LIBRARIES:
        try:
            versions.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            versions.append(None)
    return (tuple(sys.version_info[:3]), tuple(versions), _CODE)


def _code() -> str:
    """The engine's code, hashed: every module of it as this process loaded it."""
    code = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        code.update(module.name.encode() + b"\0" + module.read_bytes())
    return code.hexdigest()


_CODE = _code()
"""Worked out once, when the engine is loaded, not when a matcher is kept: a process still
running the old code after the files were replaced (an update while the kiosk runs) would
otherwise keep its matcher under the new code's fingerprint, and the next process, running the
new code, would read back an object of the old classes (found when a file changed during a
test run: "'SignOffs' object has no attribute '_end_words'")."""


def _names(named: dict[str, object]) -> dict[int, tuple[str, str | None]]:
    """The objects the file names instead of holding: each of `named`, and each of their
    fields' values (the analyzer keeps the lexicon's `irregular`, say), by identity."""
    ids: dict[int, tuple[str, str | None]] = {}
    for name, root in named.items():
        ids[id(root)] = (name, None)
        for field in _field_names(root):
            value = getattr(root, field)
            if not isinstance(value, (str, int, float, bool, type(None))):
                ids.setdefault(id(value), (name, field))
    return ids


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BufferedWriter, named: dict[str, object]) -> None:
        super().__init__(file, protocol=5)
        self._ids = _names(named)

    def persistent_id(self, obj: Any) -> tuple[str, str | None] | None:
        return self._ids.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BufferedReader, named: dict[str, object]) -> None:
        super().__init__(file)
        self._named = named

    def persistent_load(self, pid: Any) -> object:
        if not (isinstance(pid, tuple) and len(pid) == 2 and pid[0] in self._named):
            raise pickle.UnpicklingError(f"names nothing known: {pid!r}")
        root = self._named[pid[0]]
        if pid[1] is None:
            return root
        field = pid[1]
        if not isinstance(field, str) or field not in _field_names(root):
            raise pickle.UnpicklingError(f"names nothing known: {pid!r}")
        return getattr(root, field)

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a matcher")
        return super().find_class(module, name)


def _field_names(root: object) -> list[str]:
    """The fields of a named object (a dataclass's, or any object's attributes)."""
    if dataclasses.is_dataclass(root):
        return [f.name for f in dataclasses.fields(root)]
    return list(vars(root))


def _ours(path: Path) -> bool:
    """Whether `path` is ours alone: owned by this user, writable by no one else."""
    info = path.lstat()
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path, named: dict[str, object]) -> Matcher | None:
    """The matcher kept at `path`, or None (no file, not ours, not a matcher, cut short...).
    A file of ours that holds no matcher is removed; any other is left for `_write` to
    replace."""
    from assistant.engine.matcher import Matcher

    try:
        if not path.is_file():
            return None
        if not (_ours(path.parent) and _ours(path)) or path.is_symlink():
            return None
        with path.open("rb") as file, _collection_paused():
            kept = _Unpickler(file, named).load()
        if not isinstance(kept, Matcher):
            raise pickle.UnpicklingError("not a matcher")
        with contextlib.suppress(OSError):  # a read-only folder: read, just not marked
            os.utime(path)  # last used now: the files kept longest are the ones in use
        return kept
    except OSError:
        return None
    except Exception:  # a file cut short or not a matcher's: any error pickle may raise
        _remove(path)
        return None


def _write(path: Path, matcher: Matcher, named: dict[str, object]) -> None:
    """Keep `matcher` at `path` (written aside and renamed, so no reader sees half a file),
    and remove the files in its folder beyond the `KEEP` last used. Failing is no error."""
    spare = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            _Pickler(file, named).dump(matcher)
        os.replace(spare, path)
        kept = sorted(path.parent.glob("matcher-*.pickle"), key=lambda p: -p.stat().st_mtime)
        for old in kept[KEEP:]:
            _remove(old)
            _remove(old.with_suffix(".lock"))
    except (OSError, pickle.PicklingError, TypeError):  # TypeError: a part pickle cannot take
        _remove(spare)


def _remove(path: Path) -> None:
    """Remove `path` if it can be (a file half written, or one that is no matcher)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
