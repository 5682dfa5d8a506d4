"""Messages the kiosk posts to itself, named in the past tense for what already happened."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from assistant.engine.reply import Reply


@dataclass
class ReplyReceived(Message):
    """The engine answered; `session` tells replies for a client who has since left apart."""

    session: int
    reply: Reply


@dataclass
class EngineFailed(Message):
    """The engine raised; the client sees a calm message, the error goes to the log."""

    session: int
    error: str


@dataclass
class PinChecked(Message):
    """The clinician PIN was compared with the stored hash (in a worker: it is slow on purpose)."""

    ok: bool


@dataclass
class DeliveryFinished(Message):
    """Queued mail was handed to the delivery step (in a worker); `error` is empty on success."""

    error: str = ""
