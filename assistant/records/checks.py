"""`verify FILE.pdf` and `status REFERENCE`: the answers other people and programs act on.

Both read the event log (checked and anchored first), never the editable tables. Exit codes
are distinct per answer so a script can branch on them; see `docs/recording-tool.md`.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.clock import SystemClock
from assistant.engine.outcome import normalise_reference
from assistant.records.audit import iso
from assistant.records.chain_check import verify_chain
from assistant.records.commands import fail, open_existing, setup
from assistant.records.ledger import consent_state
from assistant.records.store import StoreError

STATUS_EXIT = {
    "active": 0,
    "unknown": 1,
    "revoked": 3,
    "paused": 4,
    "declined": 5,
    "deferred": 6,
}
"""`status` exit codes; 2 is a usage or configuration error, 7 records that fail their check."""
BROKEN_EXIT = 7


def run_verify(args: argparse.Namespace) -> int:
    """Check the PDF's seal, then the records; print the verdict and each check's line."""
    from assistant.records.seal_check import check_seal
    from assistant.records.seal_keys import SealError, practice_certificate, seal_keys
    from assistant.records.verify import InputError, judge, read_pdf

    config, data_dir = setup(args)
    try:
        data = read_pdf(args.pdf)
    except InputError as exc:
        fail(str(exc))
        return 2
    keys = seal_keys(config, data_dir)
    try:
        practice = practice_certificate(keys) if keys.cert.is_file() else None
    except SealError as exc:
        fail(str(exc))
        return 2
    seal = check_seal(data, practice)
    try:
        store = open_existing(data_dir)
    except StoreError as exc:
        fail(str(exc))
        return BROKEN_EXIT
    try:
        verdict = judge(data, seal, store, config, SystemClock().now())
    finally:
        if store is not None:
            store.close()
    print(f"{verdict.status}  {verdict.reference or '-'}  {verdict.detail}")
    print(f"  seal:    {verdict.seal}")
    print(f"  records: {verdict.records}")
    return verdict.exit_code


def run_status(args: argparse.Namespace) -> int:
    """Print one word for the recording tool: `active` (exit 0) only while recording is
    allowed now; `revoked`, `paused`, `declined`, `deferred` or `unknown` otherwise."""
    config, data_dir = setup(args)
    ref = normalise_reference(str(args.reference)[:64])
    now = SystemClock().now()
    try:
        store = open_existing(data_dir, quiet=True)
    except StoreError as exc:
        return _answer(args, ref, "unknown", BROKEN_EXIT, f"records unusable: {exc}")
    if store is None:
        return _answer(args, ref, "unknown", STATUS_EXIT["unknown"], "no records here")
    try:
        report = verify_chain(store)
        if not report.ok:
            why = f"the event log fails its check: {report.problem}"
            return _answer(args, ref, "unknown", BROKEN_EXIT, why)
        state = consent_state(store, ref, config.practice.time_zone)
    finally:
        store.close()
    if state is None:
        return _answer(
            args, ref, "unknown", STATUS_EXIT["unknown"], "no consent has this reference"
        )
    word = state.status(now)
    extra: dict[str, str] = {"since": iso(state.revoked_at or state.at)}
    why = ""
    if word == "paused":
        if state.requested_at is not None:
            why = "a request to take consent back waits for the clinician"
            extra["since"] = iso(state.requested_at)
        elif state.paused_until is not None:
            why = "the client asked that today's session not be recorded"
            extra["since"] = iso(state.paused_at or state.at)
            extra["until"] = iso(state.paused_until)
    return _answer(args, ref, word, STATUS_EXIT[word], why, extra)


def _answer(
    args: argparse.Namespace,
    ref: str,
    word: str,
    code: int,
    why: str,
    extra: dict[str, str] | None = None,
) -> int:
    if getattr(args, "json", False):
        body = {"reference": ref, "status": word, **(extra or {}), "reason": why or None}
        print(json.dumps(body, ensure_ascii=True))
    else:
        print(word)
        if why and code not in (0,):
            print(f"consent-assistant: {ref}: {why}", file=sys.stderr)
    return code
