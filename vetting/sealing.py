"""The seal on documents we issue, and the check of a document someone shows us (issue 10:
"seals it with pyHanko (PAdES; key and certificate from settings)"; "a public verify page
... whether it is a sealed agreement issued here, for whom and when, and whether it was
altered").

``issue`` is the one entry point for issuing a document: it seals the PDF and records it
in the register (``IssuedDocument``) in one go. The agreement task calls it with the
rendered PDF and stores the bytes it returns — those exact bytes, as the register knows
them by their SHA-256.

The seal is a PAdES baseline B-B signature (no timestamp server is reachable from here),
made with the key and certificate named by the settings AGREEMENT_SEAL_KEY and
AGREEMENT_SEAL_CERT (PEM files; AGREEMENT_SEAL_KEY_PASSPHRASE if the key has one). When
the force rotates the key, the certificates it sealed with before are listed in
AGREEMENT_SEAL_PREVIOUS_CERTS: what they sealed is still "issued here".

pyHanko's synchronous calls run an asyncio loop of their own (``asyncio.run``), which
cannot start in a thread whose loop is already running (an ASGI server, an async Celery
pool, Playwright's sync API): ``_off_the_event_loop`` moves them to a thread of their own
there, so any caller can seal and verify.
"""

import asyncio
import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO

from asn1crypto import x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import formats, timezone
from pyhanko.keys import load_certs_from_pemder, load_private_key_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from accounts.audit import record_action

from . import subjects
from .models import IssuedDocument

SEAL_FIELD = "KentPoliceSeal"
SEAL_NAME = "Kent Police"

logger = logging.getLogger(__name__)


class SealNotConfigured(ImproperlyConfigured):
    """No usable seal key: an agreement cannot be issued until the settings name one."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _off_the_event_loop(call, /, *args, **kwargs):
    """``call(*args, **kwargs)`` for a pyHanko synchronous function: in this thread, unless
    an event loop runs here, where its own ``asyncio.run`` would be refused; then in a
    worker thread, waited for (the caller is synchronous: it blocks the loop either way).
    pyHanko's async API would need an async caller, and ours are synchronous."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop running: the usual case (a request, a Celery task)
        return call(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="seal") as worker:
        return worker.submit(call, *args, **kwargs).result()


def seal_files() -> tuple[str, str, str]:
    """The configured key, certificate and passphrase; SealNotConfigured if a path is unset."""
    key, cert = settings.AGREEMENT_SEAL_KEY, settings.AGREEMENT_SEAL_CERT
    if not key or not cert:
        raise SealNotConfigured(
            "Set AGREEMENT_SEAL_KEY and AGREEMENT_SEAL_CERT (PEM files) to seal Work Placement Agreements."
        )
    return key, cert, settings.AGREEMENT_SEAL_KEY_PASSPHRASE


@lru_cache(maxsize=4)
def _signer(key: str, cert: str, passphrase: str) -> signers.SimpleSigner:
    # Cached by path: reading and parsing the key for each document would cost more than
    # signing with it (the bench seals 50 in a row).
    signing_key = load_private_key_from_pemder(key, passphrase=passphrase.encode() or None)
    certificate, *chain = load_certs_from_pemder([cert])  # the seal's, then its CA chain if any
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=signing_key,
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


def load_signer() -> signers.SimpleSigner:
    try:
        return _signer(*seal_files())
    except (OSError, ValueError, TypeError) as error:
        raise SealNotConfigured(f"The seal key or certificate cannot be read: {error}") from error


def seal_pdf(pdf_bytes: bytes, *, reason: str) -> bytes:
    """``pdf_bytes`` with our seal added as an incremental update (the original bytes are
    kept as they are, the signature covers all of them)."""
    signer = load_signer()
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        name=SEAL_NAME,
        reason=reason,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
    )
    return _off_the_event_loop(signers.sign_pdf, writer, metadata, signer=signer).getvalue()


def issue(pdf_bytes: bytes, *, description: str, issued_to: str, record) -> tuple[bytes, IssuedDocument]:
    """Seal ``pdf_bytes`` and record it as issued to ``issued_to`` (the name as printed on
    the document) for ``record`` (the application it belongs to); the action log of the
    record says so. Returns the sealed bytes, to be stored and sent as they are, and the
    register's row. Raises SealNotConfigured when no seal key is configured."""
    sealed = seal_pdf(pdf_bytes, reason=f"{description} issued by {SEAL_NAME}")
    with transaction.atomic():
        issued = IssuedDocument.objects.create(
            sha256=sha256(sealed),
            description=description,
            issued_to=issued_to,
            issued_at=timezone.now(),
            **subjects.pointer(record),
        )
        record_action(record, action="issue_sealed_document", reason=description)
    return sealed, issued


