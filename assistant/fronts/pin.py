"""`consent-assistant pin`: make the salted hash of a new clinician PIN for the configuration."""

from __future__ import annotations

import argparse
import getpass
import sys

from assistant.config import hash_pin
from assistant.fronts.stdin import Lines


def run_pin(args: argparse.Namespace) -> int:
    """Ask for a PIN twice (hidden) and print the `kiosk.pin_hash` line."""
    try:
        if sys.stdin.isatty():
            pin = getpass.getpass("New clinician PIN (4-12 digits): ")
            again = getpass.getpass("Again: ")
        else:
            pin = again = Lines(sys.stdin).readline().strip()
    except UnicodeDecodeError:  # a terminal that sent bytes that are not UTF-8
        pin = again = ""
    if pin != again:
        print("The two PINs differ; nothing was made.", file=sys.stderr)
        return 1
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        print("A PIN is 4 to 12 digits.", file=sys.stderr)
        return 1
    print(f'pin_hash = "{hash_pin(pin)}"')
    return 0
