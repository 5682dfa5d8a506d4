"""The clinician PIN: how it is hashed (salted PBKDF2), checked in constant time, and how a
stored hash is checked for shape before the kiosk relies on it."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from assistant.config.model import Kiosk

PIN_ITERATIONS = (100_000, 5_000_000)
"""PBKDF2 rounds a PIN hash may use: fewer is too easy to guess offline, more too slow."""


def pin_hash_problem(stored: str) -> str | None:
    """What is wrong with a `kiosk.pin_hash` value, or None when it can be checked."""
    import base64
    import binascii

    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != "pbkdf2_sha256":
        return "must look like 'pbkdf2_sha256$iterations$salt$hash' (run `consent-assistant pin`)"
    _, iterations, salt, digest = parts
    low, high = PIN_ITERATIONS
    if not iterations.isdecimal() or not low <= int(iterations) <= high:
        return f"iterations must be a whole number from {low} to {high}"
    try:
        raw_salt = base64.urlsafe_b64decode(salt.encode("ascii"))
    except (binascii.Error, ValueError):
        return "salt is not base64"
    if len(raw_salt) < 8:
        return "salt must be at least 8 bytes"
    if len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
        return "hash must be 64 lower-case hex digits"
    return None


_PIN_ITERATIONS = 200_000


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = _PIN_ITERATIONS) -> str:
    """A salted PBKDF2 hash of `pin`, in the form stored as `kiosk.pin_hash`."""
    import base64

    salt = salt or secrets.token_bytes(12)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    encoded_salt = base64.urlsafe_b64encode(salt).decode("ascii")
    return f"pbkdf2_sha256${iterations}${encoded_salt}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash (constant-time comparison)."""
    import base64

    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        raw_salt = base64.urlsafe_b64decode(salt.encode("ascii"))
        got = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), raw_salt, int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


DEMO_PIN = "2468"
"""The PIN of the embedded demo configuration; the README publishes it."""


def is_demo_pin(stored: str) -> bool:
    """True when `stored` is the demo hash, or any hash of the demo PIN."""
    return stored == Kiosk().pin_hash or check_pin(DEMO_PIN, stored)
