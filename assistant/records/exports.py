"""`fhir REFERENCE` / `fhir --all` and `seal-cert`: what the practice hands to other systems.

JSON is written to stdout as UTF-8 bytes whatever the terminal's locale, so a name in any
script comes out exactly (FHIR JSON is UTF-8 by definition).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from assistant.clock import SystemClock
from assistant.engine.outcome import normalise_reference
from assistant.records.chain_check import verify_chain
from assistant.records.commands import fail, open_existing, setup
from assistant.records.store import Store, StoreError

BROKEN_EXIT = 7


def _write(text: str) -> None:
    data = text.encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _resource(store: Store, config: Any, reference: str) -> dict[str, Any] | None:
    from assistant.records.fhir import consent_resource
    from assistant.records.ledger import consent_state

    state = consent_state(store, reference, config.practice.time_zone)
    if state is None:
        return None
    row = store.one(
        "SELECT name, email, clinician_name FROM consents WHERE reference = ?", (reference,)
    )
    return consent_resource(
        state,
        config,
        name=str(row["name"] or "") if row else "",
        email=row["email"] if row else None,
        clinician_name=str(row["clinician_name"] or "") if row else "",
    )


def run_fhir(args: argparse.Namespace) -> int:
    """Print the FHIR R4 Consent of one reference, or a Bundle of all of them (`--all`)."""
    from assistant.records.fhir import bundle
    from assistant.records.ledger import all_states

    config, data_dir = setup(args)
    if not args.all and not args.reference:
        return fail("give a REFERENCE, or --all for every consent")
    try:
        store = open_existing(data_dir, quiet=True)
    except StoreError as exc:
        return fail(str(exc))
    if store is None:
        return fail(f"no records in {data_dir}")
    try:
        report = verify_chain(store)
        if not report.ok:
            fail(f"the event log fails its check, nothing exported: {report.problem}")
            return BROKEN_EXIT
        if args.all:
            zone = config.practice.time_zone
            refs = list(all_states(store, zone))
            resources = [r for ref in refs if (r := _resource(store, config, ref)) is not None]
            document: dict[str, Any] = bundle(resources, SystemClock().now())
        else:
            ref = normalise_reference(str(args.reference)[:64])
            found = _resource(store, config, ref)
            if found is None:
                return fail(f"no consent with reference {ref}")
            document = found
    finally:
        store.close()
    _write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return 0


def run_seal_cert(args: argparse.Namespace) -> int:
    """Print the practice seal's certificate (PEM), making the pair first if there is none."""
    from assistant.records.seal_keys import SealError, certificate_pem, ensure_keys

    config, data_dir = setup(args)
    try:
        keys = ensure_keys(config, data_dir)
        pem = certificate_pem(keys)
    except SealError as exc:
        return fail(str(exc))
    _write(pem)
    return 0
