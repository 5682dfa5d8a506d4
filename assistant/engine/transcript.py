"""The transcript format of DESIGN.md: parse it, replay it against the engine, export to it.

A transcript is a conversation written as `key: value` lines (see DESIGN.md). Replaying runs
it in a fresh temporary data folder with local-outbox delivery and a fixed clock, and stops at
the first expectation that does not hold, saying which line, what was expected and what came.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.clock import Clock, ManualClock
from assistant.config import Config, load_config, with_overrides
from assistant.engine import chart
from assistant.engine.reply import Reply

if TYPE_CHECKING:
    from assistant.records.keeper import DurableRecords

CLIENT_KEYS = frozenset({"client", "clinician"})
CHECK_KEYS = frozenset({"assistant", "assistant!", "state", "concern", "record", "outbox"})
REHEARSE_KEYS = frozenset({"client!", "covered", "missed", "flagged", "score"})
"""Expectations only `@mode rehearse` knows (see assistant/rehearsal/transcript.py)."""
ALL_KEYS = CLIENT_KEYS | CHECK_KEYS | REHEARSE_KEYS | {"wait"}
REFERENCE_TOKEN = "$REFERENCE"
"""A client line that is exactly this types the latest reference code the assistant gave."""
_WAIT = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|m|h)$")
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
        if key == "wait" and not _WAIT.match(value.strip()):
            raise TranscriptError(f"{path}:{number}: wait needs a time like 30s, 10m or 1h")
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
            return chr(int(token[3:-1], 16))
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


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


# A runner for another mode (e.g. rehearsal) registers here: mode -> function.
MODES: dict[str, Callable[[Transcript, Config, Path], Failure | None]] = {}


def run(transcript: Transcript, base: Config | None = None) -> Failure | None:
    """Replay `transcript`; None when every expectation held, else the first Failure."""
    config = with_overrides(base or load_config(), transcript.overrides)
    with tempfile.TemporaryDirectory(prefix="transcript-") as tmp:
        if transcript.mode != "consent":
            if transcript.mode == "rehearse" and "rehearse" not in MODES:
                import assistant.rehearsal.transcript  # noqa: F401  (registers the mode)
            runner = MODES.get(transcript.mode)
            if runner is None:
                return Failure(
                    0, f"a known @mode ({', '.join(['consent', *MODES])})", transcript.mode
                )
            return runner(transcript, config, Path(tmp))
        return _run_consent(transcript, config, Path(tmp))


def make_records(config: Config, data_dir: Path, clock: Clock) -> DurableRecords:
    """The durable record keeper with local-outbox delivery, as every transcript runs."""
    from assistant.records.keeper import DurableRecords

    local = dataclasses.replace(config, mail=dataclasses.replace(config.mail, mode="outbox"))
    return DurableRecords(local, data_dir, clock)


def _run_consent(transcript: Transcript, config: Config, data_dir: Path) -> Failure | None:
    from assistant.engine.conversation import Conversation

    clock = ManualClock()
    records = make_records(config, data_dir, clock)
    conversation = Conversation(config, clock=clock, records=records)
    since: list[Reply] = [conversation.start()]
    last: Reply = since[0]
    reference = ""
    for step in transcript.steps:
        if step.key == "client":
            text = step.value
            if text.strip() == REFERENCE_TOKEN:
                if not reference:
                    return Failure(step.line, "a reference code shown earlier", "none yet")
                text = reference
            last = conversation.send(text)
            reference = last.reference or reference
            since = [last]
            continue
        if step.key == "wait":
            clock.advance(wait_seconds(step.value))
            continue
        failure = check(step, since, last, records)
        if failure:
            return failure
    return None


def check(
    step: Step, since: Sequence[Reply], last: Reply, records: DurableRecords
) -> Failure | None:
    """Check one expectation line against the replies since the last client turn."""
    said = "\n".join(m for r in since for m in r.messages)
    if step.key in ("assistant", "assistant!"):
        present = _fold(step.value) in _fold(said)
        if present != (step.key == "assistant"):
            verb = "to contain" if step.key == "assistant" else "not to contain"
            return Failure(step.line, f"assistant {verb} {step.value!r}", _short(said))
    elif step.key == "state":
        if not chart.holds_in(last.state, step.value):
            return Failure(step.line, f"state {step.value}", f"state {last.state}")
    elif step.key == "concern":
        got = last.concern or "none"
        if got != step.value:
            return Failure(step.line, f"concern {step.value}", f"concern {got}")
    elif step.key == "record":
        got = records.latest_status()
        if got != step.value:
            return Failure(step.line, f"record {step.value}", f"record {got}")
    elif step.key == "outbox":
        got_n = records.outbox_count()
        if str(got_n) != step.value:
            return Failure(step.line, f"outbox {step.value}", f"outbox {got_n}")
    return None


def _short(text: str, limit: int = 400) -> str:
    flat = " | ".join(text.splitlines())
    return flat if len(flat) <= limit else flat[:limit] + " …"


def collect(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Every `*.transcript` file named or found below the named folders, sorted."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(p.rglob("*.transcript"))
        else:
            yield p


def load(path: Path) -> Transcript:
    """Parse the transcript file at `path` (UTF-8)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError(f"{path}: cannot read ({exc})") from None
    return parse(text, str(path))


def escape(text: str) -> str:
    r"""Write client text as a `client:` value: the inverse of the escapes `parse` reads
    (a backslash doubled, anything unprintable as \u{...})."""
    out = text.replace("\\", "\\\\")
    return "".join(ch if ch.isprintable() or ch == " " else f"\\u{{{ord(ch):x}}}" for ch in out)
