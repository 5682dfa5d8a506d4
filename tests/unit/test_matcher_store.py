"""The built matcher kept on disk (`matcher_store.py`): read back the same, never trusted blindly.

Every test keeps a small matcher (four of the shipped concerns, a slice of the phrasings and
posts: it builds in well under a second) in a folder of its own, except the round trip of the
shipped one.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import assistant.engine.matcher_store as matcher_store
from assistant.engine.concerns import load_concerns
from assistant.engine.content import load_content
from assistant.engine.file_lock import held
from assistant.engine.fingerprint import Unprintable, fingerprint
from assistant.engine.heard_posts import default_posts
from assistant.engine.language import default_language
from assistant.engine.lexicon import Lexicon, default_lexicon, load_lexicon
from assistant.engine.matcher import Matcher
from assistant.engine.matcher_store import KEEP, stored_matcher
from assistant.engine.phrasings import Phrasing, default_phrasings
from assistant.paths import cache_dir, dialogs_dir

MESSAGES = (
    "is it private?",
    "can my boss see my notes",
    "where can I park my car",
    "I was told about the recording last week. I am not sure about it. Who listens to it? "
    "And how long do you keep the audio?",
    "so my counsellor said theyre trialling a note taking app from next week and i have to "
    "sign a form first what happens if i say no would i still be able to see her",
    "👍",
    "",
)
"""Short and long messages, one run on, small talk, an emoji and nothing."""
STORED = frozenset({"privacy", "deletion", "access", "decline"})
"""The concerns of the small matcher: what is kept and read back is the same kind of object
whatever it learnt, and with four of the twenty-two the store's twenty or so builds take less
than half as long (about 0.9 s of CPU each here, against 2.1 s with all of them)."""


@dataclasses.dataclass
class Small:
    """What a small matcher is built from, and how many times one was built."""

    phrasings: tuple[Phrasing, ...]
    builds: int = 0

    def matcher(self, folder: Path | None, lexicon: Lexicon | None = None) -> Matcher:
        return stored_matcher(
            tuple(c for c in load_concerns() if c.id in STORED),
            lexicon or default_lexicon(),
            default_language(),
            self.phrasings,
            default_posts()[::60],
            folder,
        )


@dataclasses.dataclass(frozen=True)
class Kept:
    """A small matcher's file, kept once for the module, and how that matcher answers."""

    name: str
    data: bytes
    answers: list[object]

    def into(self, folder: Path) -> Path:
        """The file, copied into `folder` (made ours alone) as the store writes it."""
        folder.mkdir(mode=0o700)
        path = folder / self.name
        path.write_bytes(self.data)
        path.chmod(0o600)
        return path


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> Kept:
    folder = tmp_path_factory.mktemp("kept")
    built = Small(default_phrasings()[::40]).matcher(folder)
    (path,) = kept_files(folder)
    return Kept(path.name, path.read_bytes(), answers(built))


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> Small:
    """A small matcher's inputs; `builds` counts the matchers built (not read back)."""
    kept = Small(default_phrasings()[::40])
    build = Matcher.__init__

    def counted(self: Matcher, *args: object, **kwargs: object) -> None:
        kept.builds += 1
        build(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Matcher, "__init__", counted)
    return kept


def answers(matcher: Matcher) -> list[object]:
    return [(matcher.match(m), matcher.scores(m)) for m in MESSAGES]


def kept_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("matcher-*.pickle"))


