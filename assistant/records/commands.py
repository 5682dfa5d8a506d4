"""The clinician's commands: `records`, `revoke REFERENCE`, `deliver` and `verify FILE.pdf`.

Each returns an exit code: 0 when all is well, 1 when the answer is "no" (a broken chain, a
reference not found, messages still queued, a PDF that is not VALID).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from assistant.clock import SystemClock
from assistant.config import Config, load_config
from assistant.engine.text import clean
from assistant.records.audit import parse_iso
from assistant.records.store import DB_NAME, Store, StoreError


def _setup(args: argparse.Namespace) -> tuple[Config, Path]:
    config = load_config(getattr(args, "config", None))
    return config, config.data_path(getattr(args, "data_dir", None))


def _existing_store(data_dir: Path) -> Store | None:
    if not (data_dir / DB_NAME).is_file():
        print(f"No records yet in {data_dir}.")
        return None
    return Store(data_dir)


def _day(text: str | None) -> str:
    return f"{parse_iso(text):%Y-%m-%d %H:%M}" if text else "-"


def _fail(message: str) -> int:
    print(f"consent-assistant: {message}", file=sys.stderr)
    return 1


def run_records(args: argparse.Namespace) -> int:
    """List consent records (names only with --show-names), or check the event chain (--verify)."""
    _config, data_dir = _setup(args)
    try:
        store = _existing_store(data_dir)
    except StoreError as exc:
        return _fail(str(exc))
    if store is None:
        return 0
    try:
        if getattr(args, "verify", False):
            report = store.verify_chain()
            if report.ok:
                print(f"Event log intact: {report.events} events, every link holds.")
                return 0
            print(f"Event log BROKEN after {report.events - 1} good events: {report.problem}")
            return 1
        _print_records(store, bool(getattr(args, "show_names", False)))
        return 0
    finally:
        store.close()


def _print_records(store: Store, show_names: bool) -> None:
    rows = store.all(
        "SELECT c.*, (SELECT COUNT(*) FROM outbox o WHERE o.reference = c.reference"
        " AND o.status != 'sent') AS unsent FROM consents c"
        " ORDER BY COALESCE(c.signed_at, c.declined_at, c.deferred_at)"
    )
    header = (
        f"{'REFERENCE':<10} {'STATUS':<9} {'DATE (UTC)':<17} {'REVOKED (UTC)':<17} {'EMAIL':<7}"
    )
    print(header + (" NAME" if show_names else ""))
    for r in rows:
        date = r["signed_at"] or r["declined_at"] or r["deferred_at"]
        mail = "queued" if r["unsent"] else "sent"
        line = f"{r['reference']:<10} {r['status']:<9} {_day(date):<17} {_day(r['revoked_at']):<17}"
        line += f" {mail:<7}"
        if show_names:
            line += " " + clean(r["name"] or "", 120)[0]
        print(line)
    if not rows:
        print("(no named records)")
    counts = store.all("SELECT period, kind, n FROM counts ORDER BY period, kind")
    if counts:
        print("\nUnnamed endings (counts only, no personal data):")
        for c in counts:
            print(f"  {c['period']}  {c['kind']:<9} {c['n']}")


def run_revoke(args: argparse.Namespace) -> int:
    """Revoke a consent for the clinician: the record, the notice PDF, the emails, the event."""
    from assistant.records.keeper import DurableRecords

    config, data_dir = _setup(args)
    try:
        keeper = DurableRecords(config, data_dir, SystemClock())
    except StoreError as exc:
        return _fail(str(exc))
    try:
        result = keeper.revoke_as_clinician(args.reference)
        if result.status == "not_found":
            return _fail(f"no signed consent with reference {result.reference}")
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


def run_deliver(args: argparse.Namespace) -> int:
    """Send every queued email now, whatever its wait; report what is still queued and why."""
    from assistant.records.keeper import DurableRecords

    config, data_dir = _setup(args)
    try:
        keeper = DurableRecords(config, data_dir, SystemClock(), deliver_inline=False)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        report = keeper.deliver_pending(force=True)
    finally:
        keeper.close()
    print(f"Sent {report.sent}, failed {report.failed}, still queued {report.waiting}.")
    for error in report.errors:
        print(f"  {error}")
    return 0 if report.waiting == 0 else 1


def run_verify(args: argparse.Namespace) -> int:
    """Say whether a PDF is VALID, ALTERED, UNKNOWN or REVOKED according to the records."""
    from assistant.records.verify import verify_pdf

    _config, data_dir = _setup(args)
    try:
        data = Path(args.pdf).read_bytes()
    except OSError as exc:
        return _fail(f"{args.pdf}: cannot read ({exc.strerror})")
    try:
        store = Store(data_dir) if (data_dir / DB_NAME).is_file() else None
    except (StoreError, sqlite3.Error) as exc:
        return _fail(str(exc))
    if store is None:
        print(f"UNKNOWN  -  no records in {data_dir}")
        return 1
    try:
        verdict = verify_pdf(store, data)
    finally:
        store.close()
    print(f"{verdict.status}  {verdict.reference or '-'}  {verdict.detail}")
    return 0 if verdict.status == "VALID" else 1
