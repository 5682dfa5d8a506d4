"""The transcript format of DESIGN.md: parse it and write client lines in it.

A transcript is a conversation written as `key: value` lines (see DESIGN.md). Running one is a
front's job (`assistant.replay`): the engine only knows the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CLIENT_KEYS = frozenset({"client", "clinician"})
CHECK_KEYS = frozenset({"assistant", "assistant!", "state", "concern", "record", "outbox"})
REHEARSE_KEYS = frozenset(
    {"client!", "covered", "missed", "flagged", "claims", "decision", "score"}
)
"""Expectations only `@mode rehearse` knows (see assistant/rehearsal/transcript.py)."""
ALL_KEYS = CLIENT_KEYS | CHECK_KEYS | REHEARSE_KEYS | {"wait"}
REFERENCE_TOKEN = "$REFERENCE"
"""A client line that is exactly this types the latest reference code the assistant gave."""
_WAIT = re.compile(r"^(\d{1,6}(?:\.\d{1,3})?)\s*(s|m|h)$")
MAX_WAIT_SECONDS = 7 * 24 * 3600
"""Longest `wait:` a transcript may hold (a week): far past any idle timeout."""
MAX_FILE_BYTES = 1_000_000
"""Largest transcript file read; a bigger one (or /dev/zero) is refused, not read."""
MAX_PATH = 4096
_UNITS = {"s": 1, "m": 60, "h": 3600}


class TranscriptError(ValueError):
    """A transcript that cannot be read; the message names the file and the line."""


@dataclass(frozen=True, slots=True)
class Step:
    """One `key: value` line of a transcript."""

    line: int
    key: str
    value: str


@dataclass(frozen=True)
class Transcript:
    """A parsed transcript: configuration overrides, mode and its steps in order."""

    path: str
    overrides: dict[str, str]
    steps: tuple[Step, ...]
    mode: str = "consent"
    directives: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Failure:
    """The first expectation that did not hold."""

    line: int
    expected: str
    got: str

    def describe(self, path: str) -> str:
        """A few lines a person can read: where, what was expected, what came."""
        return f"{path}:{self.line}\n  expected: {self.expected}\n  got:      {self.got}"


def parse(text: str, path: str = "<transcript>") -> Transcript:
    """Read transcript text; errors say `path:line: what is wrong`."""
    overrides: dict[str, str] = {}
    directives: dict[str, str] = {}
    steps: list[Step] = []
    mode = "consent"
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            word, _, rest = line[1:].partition(" ")
            if word == "config":
                key, eq, value = rest.partition("=")
                if not eq or not key.strip():
                    raise TranscriptError(
                        f"{path}:{number}: expected '@config section.key = value'"
                    )
                if steps:
                    raise TranscriptError(
                        f"{path}:{number}: @config must come before the first turn"
                    )
                overrides[key.strip()] = value.strip()
            elif word == "mode":
                mode = rest.strip()
            elif word:
                directives[word] = rest.strip()
            else:
                raise TranscriptError(f"{path}:{number}: '@' needs a directive name")
            continue
        key, sep, value = raw.lstrip().partition(": ")
        if not sep:
            key, sep, value = raw.strip().partition(":")
            if not sep or value.strip():
                raise TranscriptError(f"{path}:{number}: expected 'key: value', got {line[:40]!r}")
        key = key.strip()
        if key not in ALL_KEYS:
            allowed = ", ".join(sorted(ALL_KEYS))
            raise TranscriptError(f"{path}:{number}: unknown key {key!r} (allowed: {allowed})")
        if key == "wait" and (
            not _WAIT.match(value.strip()) or wait_seconds(value) > MAX_WAIT_SECONDS
        ):
            raise TranscriptError(
                f"{path}:{number}: wait needs a time like 30s, 10m or 1h, at most a week"
            )
        if key == "client":
            value = _unescape(value)
        steps.append(Step(number, key, value if key == "client" else value.strip()))
    if mode == "consent":
        for step in steps:
            if step.key in REHEARSE_KEYS:
                raise TranscriptError(f"{path}:{step.line}: {step.key!r} needs '@mode rehearse'")
    return Transcript(path, overrides, tuple(steps), mode, directives)


def _unescape(value: str) -> str:
    r"""Client lines may spell control characters as \e, \t, \xNN or \u{...} escapes."""
    if "\\" not in value:
        return value

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "\\\\":
            return "\\"
        if token == "\\e":
            return "\x1b"
        if token == "\\t":
            return "\t"
        if token == "\\n":
            return "\n"
        if token.startswith("\\x"):
            return chr(int(token[2:], 16))
        if token.startswith("\\u{"):
            code = int(token[3:-1], 16)
            return chr(code) if code <= 0x10FFFF else "\ufffd"
        if token.startswith("\\r"):
            return "\r"
        return token

    return re.sub(r"\\\\|\\e|\\t|\\n|\\r|\\x[0-9a-fA-F]{2}|\\u\{[0-9a-fA-F]{1,6}\}", sub, value)


def wait_seconds(value: str) -> float:
    """`10m` -> 600.0."""
    m = _WAIT.match(value.strip())
    if not m:
        raise ValueError(value)
    return float(m.group(1)) * _UNITS[m.group(2)]


def collect(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Every `*.transcript` file named or found below the named folders, sorted. A path that
    cannot even be looked at is yielded as it is, so `load` says what is wrong with it."""
    for p in map(Path, paths):
        try:
            is_dir = len(str(p)) <= MAX_PATH and p.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from sorted(p.rglob("*.transcript"))
        else:
            yield p


def load(path: Path) -> Transcript:
    """Parse the transcript file at `path` (UTF-8, at most MAX_FILE_BYTES, a regular file)."""
    shown = str(path) if len(str(path)) <= 200 else str(path)[:200] + "…"
    if len(str(path)) > MAX_PATH:
        raise TranscriptError(f"{shown}: the path is too long")
    try:
        if not path.is_file():
            raise TranscriptError(f"{shown}: not a transcript file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise TranscriptError(f"{shown}: cannot read ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise TranscriptError(f"{shown}: larger than {MAX_FILE_BYTES // 1000} KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TranscriptError(f"{shown}: not UTF-8 text") from None
    return parse(text, shown)


def escape(text: str) -> str:
    r"""Write client text as a `client:` value: the inverse of the escapes `parse` reads
    (a backslash doubled, anything unprintable as \u{...})."""
    out = text.replace("\\", "\\\\")
    return "".join(ch if ch.isprintable() or ch == " " else f"\\u{{{ord(ch):x}}}" for ch in out)
