"""The practice seal: every PDF carries a PAdES signature that pyHanko validates, PDF/A-2B stays,
and `verify` tells a sealed file from an edited one, a re-signed one and a revocation notice."""

from __future__ import annotations

import asyncio
import io
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from records_support import attachment, demo_config, maildir_messages, signed

from assistant.cli import main
from assistant.clock import ManualClock
from assistant.config import Clinician, Config
from assistant.engine.forms import render_consent_form
from assistant.records.keeper import DurableRecords
from assistant.records.pdf import ConsentDocument, consent_pdf
from assistant.records.seal import seal_pdf
from assistant.records.seal_keys import (
    CERT_NAME,
    KEY_NAME,
    SEAL_FOLDER,
    ensure_keys,
    practice_certificate,
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def file_signed(data: Path, config: Config | None = None, email: str | None = None) -> str:
    keeper = DurableRecords(config or demo_config(), data, ManualClock())
    ref = keeper.file(signed(ManualClock().now(), email_addr=email)).reference
    keeper.close()
    assert ref is not None
    return ref


def mailed_pdf(data: Path, index: int = 0) -> bytes:
    pdf = attachment(maildir_messages(data)[index])
    assert pdf is not None
    return pdf


def validate(pdf: bytes, data: Path, config: Config) -> object:
    """pyHanko's own verdict on the last signature, trusting this data folder's certificate."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    cert = practice_certificate(ensure_keys(config, data))
    reader = PdfFileReader(io.BytesIO(pdf))
    (sig,) = reader.embedded_signatures
    assert sig.signer_cert.dump() == cert.dump()
    return validate_pdf_signature(sig, ValidationContext(trust_roots=[cert]))


def test_every_pdf_is_sealed_and_pyhanko_validates_it(data: Path) -> None:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    config = demo_config()
    ref = file_signed(data, email="alex.rivera@example.org")
    clinician_pdf, client_pdf = mailed_pdf(data, 0), mailed_pdf(data, 1)
    assert client_pdf != clinician_pdf, "the client's copy is a document of its own"
    for pdf in (clinician_pdf, client_pdf):
        status = validate(pdf, data, config)
        assert status.intact and status.valid and status.trusted  # type: ignore[attr-defined]
        assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE  # type: ignore[attr-defined]
        assert status.docmdp_ok  # type: ignore[attr-defined]
    keeper = DurableRecords(config, data, ManualClock())
    keeper.revoke_as_clinician(ref)
    keeper.close()
    notice = mailed_pdf(data, -1)
    assert b"kind=revocation" in notice
    notice_status = validate(notice, data, config)
    assert notice_status.intact and notice_status.valid  # type: ignore[attr-defined]


def test_the_key_and_certificate_are_made_once_and_private(data: Path) -> None:
    file_signed(data)
    folder = data / SEAL_FOLDER
    for name in (KEY_NAME, CERT_NAME):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    before = (folder / KEY_NAME).read_bytes()
    file_signed(data)
    assert (folder / KEY_NAME).read_bytes() == before


def test_pdf_a_2b_is_kept_under_the_seal(data: Path) -> None:
    file_signed(data)
    reader = PdfReader(io.BytesIO(mailed_pdf(data)))
    root = reader.trailer["/Root"]
    xmp = reader.xmp_metadata
    assert xmp is not None
    rdf = xmp.rdf_root.toxml()
    assert 'pdfaid:part="2"' in rdf and 'pdfaid:conformance="B"' in rdf
    assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    (field,) = [f.get_object() for f in root["/AcroForm"]["/Fields"]]
    flags = int(field["/F"])
    assert flags & 4 and not flags & 2  # printable, not hidden: what PDF/A-2 asks of a widget
    assert [float(x) for x in field["/Rect"]] == [0, 0, 0, 0]
    assert field["/V"]["/SubFilter"] == "/ETSI.CAdES.detached"
    assert "/DocMDP" in root["/Perms"]


def test_seal_cert_prints_the_certificate_that_seals(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "seal-cert", "--data-dir", str(data))
    assert code == 0 and out.startswith("-----BEGIN CERTIFICATE-----")
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(out.encode())
    assert "Lakeside Counseling" in cert.subject.rfc4514_string()
    file_signed(data)
    from pyhanko.pdf_utils.reader import PdfFileReader

    (sig,) = PdfFileReader(io.BytesIO(mailed_pdf(data))).embedded_signatures
    assert sig.signer_cert.dump() == cert.public_bytes(_der())


def _der() -> object:
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def _own_pair(folder: Path, passphrase: bytes) -> tuple[Path, Path]:
    """A practice's own key (with a passphrase) and certificate, as a CA would issue."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Lakeside Counseling (own)")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True)
    key_path, cert_path = folder / "own.key", folder / "own.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def test_the_practice_can_use_its_own_key_with_a_passphrase(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key, cert = _own_pair(tmp_path / "pki", b"practice secret")
    monkeypatch.setenv("SEAL_PASS", "practice secret")
    config = demo_config(
        {"seal.key": f'"{key}"', "seal.cert": f'"{cert}"', "seal.key_passphrase_env": '"SEAL_PASS"'}
    )
    file_signed(data, config)
    assert not (data / SEAL_FOLDER / KEY_NAME).exists()
    pdf = mailed_pdf(data)
    status = validate(pdf, data, config)
    assert status.intact and status.valid  # type: ignore[attr-defined]
    toml = tmp_path / "practice.toml"
    toml.write_text(
        f'[seal]\ncert = "{cert}"\nkey = "{key}"\nkey_passphrase_env = "SEAL_PASS"\n', "utf-8"
    )
    (tmp_path / "sealed.pdf").write_bytes(pdf)
    code, out = run(capsys, "verify", str(tmp_path / "sealed.pdf"), "--data-dir", str(data),
                    "--config", str(toml))  # fmt: skip
    assert code == 0 and out.startswith("VALID") and "Lakeside Counseling (own)" in out


def test_a_wrong_passphrase_is_named_not_a_traceback(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.records.seal_keys import SealError

    key, cert = _own_pair(tmp_path / "pki", b"practice secret")
    monkeypatch.setenv("SEAL_PASS", "wrong")
    config = demo_config(
        {"seal.key": f'"{key}"', "seal.cert": f'"{cert}"', "seal.key_passphrase_env": '"SEAL_PASS"'}
    )
    with pytest.raises(SealError, match="cannot load the seal key"):
        seal_pdf(config, data, b"%PDF-1.7", reason="x")


def test_sealing_works_inside_a_running_event_loop(data: Path) -> None:
    """A web front calls the records from async code; pyHanko's asyncio.run must not clash."""
    config = demo_config()
    pdf = _unsealed(config, "K7QM-3XPD")

    async def inside() -> bytes:
        return seal_pdf(config, data, pdf, reason="test")

    out = asyncio.run(inside())
    assert out.startswith(pdf[:8]) and len(out) > len(pdf)
    status = validate(out, data, config)
    assert status.intact  # type: ignore[attr-defined]


def _unsealed(config: Config, reference: str, name: str = "Alex Rivera") -> bytes:
    outcome = signed(ManualClock().now(), name=name)
    form = render_consent_form(
        config,
        clinician=Clinician("Dr. Sam Lee", "sam.lee@example.org"),
        name=name,
        choices=outcome.choices,
        when=outcome.at,
    )
    assert outcome.signature is not None
    document = ConsentDocument(reference, outcome.at, form, outcome.signature)
    return consent_pdf(config, document)


def test_verify_sealed_edited_resigned_and_notice(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = demo_config()
    ref = file_signed(data)
    good = mailed_pdf(data)
    files = {
        "sealed": good,
        # bytes changed inside the sealed range
        "edited": good.replace(b"/Lang (en)", b"/Lang (fr)"),
        # a made-up PDF naming the same reference, sealed by someone else's key
        "resigned": seal_pdf(
            config, tmp_path / "elsewhere", _unsealed(config, ref, "Eve Stone"), reason="forged"
        ),
        # the same PDF without any seal
        "unsealed": _unsealed(config, ref),
    }
    appended = PdfWriter(io.BytesIO(good), incremental=True)
    appended.add_metadata({"/Title": "Consent to record sessions, changed"})
    out = io.BytesIO()
    appended.write(out)
    files["appended"] = out.getvalue()  # a valid incremental update added after sealing
    results = {}
    for label, pdf in files.items():
        path = tmp_path / f"{label}.pdf"
        path.write_bytes(pdf)
        code, text = run(capsys, "verify", str(path), "--data-dir", str(data))
        results[label] = (code, text.split("  ")[0])
    assert results == {
        "sealed": (0, "VALID"),
        "edited": (1, "ALTERED"),
        "resigned": (5, "NOT SEALED BY THIS PRACTICE"),
        "unsealed": (1, "ALTERED"),
        "appended": (1, "ALTERED"),
    }
    keeper = DurableRecords(config, data, ManualClock())
    keeper.revoke_as_clinician(ref)
    keeper.close()
    notice = tmp_path / "notice.pdf"
    notice.write_bytes(mailed_pdf(data, -1))
    code, text = run(capsys, "verify", str(notice), "--data-dir", str(data))
    assert code == 4 and text.startswith(f"REVOCATION NOTICE  {ref}")
    code, text = run(capsys, "verify", str(tmp_path / "sealed.pdf"), "--data-dir", str(data))
    assert code == 3 and text.startswith(f"REVOKED  {ref}")
    assert "seal:    intact" in text and "records: the event log names this file" in text


class _Tsa:
    """A trusted-timestamp server (RFC 3161 over HTTP) on 127.0.0.1, backed by pyHanko's
    test TSA, so the configured `seal.timestamp_url` is exercised over a real socket."""

    def __init__(self) -> None:
        import http.server
        import threading

        from asn1crypto import keys, tsp
        from asn1crypto import x509 as asn1_x509
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
        from pyhanko.sign.timestamps import DummyTimeStamper

        key = rsa.generate_private_key(
            public_exponent=65537, key_size=2048
        )  # pyHanko's test TSA is RSA-only
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
        now = datetime.now(UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(11)
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True)
            .sign(key, hashes.SHA256())
        )
        der_key = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            tsa_key=keys.PrivateKeyInfo.load(der_key),
        )
        self.requests = 0
        tsa = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                reply = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                tsa.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: object) -> None:
                return None

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_configured_timestamp_server_is_asked_and_its_absence_does_not_stop_sealing(
    data: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tsa = _Tsa()
    config = demo_config({"seal.timestamp_url": f'"{tsa.url}"'})
    pdf = _unsealed(config, "K7QM-3XPD")
    try:
        stamped = seal_pdf(config, data, pdf, reason="test")
    finally:
        tsa.stop()
    assert tsa.requests >= 1  # pyHanko may ask twice: once to measure the room it needs
    status = validate(stamped, data, config)
    assert status.intact and status.timestamp_validity is not None  # type: ignore[attr-defined]
    assert status.timestamp_validity.intact  # type: ignore[attr-defined]
    # The server is gone now: the PDF is still sealed, without a timestamp, and the log says so.
    plain = seal_pdf(config, data, pdf, reason="test")
    status = validate(plain, data, config)
    assert status.intact and status.timestamp_validity is None  # type: ignore[attr-defined]
    assert "sealed without a timestamp" in caplog.text