# --- verifying a document someone shows us ----------------------------------------------------


@dataclass(frozen=True)
class Verification:
    readable: bool  # a PDF we could read at all
    sealed: bool  # it carries a signature
    sealed_here: bool  # ... made with our seal certificate
    intact: bool  # the signature covers the whole file and its digest matches
    issued: IssuedDocument | None = None  # the register's row for this exact file

    @property
    def valid(self) -> bool:
        return self.sealed_here and self.intact

    @property
    def summary(self) -> str:
        if not self.readable:
            return "This file is not a PDF we can read, so it is not a sealed document issued here."
        if not self.sealed:
            return (
                "This PDF has no seal: it was not issued here, or it is a copy that lost the seal "
                "(printed, scanned or saved again)."
            )
        if not self.sealed_here:
            return "This PDF is sealed, but not by Kent Police: it was not issued here."
        if not self.intact:
            return "This PDF was sealed here but has been altered since: do not rely on it."
        if self.issued is None:
            # the register forgets a document with its agreement, past the retention period (vetting/retention.py)
            return (
                "Valid: sealed here and not altered since, but it is not in our register of issued documents"
                " (a document leaves the register when its retention period ends)."
            )
        issued_on = formats.date_format(timezone.localtime(self.issued.issued_at), "j F Y")
        return (
            f"Valid: a {self.issued.description} issued here to {self.issued.issued_to} "
            f"on {issued_on}, not altered since."
        )


UNREADABLE = Verification(readable=False, sealed=False, sealed_here=False, intact=False)
UNSEALED = Verification(readable=True, sealed=False, sealed_here=False, intact=False)
NOT_OURS = Verification(readable=True, sealed=True, sealed_here=False, intact=False)


@lru_cache(maxsize=16)
def seal_certificate(path: str) -> x509.Certificate:
    """The seal's certificate in a PEM file: the first one (its CA chain may follow).
    OSError or ValueError if the file cannot be read or holds no certificate."""
    certificate = next(iter(load_certs_from_pemder([path])), None)
    if certificate is None:
        raise ValueError(f"{path} holds no certificate")
    return certificate


def our_certificates() -> list[x509.Certificate]:
    """The certificates whose seals are ours: the current one, if configured, and those it
    replaced (AGREEMENT_SEAL_PREVIOUS_CERTS), so agreements sealed before a key rotation
    still verify. One that cannot be read is left out, with a warning (`check --deploy`
    reports it as an error, vetting.E002)."""
    try:
        paths = [seal_files()[1]]
    except SealNotConfigured:  # no current seal: nothing is issued, earlier seals still count
        paths = []
    certificates = []
    for path in paths + list(settings.AGREEMENT_SEAL_PREVIOUS_CERTS):
        try:
            certificates.append(seal_certificate(path))
        except (OSError, ValueError) as error:
            logger.warning("Seal certificate %s cannot be read, so what it sealed is not recognised: %s", path, error)
    return certificates


def verify_pdf(pdf_bytes: bytes) -> Verification:
    """Whether ``pdf_bytes`` is a document sealed here and unchanged since. Any file at
    all may come from the public page, so whatever fails to parse is an answer, not an error."""
    ours = our_certificates()
    try:
        signatures = PdfFileReader(BytesIO(pdf_bytes), strict=False).embedded_signatures
    except Exception:  # a visitor's file: any parser failure means "not readable"
        return UNREADABLE
    if not signatures:
        return UNSEALED
    seal, certificate = next(((s, c) for s in signatures for c in ours if _signed_with(s, c)), (None, None))
    if seal is None:
        return NOT_OURS
    intact = _is_intact(seal, certificate)
    issued = IssuedDocument.objects.filter(sha256=sha256(pdf_bytes)).first() if intact else None
    return Verification(readable=True, sealed=True, sealed_here=True, intact=intact, issued=issued)


def _signed_with(signature, certificate: x509.Certificate) -> bool:
    try:
        return signature.signer_cert.sha256 == certificate.sha256
    except Exception:  # a damaged signature names no certificate
        return False


def _is_intact(signature, certificate: x509.Certificate) -> bool:
    # The certificate it was sealed with is the one trust root: nothing is fetched (no
    # network from here).
    context = ValidationContext(trust_roots=[certificate], allow_fetching=False)
    try:
        status = _off_the_event_loop(validate_pdf_signature, signature, signer_validation_context=context)
    except Exception:  # a signature too damaged to check is not intact
        return False
    # An update appended after the seal leaves the signature valid for its own revision
    # only: the file shown is then not the file we sealed.
    return status.intact and status.valid and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
