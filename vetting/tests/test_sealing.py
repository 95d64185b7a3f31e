"""vetting.sealing: the PAdES seal on the documents we issue, the register of issued
documents, and the check of a document someone shows us (issue 10: "pyHanko validation
passes, and fails after one byte changes")."""

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import checks
from django.core.management import call_command
from django.db import IntegrityError
from pyhanko.pdf_utils.reader import PdfFileReader

from accounts.models import ActionLog
from placements.tests.work_experience_factories import ApplicationFactory
from vetting import deploy_checks, sealing
from vetting.deploy_checks import check_seal_key
from vetting.models import IssuedDocument
from vetting.seal_certificate import make_certificate

pytestmark = pytest.mark.django_db
AGREEMENT = "Work Placement Agreement"


def issue_agreement(pdf, **kwargs):
    return sealing.issue(pdf, description=AGREEMENT, issued_to="Alex Applicant", record=ApplicationFactory(), **kwargs)


def one_byte_changed(data: bytes) -> bytes:
    """The sealed file with one byte of the original document (inside what the seal
    covers) changed: as if someone edited the text."""
    changed = bytearray(data)
    changed[len(data) // 4] ^= 0x01
    return bytes(changed)


def test_a_sealed_pdf_carries_one_pades_signature_over_the_whole_file(unsealed_pdf):
    sealed = sealing.seal_pdf(unsealed_pdf, reason="test")
    (signature,) = PdfFileReader(io.BytesIO(sealed)).embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert sealed.startswith(unsealed_pdf)  # an incremental update: the document's bytes untouched


def test_issued_then_verified_names_the_person_and_the_date(unsealed_pdf, settings):
    settings.TIME_ZONE = "Europe/London"
    sealed, issued = issue_agreement(unsealed_pdf)
    issued.issued_at = datetime(2027, 7, 20, 23, 30, tzinfo=ZoneInfo("UTC"))  # 21 July in Kent
    issued.save()

    verification = sealing.verify_pdf(sealed)

    assert (verification.sealed_here, verification.intact, verification.valid) == (True, True, True)
    assert verification.issued == issued
    assert verification.summary == (
        "Valid: a Work Placement Agreement issued here to Alex Applicant on 21 July 2027, not altered since."
    )


def test_one_byte_changed_is_altered(unsealed_pdf):
    sealed, _ = issue_agreement(unsealed_pdf)
    verification = sealing.verify_pdf(one_byte_changed(sealed))
    assert (verification.sealed_here, verification.intact, verification.valid) == (True, False, False)
    assert verification.issued is None  # nothing about the person for an altered copy
    assert verification.summary == "This PDF was sealed here but has been altered since: do not rely on it."


def test_anything_appended_after_the_seal_is_altered(unsealed_pdf):
    sealed, _ = issue_agreement(unsealed_pdf)
    verification = sealing.verify_pdf(sealed + b"\n%% a page added later\n")
    assert verification.sealed_here and not verification.intact


def test_a_pdf_sealed_with_another_certificate_was_not_issued_here(unsealed_pdf, settings, tmp_path):
    key, cert = make_certificate(tmp_path, common_name="Someone else's seal")
    ours = settings.AGREEMENT_SEAL_KEY, settings.AGREEMENT_SEAL_CERT
    settings.AGREEMENT_SEAL_KEY, settings.AGREEMENT_SEAL_CERT = str(key), str(cert)
    forged = sealing.seal_pdf(unsealed_pdf, reason="test")
    settings.AGREEMENT_SEAL_KEY, settings.AGREEMENT_SEAL_CERT = ours

    verification = sealing.verify_pdf(forged)

    assert (verification.sealed, verification.sealed_here, verification.valid) == (True, False, False)
    assert verification.summary == "This PDF is sealed, but not by Kent Police: it was not issued here."


def test_an_unsealed_pdf(unsealed_pdf):
    verification = sealing.verify_pdf(unsealed_pdf)
    assert (verification.readable, verification.sealed, verification.valid) == (True, False, False)
    assert verification.summary.startswith("This PDF has no seal")


@pytest.mark.parametrize(
    "garbage",
    [b"", b"hello", b"%PDF-1.7\n" + bytes(range(256)) * 10, b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF"],
    ids=["empty", "text", "pdf header then noise", "no xref"],
)
def test_garbage_is_not_readable(garbage):
    verification = sealing.verify_pdf(garbage)
    assert not verification.valid
    assert verification.summary == "This file is not a PDF we can read, so it is not a sealed document issued here."


def test_a_sealed_file_cut_short_is_not_valid(unsealed_pdf):
    sealed, _ = issue_agreement(unsealed_pdf)
    assert not sealing.verify_pdf(sealed[: len(sealed) - 200]).valid


def test_issue_records_the_file_for_its_record_in_the_register_and_the_action_log(unsealed_pdf):
    application = ApplicationFactory()
    sealed, issued = sealing.issue(unsealed_pdf, description=AGREEMENT, issued_to="Alex Applicant", record=application)

    assert IssuedDocument.objects.get(sha256=sealing.sha256(sealed)) == issued
    assert (issued.description, issued.issued_to, issued.record) == (AGREEMENT, "Alex Applicant", application)
    entry = ActionLog.objects.get(object_id=str(application.pk), action="issue_sealed_document")
    assert entry.reason == AGREEMENT and entry.actor is None


def test_the_register_holds_only_sha256_digests(unsealed_pdf):
    _, issued = issue_agreement(unsealed_pdf)
    issued.pk, issued.sha256 = None, "not a digest"
    with pytest.raises(IntegrityError):
        issued.save()


def test_without_a_seal_key_issuing_fails_loudly_and_records_nothing(unsealed_pdf, settings):
    settings.AGREEMENT_SEAL_KEY = ""
    with pytest.raises(sealing.SealNotConfigured, match="Set AGREEMENT_SEAL_KEY and AGREEMENT_SEAL_CERT"):
        issue_agreement(unsealed_pdf)
    assert not IssuedDocument.objects.exists()


def test_a_seal_key_that_cannot_be_read_fails_loudly(unsealed_pdf, settings, tmp_path):
    settings.AGREEMENT_SEAL_KEY = str(tmp_path / "missing.pem")
    with pytest.raises(sealing.SealNotConfigured, match="cannot be read"):
        sealing.seal_pdf(unsealed_pdf, reason="test")


def test_the_deploy_check_informs_when_unset_and_fails_when_unusable(settings, tmp_path):
    assert check_seal_key() == []
    settings.AGREEMENT_SEAL_KEY = str(tmp_path / "missing.pem")
    assert [(m.level, m.id) for m in check_seal_key()] == [(checks.ERROR, "vetting.E001")]
    settings.AGREEMENT_SEAL_KEY = ""  # CI's production settings: information, not a failure
    assert [(m.level, m.id) for m in check_seal_key()] == [(checks.INFO, "vetting.I001")]


def test_make_seal_certificate_makes_one_and_keeps_it(settings, tmp_path, unsealed_pdf):
    settings.DEBUG = True
    settings.SEAL_DEVELOPMENT_DIR = tmp_path / "seal"
    call_command("make_seal_certificate", stdout=io.StringIO())
    first = (tmp_path / "seal" / "seal-cert.pem").read_bytes()
    call_command("make_seal_certificate", stdout=io.StringIO())
    assert (tmp_path / "seal" / "seal-cert.pem").read_bytes() == first  # earlier agreements still verify

    settings.AGREEMENT_SEAL_KEY = str(tmp_path / "seal" / "seal-key.pem")
    settings.AGREEMENT_SEAL_CERT = str(tmp_path / "seal" / "seal-cert.pem")
    assert sealing.verify_pdf(sealing.seal_pdf(unsealed_pdf, reason="test")).valid


# --- inside a running event loop (an ASGI server, an async Celery pool, Playwright's sync API) ---


def test_sealing_and_verifying_work_inside_a_running_event_loop(unsealed_pdf):
    async def in_the_loop():
        # synchronous calls, as a sync view or task makes them while the thread's loop runs
        sealed = sealing.seal_pdf(unsealed_pdf, reason="test")
        return sealed, sealing.verify_pdf(sealed), sealing.verify_pdf(one_byte_changed(sealed))

    # In a thread of its own: under the whole suite, Playwright's session may already hold this
    # thread's loop, and asyncio.run would refuse before the code under test is reached.
    with ThreadPoolExecutor(max_workers=1) as thread:
        sealed, genuine, tampered = thread.submit(asyncio.run, in_the_loop()).result()

    assert (genuine.sealed_here, genuine.intact) == (True, True)
    assert (tampered.sealed_here, tampered.intact) == (True, False)
    assert sealed.startswith(unsealed_pdf)


# --- key rotation: what the previous certificates sealed is still ours -----------------------


def rotate(settings, tmp_path) -> str:
    """Rotate the seal to a new key and certificate; returns the previous certificate's path."""
    previous = settings.AGREEMENT_SEAL_CERT
    key, cert = make_certificate(tmp_path, common_name="Kent Placements seal (after rotation)")
    settings.AGREEMENT_SEAL_KEY, settings.AGREEMENT_SEAL_CERT = str(key), str(cert)
    return previous


def test_after_rotation_a_pdf_sealed_with_a_previous_certificate_is_still_issued_here(unsealed_pdf, settings, tmp_path):
    sealed, issued = issue_agreement(unsealed_pdf)
    settings.AGREEMENT_SEAL_PREVIOUS_CERTS = [rotate(settings, tmp_path)]

    verification = sealing.verify_pdf(sealed)

    assert (verification.sealed_here, verification.intact, verification.issued) == (True, True, issued)
    assert verification.summary.startswith("Valid: a Work Placement Agreement issued here to Alex Applicant")
    assert not sealing.verify_pdf(one_byte_changed(sealed)).intact
    assert sealing.verify_pdf(sealing.seal_pdf(unsealed_pdf, reason="test")).valid  # the new seal too


def test_after_rotation_a_previous_certificate_not_listed_is_not_ours(unsealed_pdf, settings, tmp_path):
    sealed, _ = issue_agreement(unsealed_pdf)
    rotate(settings, tmp_path)
    settings.AGREEMENT_SEAL_PREVIOUS_CERTS = []

    verification = sealing.verify_pdf(sealed)

    assert (verification.sealed, verification.sealed_here, verification.valid) == (True, False, False)
    assert verification.summary == "This PDF is sealed, but not by Kent Police: it was not issued here."


def test_a_certificate_file_followed_by_its_ca_chain_names_the_seal_first(unsealed_pdf, settings, tmp_path):
    _, ca = make_certificate(tmp_path / "ca", common_name="A CA")
    with open(settings.AGREEMENT_SEAL_CERT, "rb") as ours:
        (tmp_path / "with-chain.pem").write_bytes(ours.read() + ca.read_bytes())
    sealed, _ = issue_agreement(unsealed_pdf)
    settings.AGREEMENT_SEAL_CERT = str(tmp_path / "with-chain.pem")
    assert sealing.verify_pdf(sealed).valid


def test_a_previous_certificate_that_cannot_be_read_fails_the_deploy_check(settings, tmp_path):
    (tmp_path / "not-a-cert.pem").write_text("not a certificate")
    settings.AGREEMENT_SEAL_PREVIOUS_CERTS = [settings.AGREEMENT_SEAL_CERT]
    assert deploy_checks.check_previous_seal_certificates() == []

    settings.AGREEMENT_SEAL_PREVIOUS_CERTS += [str(tmp_path / "missing.pem"), str(tmp_path / "not-a-cert.pem")]
    problems = deploy_checks.check_previous_seal_certificates()

    assert [(m.level, m.id) for m in problems] == [(checks.ERROR, "vetting.E002")] * 2
    assert "missing.pem" in problems[0].msg and "not-a-cert.pem" in problems[1].msg


def test_a_previous_certificate_that_cannot_be_read_is_warned_about_and_skipped(unsealed_pdf, settings, caplog):
    sealed, _ = issue_agreement(unsealed_pdf)
    settings.AGREEMENT_SEAL_PREVIOUS_CERTS = ["/nowhere/old-seal.pem"]
    assert sealing.verify_pdf(sealed).valid  # the page still answers, for the current seal
    assert "Seal certificate /nowhere/old-seal.pem cannot be read" in caplog.text


def test_a_seal_made_before_its_certificate_expired_still_verifies(unsealed_pdf, settings, tmp_path, monkeypatch):
    # A rotated-out certificate expires in time; what it sealed while valid is still ours
    # (we trust the certificate itself, not a path to a CA that checks its dates).
    monkeypatch.setattr("vetting.seal_certificate.VALID_FOR", timedelta(minutes=-1))  # ended a minute ago
    key, cert = make_certificate(tmp_path, common_name="Kent Placements seal (expired)")
    settings.AGREEMENT_SEAL_KEY, settings.AGREEMENT_SEAL_CERT = str(key), str(cert)
    assert sealing.verify_pdf(sealing.seal_pdf(unsealed_pdf, reason="test")).valid
