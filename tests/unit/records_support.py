"""Shared pieces for the records tests: fictional outcomes, configurations and Maildir reading."""

from __future__ import annotations

import email
import socket
from datetime import datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

from assistant.config import Config, load_config, with_overrides
from assistant.engine.outcome import AskedQuestion, CheckResult, Outcome, Signature, Stroke

CLINICIAN = ("Dr. Sam Lee", "sam.lee@example.org")

WAVE = Stroke(tuple((i / 40, 0.5 + 0.3 * ((-1) ** i)) for i in range(41)))
LINE = Stroke(((0.1, 0.9), (0.9, 0.85)))


def demo_config(overrides: dict[str, str] | None = None) -> Config:
    """The demo configuration with `section.key` overrides given as TOML values."""
    config = load_config()
    return with_overrides(config, overrides) if overrides else config


def signed(
    at: datetime,
    name: str = "Alex Rivera",
    *,
    email_addr: str | None = None,
    strokes: bool = True,
    questions: tuple[AskedQuestion, ...] = (),
) -> Outcome:
    """A signed outcome as the engine would file it (the form is rendered by the keeper)."""
    return Outcome(
        kind="signed",
        at=at,
        clinician_name=CLINICIAN[0],
        clinician_email=CLINICIAN[1],
        name=name,
        email=email_addr,
        choices={"recording": True, "summary": True, "supervision": False},
        comprehension=(
            CheckResult("revoke", "Can you take back your consent later?", True, 1),
            CheckResult("audio", "What happens to the audio?", False, 2),
        ),
        questions=questions,
        signature=Signature(name, (WAVE, LINE) if strokes else ()),
    )


def ended(
    kind: str, at: datetime, name: str | None = None, *, notify: bool = True, question: str = ""
) -> Outcome:
    """A declined or deferred outcome, named or not."""
    return Outcome(
        kind=kind,  # type: ignore[arg-type]
        at=at,
        clinician_name=CLINICIAN[0],
        clinician_email=CLINICIAN[1],
        name=name,
        questions=(AskedQuestion(question, None),) if question else (),
        notify_clinician=notify,
    )


def maildir_messages(data_dir: Path) -> list[EmailMessage]:
    """Every message in the data folder's Maildir outbox, oldest first."""
    new = data_dir / "outbox" / "new"
    if not new.is_dir():
        return []
    out = []
    for path in sorted(new.iterdir(), key=lambda p: p.name):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        out.append(msg)
    return out


def parse(raw: bytes) -> EmailMessage:
    """An email from its bytes."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def attachment(msg: EmailMessage) -> bytes | None:
    """The PDF attached to a message, if any."""
    for part in msg.iter_attachments():
        data = part.get_content()
        assert isinstance(data, bytes)
        return data
    return None


def body(msg: EmailMessage) -> str:
    """The plain-text body of a message."""
    part = msg.get_body(("plain",))
    assert part is not None
    text = part.get_content()
    assert isinstance(text, str)
    return text


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
