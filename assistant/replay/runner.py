"""Runs transcripts (the format is `assistant.engine.transcript`) against a real conversation.

Each transcript runs in a fresh temporary data folder with the durable records, local-outbox
delivery and a fixed clock, and stops at the first expectation that does not hold, saying
which line, what was expected and what came. `@mode rehearse` transcripts run against the
rehearsal's simulated client instead (`assistant.rehearsal.transcript`).
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from pathlib import Path

from assistant.clock import Clock, ManualClock
from assistant.config import Config, load_config, with_overrides
from assistant.engine.chart import holds_in
from assistant.engine.content import Content, load_content
from assistant.engine.conversation import Conversation
from assistant.engine.reply import Reply
from assistant.engine.transcript import REFERENCE_TOKEN, Failure, Step, Transcript, wait_seconds
from assistant.records.keeper import DurableRecords

MODES = ("consent", "rehearse")


def run(
    transcript: Transcript, base: Config | None = None, content: Content | None = None
) -> Failure | None:
    """Replay `transcript`; None when every expectation held, else the first Failure."""
    config = with_overrides(base or load_config(), transcript.overrides)
    with tempfile.TemporaryDirectory(prefix="transcript-") as tmp:
        if transcript.mode == "rehearse":
            from assistant.rehearsal.transcript import run_rehearsal

            return run_rehearsal(transcript, config, Path(tmp))
        if transcript.mode != "consent":
            return Failure(0, f"a known @mode ({', '.join(MODES)})", transcript.mode)
        return _run_consent(transcript, config, Path(tmp), content or load_content())


def make_records(config: Config, data_dir: Path, clock: Clock) -> DurableRecords:
    """The durable record keeper with local-outbox delivery, as every transcript runs."""
    local = dataclasses.replace(config, mail=dataclasses.replace(config.mail, mode="outbox"))
    return DurableRecords(local, data_dir, clock)


def _run_consent(
    transcript: Transcript, config: Config, data_dir: Path, content: Content
) -> Failure | None:
    clock = ManualClock()
    records = make_records(config, data_dir, clock)
    conversation = Conversation(config, clock=clock, records=records, content=content)
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
        if not holds_in(last.state, step.value):
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


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _short(text: str, limit: int = 400) -> str:
    flat = " | ".join(text.splitlines())
    return flat if len(flat) <= limit else flat[:limit] + " …"
