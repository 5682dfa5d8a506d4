"""The practice's seal key pair: where it lives, making a self-signed one, reading its certificate.

The key and certificate are the practice's own when `[seal]` names them; otherwise a
self-signed pair is made on first use in `<data folder>/seal/` (files 0600). Signing with the
pair is `seal.py`; checking a PDF's seal against its certificate is `seal_check.py`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Config, Seal
from assistant.records.private_files import replace_privately
from assistant.records.store import StoreError, private_folder

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

log = logging.getLogger(__name__)

SEAL_FOLDER = "seal"
KEY_NAME = "practice-seal.key"
CERT_NAME = "practice-seal.crt"
VALID_YEARS = 10
"""How long a generated certificate is valid; a seal checked later still names its signer."""


class SealError(RuntimeError):
    """The seal key or certificate cannot be made, read or used; the message says which file."""


@dataclass(frozen=True, slots=True)
class SealKeys:
    """Where the practice's key and certificate live and the passphrase for the key, if any."""

    key: Path
    cert: Path
    passphrase: bytes | None = None


def seal_keys(config: Config, data_dir: Path) -> SealKeys:
    """The configured key and certificate, or the generated pair in the data folder."""
    seal = config.seal
    passphrase = _passphrase(seal)
    if seal.key and seal.cert:
        return SealKeys(Path(seal.key).expanduser(), Path(seal.cert).expanduser(), passphrase)
    folder = Path(data_dir) / SEAL_FOLDER
    return SealKeys(folder / KEY_NAME, folder / CERT_NAME, passphrase)


def _passphrase(seal: Seal) -> bytes | None:
    if not seal.key_passphrase_env:
        return None
    value = os.environ.get(seal.key_passphrase_env)
    return value.encode("utf-8") if value else None


# ---------------------------------------------------------------- making the practice's pair

_CREATE_LOCK = threading.Lock()


def ensure_keys(config: Config, data_dir: Path) -> SealKeys:
    """The practice's key pair, made now (self-signed) if the data folder has none yet."""
    keys = seal_keys(config, data_dir)
    if keys.key.is_file() and keys.cert.is_file():
        return keys
    if config.seal.key or config.seal.cert:
        missing = keys.key if not keys.key.is_file() else keys.cert
        raise SealError(f"{missing}: the configured seal file does not exist")
    with _CREATE_LOCK:
        if not (keys.key.is_file() and keys.cert.is_file()):
            _create_pair(config, keys)
    return keys


def _create_pair(config: Config, keys: SealKeys) -> None:
    """An ECDSA P-256 key and a self-signed certificate naming the practice, both 0600.

    P-256 rather than RSA: as strong as RSA-3072, accepted by Acrobat, NSS (poppler's
    `pdfsig`) and pyHanko, and made in well under a millisecond where RSA takes a tenth of a
    second or more, which every fresh data folder (and every test) would pay.

    Two kiosk processes may start on a fresh data folder at once: a file lock makes the
    second wait and then find the first one's pair, so a key never meets another's certificate.
    """
    import fcntl

    try:
        private_folder(keys.key.parent.parent)  # the data folder: private before anything in it
        private_folder(keys.key.parent)
        fd = os.open(keys.key.parent / ".lock", os.O_CREAT | os.O_RDWR, 0o600)
    except (StoreError, OSError) as exc:
        raise SealError(str(exc)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if not (keys.key.is_file() and keys.cert.is_file()):
            _write_pair(config, keys)
    finally:
        os.close(fd)


def _write_pair(config: Config, keys: SealKeys) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(keys.passphrase)
        if keys.passphrase
        else serialization.NoEncryption()
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    practice = config.practice.name.strip()[:60] or "Consent Assistant"
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{practice} records seal"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, practice),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    _write_private(keys.key, key_pem)
    _write_private(keys.cert, cert.public_bytes(serialization.Encoding.PEM))
    log.info("made a self-signed practice seal in %s", keys.key.parent)


def _write_private(path: Path, data: bytes) -> None:
    try:
        replace_privately(path, data)
    except OSError as exc:
        raise SealError(f"{path}: cannot write the seal file ({exc.strerror})") from None


# ---------------------------------------------------------------- reading the certificate


def practice_certificate(keys: SealKeys) -> asn1_x509.Certificate:
    """The practice's certificate (asn1crypto), for comparing with a PDF's signer."""
    from pyhanko.keys import load_cert_from_pemder

    try:
        cert: asn1_x509.Certificate = load_cert_from_pemder(str(keys.cert))  # type: ignore[no-untyped-call]
        return cert
    except (OSError, ValueError) as exc:
        raise SealError(f"{keys.cert}: cannot read the seal certificate ({exc})") from None


def certificate_pem(keys: SealKeys) -> str:
    """The practice's certificate as PEM text (what `consent-assistant seal-cert` prints)."""
    from asn1crypto import pem

    cert = practice_certificate(keys)
    armored: bytes = pem.armor("CERTIFICATE", cert.dump())
    return armored.decode("ascii")


def fingerprint(der: bytes) -> str:
    """The SHA-256 fingerprint of a certificate, as colon-separated hex pairs."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
