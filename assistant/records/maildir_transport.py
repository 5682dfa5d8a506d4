"""The Maildir transport (`mail.mode = "outbox"`): each message a file any mail client opens."""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from assistant.records.mail import DeliveryError, Outgoing, check_complete, compose
from assistant.records.private_files import replace_privately
from assistant.records.store import StoreError, private_folder

MAILDIR_NAME = "outbox"
"""The Maildir folder inside the data folder (`mail.mode = "outbox"`)."""


class MaildirTransport:
    """Writes each message as a file in a Maildir folder that any mail client can open.

    File names derive from the outbox row, so a message written before a crash is not written
    again when the row is retried.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._error: DeliveryError | None = None

    def __enter__(self) -> MaildirTransport:
        try:
            private_folder(self.root)
            for sub in ("tmp", "new", "cur"):
                private_folder(self.root / sub)
        except StoreError as exc:
            self._error = DeliveryError(str(exc), connection=True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def _name(self, item: Outgoing) -> str:
        return f"{int(item.created.timestamp())}.{item.key}.consent-assistant"

    def exists(self, item: Outgoing) -> bool:
        """True when this message is already in `new/` or `cur/` (a mail client moves it there)."""
        name = self._name(item)
        if (self.root / "new" / name).exists():
            return True
        cur = self.root / "cur"
        return (
            any(p.name.split(":", 1)[0] == name for p in cur.iterdir()) if cur.is_dir() else False
        )

    def send(self, item: Outgoing) -> None:
        if self._error is not None:
            raise self._error
        if self.exists(item):
            return
        check_complete(item)
        name = self._name(item)
        data = compose(item).as_bytes()
        tmp = self.root / "tmp" / f"{name}.{os.getpid()}"
        try:
            replace_privately(self.root / "new" / name, data, tmp)
        except OSError as exc:
            raise DeliveryError(f"cannot write to the outbox folder ({exc.strerror})") from None
