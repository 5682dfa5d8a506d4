"""The event chain's anchor outside the database: a key file and a head file in the data folder.

The hash chain alone shows an event changed or removed in the middle, but anyone who can run
SQL can recompute every hash after a change, delete the tail, or append an event of their own.
Two files beside the database close that:

- `chain.key` (0600, made once): 32 random bytes. Every event written since the key exists
  carries `mac = HMAC-SHA256(key, its sha256)`, so an event added with SQL, or a chain
  recomputed after an edit, has no valid MAC. Events older than the key (`from_event`) had
  none to carry.
- `chain.head` (0600, rewritten after each committed write): the last event's id and hash,
  with a MAC. Deleting events from the tail leaves the head pointing past the end.

Someone who can read these files (the account the kiosk runs as) can still forge both; against
that the clinician's emails carry the chain head too (`records --verify --head N:HASH` checks
one), and every PDF carries the practice's seal.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from assistant.records.private_files import replace_privately

KEY_NAME = "chain.key"
HEAD_NAME = "chain.head"


class AnchorError(RuntimeError):
    """The key or head file exists but cannot be read or written; the message names it."""


@dataclass(frozen=True, slots=True)
class ChainKey:
    """The MAC key and the id of the first event written with it."""

    secret: bytes
    from_event: int

    def mac(self, sha256: str) -> str:
        """The MAC an event with this hash carries."""
        return hmac.new(self.secret, f"event:{sha256}".encode(), hashlib.sha256).hexdigest()

    def head_mac(self, event_id: int, sha256: str) -> str:
        """The MAC of the head file's content."""
        text = f"head:{event_id}:{sha256}".encode()
        return hmac.new(self.secret, text, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Head:
    """The last event anchored: its id and hash, and whether the file's MAC holds."""

    event_id: int
    sha256: str
    genuine: bool


def _write_new(path: Path, data: bytes) -> bool:
    """Create `path` (0600) with `data` unless it exists; False when it already did."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # atomic, and fails if another process made it first
        except FileExistsError:
            return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def load_key(data_dir: Path, last_id: int, last_sha256: str) -> ChainKey:
    """The data folder's chain key, made now if missing: for the events after `last_id`, with
    the head file anchored at that event at once, so that from here on a missing head file
    always means a removed one (a crash before the first write after this leaves it behind,
    never absent)."""
    path = data_dir / KEY_NAME
    if not path.exists():
        body = {"key": secrets.token_hex(32), "from_event": last_id + 1}
        try:
            if _write_new(path, (json.dumps(body) + "\n").encode()):
                made = ChainKey(bytes.fromhex(str(body["key"])), last_id + 1)
                advance_head(data_dir, made, last_id, last_sha256)
        except OSError as exc:
            raise AnchorError(f"{path}: cannot create the chain key ({exc.strerror})") from None
    try:
        body = json.loads(path.read_text("utf-8"))
        return ChainKey(bytes.fromhex(body["key"]), int(body["from_event"]))
    except OSError as exc:
        raise AnchorError(f"{path}: cannot read the chain key ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise AnchorError(f"{path}: the chain key file is damaged") from None


def read_head(data_dir: Path, key: ChainKey) -> Head | None:
    """The anchored head, or None when no head file exists (yet)."""
    path = data_dir / HEAD_NAME
    try:
        body = json.loads(path.read_text("utf-8"))
        event_id, sha256, mac = int(body["event"]), str(body["sha256"]), str(body["mac"])
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AnchorError(f"{path}: cannot read the chain head ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return Head(0, "", genuine=False)
    return Head(event_id, sha256, hmac.compare_digest(mac, key.head_mac(event_id, sha256)))


def advance_head(data_dir: Path, key: ChainKey, event_id: int, sha256: str) -> None:
    """Record `event_id` as the head unless the file already names a later one.

    Runs after the database commit, under a lock file, so two processes never move the head
    backwards; a crash between commit and here leaves the head one write behind, which the
    events' own MACs cover.
    """
    lock_path = data_dir / (HEAD_NAME + ".lock")
    try:
        fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as exc:
        raise AnchorError(f"{lock_path}: cannot lock the chain head ({exc.strerror})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        current = read_head(data_dir, key)
        if current is not None and (not current.genuine or current.event_id >= event_id):
            return  # never move backwards, and never paper over a head that was tampered with
        body = {"event": event_id, "sha256": sha256, "mac": key.head_mac(event_id, sha256)}
        path = data_dir / HEAD_NAME
        tmp = path.with_name(f".{HEAD_NAME}.{os.getpid()}")
        replace_privately(path, (json.dumps(body) + "\n").encode("utf-8"), tmp)
    except OSError as exc:
        raise AnchorError(f"cannot write the chain head ({exc.strerror})") from None
    finally:
        os.close(fd)
