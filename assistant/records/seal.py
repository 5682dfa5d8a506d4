"""Sealing a PDF: a PAdES certification signature (pyHanko) with the practice's key.

Any PDF reader that checks signatures can then tell that a consent, a client copy or a
revocation notice is exactly what the practice made: an edit after sealing breaks the seal.
The key pair comes from `seal_keys.py`. Loading a key is slow next to signing, so each
process keeps the loaded signer per key file (`_SIGNERS`).

The signature is invisible (zero-size widget with the print flag, as PDF/A-2 asks) and added
as an incremental update, so the PDF/A-2B document fpdf2 wrote stays PDF/A-2B. pyHanko runs
its work through `asyncio.run`; `in_own_thread` moves it to a short-lived thread when the
caller already has an event loop running (a web front).
"""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Config
from assistant.records.own_thread import in_own_thread
from assistant.records.seal_keys import SealError, SealKeys, ensure_keys

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

log = logging.getLogger(__name__)

FIELD_NAME = "PracticeSeal"
SIGNATURE_MARGIN = 3072
"""Bytes kept for the CMS signature beyond its certificates: the signature value (512 bytes
for RSA-4096) and the signed attributes, with room to spare."""


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


def seal_pdf(config: Config, data_dir: Path, pdf: bytes, *, reason: str) -> bytes:
    """The PDF with the practice's certification signature added (no later change allowed).

    With `seal.timestamp_url` a trusted timestamp is asked for; if the server cannot be
    reached the PDF is sealed without one (and the log says so) rather than not filed.
    """
    keys = ensure_keys(config, data_dir)
    signer = _signer(keys)
    url = config.seal.timestamp_url
    try:
        return in_own_thread(lambda: _sign(signer, pdf, reason, config, url))
    except SealError:
        raise
    except Exception as exc:
        if not url:
            raise SealError(f"sealing the PDF failed ({type(exc).__name__}: {exc})") from None
        log.warning("timestamp server %s failed (%s); sealed without a timestamp", url, exc)
    try:
        return in_own_thread(lambda: _sign(signer, pdf, reason, config, ""))
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
