"""`records`: every consent as the event log tells it, with what the mail still holds.

Names come from the consents table (they are never written to events); everything else comes
from the log. Where the table disagrees with the log, the row is flagged: someone edited it.
"""

from __future__ import annotations

from pathlib import Path

from assistant.clock import SystemClock
from assistant.config import Config
from assistant.engine.text import clean
from assistant.records.audit import iso, parse_iso
from assistant.records.chain_check import verify_chain
from assistant.records.ledger import ConsentState, all_states
from assistant.records.store import Store


def _day(text: str | None) -> str:
    return f"{parse_iso(text):%Y-%m-%d %H:%M}" if text else "-"


def _ending(state: ConsentState) -> str:
    return "revoked" if state.revoked_at is not None else state.ending


def print_records(store: Store, config: Config, data_dir: Path, show_names: bool) -> int:
    """Print the listing; returns 1 when the log fails its check or rows were edited."""
    report = verify_chain(store)
    if report.ok:
        print(f"Event log intact ({report.events} events); statuses below are from it.")
    else:
        print(f"WARNING: the event log fails its check: {report.problem}")
        print("Statuses below are from the log as it stands and cannot be trusted.")
    now = SystemClock().now()
    states = all_states(store, config.practice.time_zone)
    table = {str(r["reference"]): r for r in store.all("SELECT * FROM consents")}
    unsent = {
        str(r["reference"]): str(r["worst"])
        for r in store.rows(
            "SELECT reference, MIN(CASE status WHEN 'dead' THEN 'dead'"
            " WHEN 'unconfirmed' THEN 'unconfirmed' ELSE 'queued' END) AS worst"
            " FROM outbox WHERE status != 'sent' GROUP BY reference"
        )
    }
    header = (
        f"{'REFERENCE':<10} {'STATUS':<9} {'NOW':<9} {'DATE (UTC)':<17}"
        f" {'REVOKED (UTC)':<17} {'EMAIL':<11}"
    )
    print(header + (" NAME" if show_names else ""))
    edited = []
    for ref, state in sorted(states.items(), key=lambda item: item[1].at):
        row = table.pop(ref, None)
        status = _ending(state)
        mark = " "
        if row is None or row["status"] != status:
            mark = "!"
            edited.append(ref)
        revoked = iso(state.revoked_at) if state.revoked_at else None
        line = (
            f"{ref:<10} {status + mark:<9} {state.status(now):<9} {_day(iso(state.at)):<17}"
            f" {_day(revoked):<17} {unsent.get(ref, 'sent'):<11}"
        )
        if show_names:
            line += " " + (clean(row["name"] or "", 120)[0] if row else "(table row missing)")
        print(line)
    for ref in table:  # rows the log knows nothing of
        edited.append(ref)
        print(f"{ref:<10} {'?!':<9} {'unknown':<9} (in the table only, not in the event log)")
    if not states and not table:
        print("(no named records)")
    if edited:
        print(
            f"\n! {len(edited)} row(s) of the consents table disagree with the event log"
            f" ({', '.join(edited[:5])}{'…' if len(edited) > 5 else ''}): the table was edited;"
            " the statuses shown are the log's."
        )
    _print_mail(store, data_dir)
    _print_counts(store)
    return 0 if report.ok and not edited else 1


def _print_mail(store: Store, data_dir: Path) -> None:
    from assistant.records.maildir_transport import MAILDIR_NAME
    from assistant.records.outbox import held_messages, status_counts
    from assistant.records.outbox_files import read_with_pdf

    counts = status_counts(store)
    queued = counts.get("queued", 0) + counts.get("sending", 0)
    held = held_messages(store)
    if queued or held:
        print(
            f"\nMail: {queued} queued, {counts.get('dead', 0)} refused for good,"
            f" {counts.get('unconfirmed', 0)} unconfirmed."
        )
        for row in held:
            print(
                f"  message {row['id']} ({row['kind']} to the {row['role']},"
                f" {row['reference'] or '-'}, {row['status']}): {row['last_error']}"
            )
    holding = read_with_pdf(data_dir / MAILDIR_NAME)
    if holding:
        print(
            f"\nOutbox: {holding} read message(s) still hold a PDF. Once filed, take the PDFs"
            " out with `consent-assistant deliver --prune DAYS`."
        )


def _print_counts(store: Store) -> None:
    counts = store.all("SELECT period, kind, n FROM counts ORDER BY period, kind")
    if counts:
        print("\nUnnamed endings (counts only, no personal data):")
        for c in counts:
            print(f"  {c['period']}  {c['kind']:<9} {c['n']}")
