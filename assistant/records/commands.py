"""The clinician's commands: `records`, `revoke REFERENCE`, `resume REFERENCE` and `deliver`.

Each returns an exit code: 0 when all is well, 1 when the answer is "no" (a broken chain, a
reference not found, messages still queued or refused for good). Statuses come from the event
log; a table row that disagrees with it is shown and flagged, never believed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.clock import SystemClock
from assistant.config import Config, load_config
from assistant.engine.text import clean
from assistant.records.audit import parse_iso
from assistant.records.chain_check import check_event, verify_chain
from assistant.records.store import DB_NAME, Store, StoreError


def setup(args: argparse.Namespace) -> tuple[Config, Path]:
    """The configuration and the data folder the command works on."""
    config = load_config(getattr(args, "config", None))
    return config, config.data_path(getattr(args, "data_dir", None))


def open_existing(data_dir: Path, *, quiet: bool = False) -> Store | None:
    """The store in `data_dir`, or None (saying so unless `quiet`) when it has no records.

    A path that is not a folder is an error, not "no records".
    """
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(f"{data_dir}: the data folder is a file, not a folder")
    if not (data_dir / DB_NAME).is_file():
        if not quiet:
            print(f"No records yet in {data_dir}.")
        return None
    return Store(data_dir)


def _day(text: str | None) -> str:
    return f"{parse_iso(text):%Y-%m-%d %H:%M}" if text else "-"


def fail(message: str) -> int:
    """Print one line on stderr; returns the exit code 1."""
    print(f"consent-assistant: {message}", file=sys.stderr)
    return 1


def run_records(args: argparse.Namespace) -> int:
    """List consent records (names only with --show-names), or check the event chain (--verify)."""
    config, data_dir = setup(args)
    try:
        store = open_existing(data_dir)
    except StoreError as exc:
        return fail(str(exc))
    if store is None:
        return 0
    try:
        if getattr(args, "verify", False):
            return _verify_chain(store, getattr(args, "head", None))
        from assistant.records.listing import print_records

        return print_records(store, config, data_dir, bool(getattr(args, "show_names", False)))
    finally:
        store.close()


def _verify_chain(store: Store, head: str | None) -> int:
    report = verify_chain(store)
    if not report.ok:
        print(f"Event log BROKEN after {report.events - 1} good events: {report.problem}")
        return 1
    anchored = f", anchored at event {report.anchored_at}" if report.anchored_at else ""
    print(f"Event log intact: {report.events} events, every link holds{anchored}.")
    if head:
        number, _, digest = head.partition(":")
        if not number.isdigit() or len(digest.strip()) != 64:
            return fail("--head takes N:HASH as printed at the end of a clinician's email")
        problem = check_event(store, int(number), digest)
        if problem:
            print(f"The head from the email does NOT match: {problem}.")
            return 1
        print(f"The head from the email matches event {number}.")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    """Revoke a consent for the clinician: the record, the notice PDF, the emails, the event."""
    from assistant.records.keeper import DurableRecords

    config, data_dir = setup(args)
    try:
        keeper = DurableRecords(config, data_dir, SystemClock())
    except StoreError as exc:
        return fail(str(exc))
    try:
        result = keeper.revoke_as_clinician(args.reference)
        if result.status == "not_found":
            return fail(f"no signed consent with reference {result.reference}")
        if result.status == "already":
            record = keeper.record(result.reference) or {}
            when = _day(str(record.get("revoked_at") or "") or None)
            print(f"{result.reference} was already revoked ({when} UTC). Nothing changed.")
            return 0
        report = keeper.last_delivery
        sent = report is not None and report.failed == 0
        where = "sent" if sent else "queued (see `consent-assistant deliver`)"
        print(f"{result.reference} revoked. The notice PDF and emails are {where}.")
        return 0
    finally:
        keeper.close()


def run_resume(args: argparse.Namespace) -> int:
    """End the pause a name-only revocation request put on a consent (the client did not ask)."""
    from assistant.records.keeper import DurableRecords

    config, data_dir = setup(args)
    try:
        keeper = DurableRecords(config, data_dir, SystemClock())
    except StoreError as exc:
        return fail(str(exc))
    try:
        if not keeper.resume(args.reference):
            return fail(f"{clean(args.reference, 40)[0]}: no request to take back is open")
    finally:
        keeper.close()
    print("The request is closed; `consent-assistant status` answers from the consent again.")
    return 0


def run_deliver(args: argparse.Namespace) -> int:
    """Send every queued email now (whatever its wait), retry a held one (--retry ID), or take
    the PDFs out of read outbox messages (--prune DAYS); report what is still held and why."""
    from assistant.records.keeper import DurableRecords
    from assistant.records.outbox import held_messages, retry

    config, data_dir = setup(args)
    try:
        keeper = DurableRecords(config, data_dir, SystemClock(), deliver_inline=False)
    except StoreError as exc:
        return fail(str(exc))
    try:
        if args.prune is not None:
            return _prune(keeper, data_dir, args.prune)
        if args.retry is not None and not retry(keeper._store, args.retry, keeper.clock.now()):
            return fail(f"message {args.retry} is not held (see `consent-assistant records`)")
        report = keeper.deliver_pending(force=True)
        held = held_messages(keeper._store)
    finally:
        keeper.close()
    print(f"Sent {report.sent}, failed {report.failed}, still queued {report.waiting}.")
    for error in report.errors:
        print(f"  {error}")
    for row in held:
        what = "refused for good" if row["status"] == "dead" else "unconfirmed, probably delivered"
        print(
            f"  held: message {row['id']} ({row['kind']} to the {row['role']},"
            f" {row['reference'] or '-'}): {what}: {row['last_error']}"
        )
    if held:
        print("  Send a held message again with `consent-assistant deliver --retry ID`.")
    return 0 if report.waiting == 0 and report.dead == 0 else 1


def _prune(keeper: object, data_dir: Path, days: int) -> int:
    from assistant.records.keeper import DurableRecords
    from assistant.records.maildir_transport import MAILDIR_NAME
    from assistant.records.outbox_files import prune

    assert isinstance(keeper, DurableRecords)
    now = keeper.clock.now()
    report = prune(data_dir / MAILDIR_NAME, days, now)
    if report.pruned:
        store = keeper._store
        with store.transaction():
            store.append_event("pruned", None, now, {"messages": report.pruned, "days": days})
    print(
        f"Took the PDF out of {report.pruned} read message(s) older than {days} day(s);"
        f" {report.still_holding} read message(s) still hold one."
    )
    return 0
