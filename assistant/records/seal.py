"""The practice seal: a PAdES certification signature (pyHanko) on every PDF the records make.

Any PDF reader that checks signatures can then tell that a consent, a client copy or a
revocation notice is exactly what the practice made: an edit after sealing breaks the seal.
The key and certificate are the practice's own when `[seal]` names them; otherwise a
self-signed pair is made on first use in `<data folder>/seal/` (files 0600). Loading a key is
slow next to signing, so each process keeps the loaded signer per key file (`_SIGNERS`).

The signature is invisible (zero-size widget with the print flag, as PDF/A-2 asks) and added
as an incremental update, so the PDF/A-2B document fpdf2 wrote stays PDF/A-2B. pyHanko runs
its work through `asyncio.run`; when the caller already has an event loop running (a web
front), the work moves to a short-lived thread instead.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from assistant.config import Config, Seal
from assistant.records.store import StoreError, private_folder

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.signers import SimpleSigner

log = logging.getLogger(__name__)

SEAL_FOLDER = "seal"
KEY_NAME = "practice-seal.key"
CERT_NAME = "practice-seal.crt"
FIELD_NAME = "PracticeSeal"
VALID_YEARS = 10
"""How long a generated certificate is valid; a seal checked later still names its signer."""

SIGNATURE_MARGIN = 3072
"""Bytes kept for the CMS signature beyond its certificates: the signature value (512 bytes
for RSA-4096) and the signed attributes, with room to spare."""

T = TypeVar("T")


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


def _in_own_thread(work: Callable[[], T]) -> T:
    """Run `work` here, or in a fresh thread when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(1, thread_name_prefix="seal") as pool:
        return pool.submit(work).result()


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
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise SealError(f"{path}: cannot write the seal file ({exc.strerror})") from None


# ---------------------------------------------------------------- loading and signing

_SIGNERS: dict[tuple[str, str, float, float], SimpleSigner] = {}
_SIGNERS_LOCK = threading.Lock()


def _signer(keys: SealKeys) -> SimpleSigner:
    """The loaded signer for this key pair, cached per process (keyed by paths and mtimes)."""
    try:
        cache_key = (
            str(keys.key),
            str(keys.cert),
            keys.key.stat().st_mtime,
            keys.cert.stat().st_mtime,
        )
    except OSError as exc:
        raise SealError(f"cannot read the seal files ({exc.strerror})") from None
    with _SIGNERS_LOCK:
        signer = _SIGNERS.get(cache_key)
        if signer is None:
            signer = _load_signer(keys)
            _SIGNERS.clear()  # one practice per process; a changed file replaces the old one
            _SIGNERS[cache_key] = signer
        return signer


def _load_signer(keys: SealKeys) -> SimpleSigner:
    """pyHanko's signer, with the key also loaded once into `cryptography`.

    pyHanko's `SimpleSigner.sign_raw` parses the private key again for every signature (tens
    of milliseconds for RSA, twice per PDF); the subclass signs with the key parsed here.
    """
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from pyhanko.sign.signers import SimpleSigner

    class CachedKeySigner(SimpleSigner):
        pyca_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            algo = hashes.SHA256() if digest_algorithm == "sha256" else None
            name = mechanism["algorithm"].native
            key = self.pyca_key
            rsa_fits = name in ("sha256_rsa", "rsassa_pkcs1v15")
            if algo is not None and rsa_fits and isinstance(key, rsa.RSAPrivateKey):
                return key.sign(data, padding.PKCS1v15(), algo)
            ec_fits = name in ("sha256_ecdsa", "ecdsa")
            if algo is not None and ec_fits and isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ec.ECDSA(algo))
            result: bytes = super().sign_raw(data, digest_algorithm)
            return result

    loaded = SimpleSigner.load(  # type: ignore[no-untyped-call]
        str(keys.key), str(keys.cert), key_passphrase=keys.passphrase
    )
    if loaded is None:
        raise SealError(
            f"{keys.key}: cannot load the seal key and certificate"
            " (wrong passphrase, or not a PEM/DER key and certificate)"
        )
    signer = CachedKeySigner(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
    )
    pyca = serialization.load_der_private_key(loaded.signing_key.dump(), password=None)
    if isinstance(pyca, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        signer.pyca_key = pyca
    return signer


def warm_up(config: Config, data_dir: Path) -> None:
    """Import pyHanko and load (or make) the practice's key now, e.g. at kiosk start-up."""
    import pyhanko.sign.signers  # noqa: F401

    _signer(ensure_keys(config, data_dir))


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


def seal_pdf(config: Config, data_dir: Path, pdf: bytes, *, reason: str) -> bytes:
    """The PDF with the practice's certification signature added (no later change allowed).

    With `seal.timestamp_url` a trusted timestamp is asked for; if the server cannot be
    reached the PDF is sealed without one (and the log says so) rather than not filed.
    """
    keys = ensure_keys(config, data_dir)
    signer = _signer(keys)
    url = config.seal.timestamp_url
    try:
        return _in_own_thread(lambda: _sign(signer, pdf, reason, config, url))
    except SealError:
        raise
    except Exception as exc:
        if not url:
            raise SealError(f"sealing the PDF failed ({type(exc).__name__}: {exc})") from None
        log.warning("timestamp server %s failed (%s); sealed without a timestamp", url, exc)
    try:
        return _in_own_thread(lambda: _sign(signer, pdf, reason, config, ""))
    except Exception as exc:
        raise SealError(f"sealing the PDF failed ({type(exc).__name__}: {exc})") from None


def _room(signer: SimpleSigner) -> int:
    """Bytes to reserve for the signature: its certificates plus `SIGNATURE_MARGIN`."""
    certs = [signer.signing_cert, *signer.cert_registry]
    needed = SIGNATURE_MARGIN + sum(len(c.dump()) for c in certs if c is not None)
    return 2 * needed  # the placeholder is hex: two characters a byte


def _sign(signer: SimpleSigner, pdf: bytes, reason: str, config: Config, url: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps import HTTPTimeStamper

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        location=config.practice.name,
        name=config.practice.name,
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        md_algorithm="sha256",
    )
    timestamper = (
        HTTPTimeStamper(url, timeout=config.seal.timestamp_timeout_seconds) if url else None
    )
    out = signers.sign_pdf(
        writer,
        meta,
        signer=signer,
        timestamper=timestamper,
        new_field_spec=fields.SigFieldSpec(sig_field_name=FIELD_NAME),
        # A fixed room for the signature spares pyHanko a trial signing to measure it; a
        # timestamp token's size is not known beforehand, so then pyHanko measures.
        bytes_reserved=None if url else _room(signer),
    )
    return bytes(out.getvalue())