def test_the_first_process_builds_and_keeps_the_next_reads_back(
    small: Small, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    built = small.matcher(folder)
    assert small.builds == 1
    (kept,) = kept_files(folder)
    assert kept.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    read = small.matcher(folder)
    assert small.builds == 1  # read back, not built
    assert read is not built
    assert answers(read) == answers(built)


def test_two_at_once_build_one_and_the_other_reads_it_back(small: Small, tmp_path: Path) -> None:
    # the kiosk and the web front started together on new content: one builds, one waits
    folder = tmp_path / "cache"
    got: list[Matcher] = []
    both = [threading.Thread(target=lambda: got.append(small.matcher(folder))) for _ in "ab"]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join()
    assert small.builds == 1 and len(got) == 2
    assert answers(got[0]) == answers(got[1])
    assert len(kept_files(folder)) == 1


def test_a_build_held_up_too_long_is_not_waited_for(
    small: Small, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    small.matcher(folder)
    (kept,) = kept_files(folder)
    kept.unlink()
    monkeypatch.setattr(matcher_store, "BUILD_WAIT", 0.2)
    with held(kept.with_suffix(".lock"), 0) as other:  # another process, stuck while building
        assert other
        small.matcher(folder)
    assert small.builds == 2
    assert kept_files(folder) == [kept]


def test_other_content_is_kept_apart(small: Small, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    small.matcher(folder)
    small.phrasings = (*small.phrasings, Phrasing("privacy", "will the robot keep my secrets"))
    small.matcher(folder)
    assert small.builds == 2
    assert len(kept_files(folder)) == 2


def test_a_word_for_word_copy_of_the_content_reads_back_what_the_original_kept(
    small: Small, tmp_path: Path
) -> None:
    # A clinic's own copy of dialogs/ names another file in its error messages, and nothing
    # else differs: the matcher the original kept is read back, not built again. An edit of
    # the copy is other content.
    folder = tmp_path / "cache"
    small.matcher(folder)
    copy = tmp_path / "clinic" / "dialogs"
    shutil.copytree(dialogs_dir(), copy)
    lexicon = load_lexicon(copy / "lexicon.toml")
    assert lexicon.source != default_lexicon().source
    small.matcher(folder, lexicon)
    assert small.builds == 1
    lexicon_file = copy / "lexicon.toml"
    text = lexicon_file.read_text("utf-8")
    assert '\ndelete = ["' in text
    lexicon_file.write_text(text.replace('\ndelete = ["', '\ndelete = ["yeet", "'), "utf-8")
    small.matcher(folder, load_lexicon(lexicon_file))
    assert small.builds == 2
    assert len(kept_files(folder)) == 2


def test_without_a_folder_or_with_one_that_cannot_be_made_it_is_built(
    small: Small, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for folder in (None, blocker / "cache"):
        matcher = small.matcher(folder)
        assert matcher.match("is it private?").concern == "privacy"
    assert small.builds == 2
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize(
    "spoilt",
    [b"", b"\x80\x05not a pickle at all", b"\x00\xff" * 1000, "cut"],
    ids=["empty", "garbage", "bytes", "cut short"],
)
def test_a_spoilt_file_is_replaced(
    small: Small, kept: Kept, tmp_path: Path, spoilt: bytes | str
) -> None:
    path = kept.into(tmp_path / "cache")
    path.write_bytes(kept.data[: len(kept.data) // 2] if spoilt == "cut" else spoilt)  # type: ignore[arg-type]
    assert answers(small.matcher(path.parent)) == kept.answers
    assert small.builds == 1
    assert path.read_bytes() == kept.data  # written again
    small.matcher(path.parent)
    assert small.builds == 1


class _Runs:
    """Unpickled, would run a shell command."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (self.command,)


def test_a_file_that_names_anything_else_is_never_run(
    small: Small, kept: Kept, tmp_path: Path
) -> None:
    path = kept.into(tmp_path / "cache")
    marker = tmp_path / "ran"
    path.write_bytes(pickle.dumps(_Runs(f"touch {marker}")))
    assert answers(small.matcher(path.parent)) == kept.answers
    assert not marker.exists()
    assert small.builds == 1


def test_a_file_or_folder_others_may_write_is_not_read(
    small: Small, kept: Kept, tmp_path: Path
) -> None:
    path = kept.into(tmp_path / "cache")
    small.matcher(path.parent)
    assert small.builds == 0  # as copied: read back
    path.chmod(0o666)
    small.matcher(path.parent)
    assert small.builds == 1  # not read: built and written again, ours alone
    assert path.stat().st_mode & 0o777 == 0o600
    path.parent.chmod(0o777)
    small.matcher(path.parent)
    assert small.builds == 2


def test_only_the_last_used_files_stay(small: Small, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    old = [folder / f"matcher-{n}.pickle" for n in range(KEEP + 1)]
    for age, path in enumerate(old):
        path.write_bytes(b"an older matcher")
        os.utime(path, (1_000_000 - age, 1_000_000 - age))
    small.matcher(folder)
    left = kept_files(folder)
    assert len(left) == KEEP
    assert set(old[: KEEP - 1]) < set(left)  # the newest of the old ones stay


def test_the_shipped_matcher_is_read_back_the_same(small: Small, shipped_matcher: Matcher) -> None:
    """Every name its file looks up is allowed (else it would be built again), and it answers
    as the one this test run has. That one was built by the first process of the run that
    needed it and kept in the run's cache folder (`shared_cache`), where this reads it back:
    that a matcher read back answers as the one built is shown on a small one above, without
    building the shipped one once more (twenty seconds)."""
    content = load_content()
    inputs = (
        tuple(content.concerns.values()),
        content.lexicon,
        content.language,
        content.phrasings,
        content.posts,
    )
    read = stored_matcher(*inputs, cache_dir())
    assert small.builds == 0
    assert read is not shipped_matcher
    texts = [*MESSAGES, *(p.text for p in content.phrasings[::25])]
    texts += [p.text for p in content.posts[::10]]
    assert [read.match(t) for t in texts] == [shipped_matcher.match(t) for t in texts]


def test_a_fingerprint_is_the_same_in_every_process() -> None:
    script = (
        "from assistant.engine.content import load_content\n"
        "from assistant.engine.fingerprint import fingerprint\n"
        "c = load_content()\n"
        "print(fingerprint(tuple(c.concerns.values()), c.lexicon, c.language, c.phrasings,"
        " c.posts))\n"
    )
    prints = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(prints) == 1


def test_a_fingerprint_tells_every_change() -> None:
    concerns = load_concerns()
    first = concerns[0]
    changed = dataclasses.replace(first, examples=(*first.examples[:-1], first.examples[-1] + "?"))
    assert fingerprint(concerns) != fingerprint((changed, *concerns[1:]))
    assert fingerprint(("ab", "c")) != fingerprint(("a", "bc"))
    assert fingerprint({"b", "a"}) == fingerprint(frozenset({"a", "b"}))
    assert fingerprint(1) != fingerprint(True) != fingerprint(1.0)
    with pytest.raises(Unprintable):
        fingerprint(object())


def test_a_fingerprint_tells_every_change_in_many_records() -> None:
    # phrasings and posts, thousands of one dataclass, are printed as one JSON text
    said = default_phrasings()[:50]
    last = said[-1]
    assert fingerprint(said) == fingerprint(list(said))
    for changed in (
        dataclasses.replace(last, text=last.text + " "),
        dataclasses.replace(last, concern=None),
        dataclasses.replace(last, concern="None"),
    ):
        assert fingerprint(said) != fingerprint((*said[:-1], changed))
    assert fingerprint(said) != fingerprint(said[:-1])
    assert fingerprint(said[:1]) != fingerprint(said[0])
    # a record of other values, or records of two kinds, are printed one by one as before
    odd = (*said[:-1], dataclasses.replace(last, text=("not", "a", "string")))  # type: ignore[arg-type]
    assert fingerprint(odd) != fingerprint(said)
    posts = default_posts()[:3]
    assert fingerprint((*said, *posts)) != fingerprint((*posts, *said))


def test_reading_back_pauses_the_collection_of_cycles_and_leaves_it_as_it_was(
    small: Small, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    small.matcher(folder)  # built and kept
    collecting: list[bool] = []
    load = matcher_store._Unpickler.load

    def watched(self: matcher_store._Unpickler) -> object:
        collecting.append(gc.isenabled())
        return load(self)

    monkeypatch.setattr(matcher_store._Unpickler, "load", watched)
    assert gc.isenabled()
    small.matcher(folder)  # read back, with the collection paused while it reads
    assert collecting == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        small.matcher(folder)
        assert not gc.isenabled()  # not turned on by the reading
    finally:
        gc.enable()


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "consent-assistant"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for ignored in ("", "relative/cache"):  # a relative path is ignored, as XDG says
        monkeypatch.setenv("XDG_CACHE_HOME", ignored)
        assert cache_dir() == tmp_path / "home" / ".cache" / "consent-assistant"


def test_a_kept_file_that_cannot_be_marked_used_is_still_read(
    small: Small, kept: Kept, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a read-only folder the file is read back all the same (marking it used fails)."""
    path = kept.into(tmp_path / "cache")

    def read_only(*args: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(os, "utime", read_only)
    assert answers(small.matcher(path.parent)) == kept.answers
    assert small.builds == 0


def test_the_code_is_read_once_when_the_engine_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's code is hashed when it is loaded, not each time a matcher is kept: a process
    still running the old code after an update must not keep its matcher under the new code's
    fingerprint (the next process would read back objects of the old classes)."""
    from assistant.engine import matcher_store

    before = matcher_store._setting()

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self.name} was read again")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert matcher_store._setting() == before
