"""The Work Placement Agreement (seed 001 3.4.1, 3.5.3, 3.6; issue 10): versions, the
participant's and the guardian's signatures with their evidence, the PDF and its emails."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from vetting.links import LinkExpired, LinkNotFound, LinkUsed
from vetting.models import AgreementStatus, AgreementVersion, Signature, SignerRole
from vetting.pdf import render_document
from vetting.services.agreements import (
    CHANGED_TEXT,
    Evidence,
    agreement_signed,
    ensure_current_version,
    publish_version,
    sha256,
    sign_as_guardian,
    sign_as_participant,
)

from .agreement_helpers import consent_token, email, page_texts, pending_application

pytestmark = pytest.mark.django_db
EVIDENCE = Evidence(ip_address="203.0.113.7", user_agent="Firefox/140")


def sign_participant(agreement, name="Alex Applicant"):
    return sign_as_participant(
        agreement, user=agreement.participant, name=name, shown_sha256=agreement.version.text_sha256, evidence=EVIDENCE
    )


def sign_guardian(agreement, name="Pat Parent", token=None):
    return sign_as_guardian(
        token or consent_token(agreement), name=name, shown_sha256=agreement.version.text_sha256, evidence=EVIDENCE
    )


# --- versions -------------------------------------------------------------------------------


def test_the_first_version_states_the_protocols_conditions_with_the_insurance_figures_from_settings(settings):
    settings.AGREEMENT_INSURANCE = {"death_benefit_gbp": 4200, "personal_effects_gbp": 310}
    text = ensure_current_version().text
    assert "£4,200" in text and "£310" in text and "sliding scale for injuries" in text
    assert "additional insurance" in text
    assert "Emergency Response Vehicle (ERV)" in text and "sudden death" in text  # 3.5.2
    assert "Data Protection Act" in text and "confidential" in text  # 3.4.x
    assert "without notice" in text  # 2.4
    assert ensure_current_version().number == 1  # once only


def test_a_new_version_is_numbered_next_and_signed_agreements_keep_theirs(recruiter):
    _, agreement = pending_application(recruiter)
    signature = sign_participant(agreement)
    newer = publish_version("A revised agreement.", by=recruiter)
    assert newer.number == 2 and newer.text_sha256 == sha256("A revised agreement.")
    agreement.refresh_from_db()
    signature.refresh_from_db()
    assert agreement.version.number == 1 and signature.version.number == 1
    assert ActionLog.objects.filter(action="publish_agreement_version", actor=recruiter).count() == 1


def test_version_numbers_are_unique_in_the_database():
    ensure_current_version()
    with pytest.raises(IntegrityError):
        AgreementVersion.objects.create(number=1, text="Another", text_sha256=sha256("Another"))


# --- opening ------------------------------------------------------------------------------


def test_under_18_the_participant_and_the_guardian_are_emailed(recruiter):
    application, agreement = pending_application(recruiter, applicant__full_name="Alex Applicant")
    assert agreement.guardian_needed and agreement.link_state == "Sent, not used yet"
    assert agreement.link_expires_at - timezone.now() > timedelta(days=6, hours=23)
    to_sign = email(application.applicant.email, "vetting/agreement_to_sign")
    assert f"/agreements/{agreement.pk}/" in to_sign.body_text and "Pat Parent" in to_sign.body_text
    consent = email("pat.parent@example.org", "vetting/guardian_consent")
    assert consent.sensitive  # it carries the link: staff never read it (notifications/sensitive.py)
    assert "Alex Applicant" in consent.body_text and "/agreements/consent/" in consent.body_text


def test_an_adult_signs_alone(recruiter):
    application, agreement = pending_application(recruiter, adult=True)
    assert not agreement.guardian_needed and agreement.token_hash is None
    assert not Notification.objects.filter(template="vetting/guardian_consent").exists()
    sign_participant(agreement)
    assert agreement_signed(application)


# --- signing ------------------------------------------------------------------------------


def test_each_signature_keeps_its_evidence_and_the_hash_of_the_text_shown(recruiter):
    application, agreement = pending_application(recruiter)
    participant = sign_participant(agreement, name="  Alex   Applicant ")
    guardian = sign_guardian(agreement)
    assert (participant.role, participant.name, participant.email) == (
        SignerRole.PARTICIPANT,
        "Alex Applicant",
        application.applicant.email,
    )
    assert (guardian.role, guardian.email) == (SignerRole.GUARDIAN, "pat.parent@example.org")
    for signature in (participant, guardian):
        assert signature.text_sha256 == sha256(agreement.version.text) == agreement.version.text_sha256
        assert (signature.ip_address, signature.user_agent) == ("203.0.113.7", "Firefox/140")
        assert signature.signed_at.utcoffset() == timedelta(0)


def test_both_signatures_are_needed_under_18(recruiter):
    application, agreement = pending_application(recruiter)
    sign_participant(agreement)
    assert not agreement_signed(application)
    sign_guardian(agreement)
    assert agreement_signed(application)


def test_a_text_other_than_the_one_shown_is_not_signed(recruiter):
    _, agreement = pending_application(recruiter)
    with pytest.raises(DomainError, match=CHANGED_TEXT):
        sign_as_participant(
            agreement, user=agreement.participant, name="Alex", shown_sha256="0" * 64, evidence=EVIDENCE
        )
    assert not Signature.objects.exists()


def test_only_the_participant_signs_as_participant(recruiter, applicant):
    _, agreement = pending_application(recruiter)
    with pytest.raises(DomainError):
        sign_as_participant(
            agreement, user=applicant, name="Someone", shown_sha256=agreement.version.text_sha256, evidence=EVIDENCE
        )
    assert not Signature.objects.exists()


def test_a_second_signature_for_a_role_is_refused(recruiter):
    _, agreement = pending_application(recruiter)
    sign_participant(agreement)
    with pytest.raises(DomainError, match="already signed"):
        sign_participant(agreement)
    with pytest.raises(IntegrityError):
        Signature.objects.create(
            agreement=agreement, role=SignerRole.PARTICIPANT, name="X", email="x@example.org",
            signed_at=timezone.now(), version=agreement.version, text_sha256="0" * 64,
        )  # fmt: skip


def test_wrong_used_and_expired_links_sign_nothing(recruiter):
    _, agreement = pending_application(recruiter)
    token = consent_token(agreement)
    with pytest.raises(LinkNotFound):
        sign_guardian(agreement, token=token + "x")
    sign_guardian(agreement, token=token)
    with pytest.raises(LinkUsed):
        sign_guardian(agreement, token=token)
    _, other = pending_application(recruiter)
    other.link_expires_at = timezone.now() - timedelta(seconds=1)
    other.save(update_fields=["link_expires_at"])
    with pytest.raises(LinkExpired):
        sign_guardian(other)
    assert list(Signature.objects.values_list("agreement", flat=True)) == [agreement.pk]


# --- the PDF ------------------------------------------------------------------------------


def test_all_signed_renders_and_stores_the_pdf_and_tells_both(recruiter, django_capture_on_commit_callbacks):
    application, agreement = pending_application(recruiter, applicant__full_name="Alex Applicant")
    sign_participant(agreement)
    with django_capture_on_commit_callbacks(execute=True):
        sign_guardian(agreement)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.READY
    assert agreement.pdf.name.startswith("agreements/") and "Alex" not in agreement.pdf.name
    with agreement.pdf.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert "is ready" in email(application.applicant.email, "vetting/agreement_ready").subject
    guardian_ready = email("pat.parent@example.org", "vetting/agreement_ready_guardian")
    assert "Alex Applicant" in guardian_ready.body_text and not guardian_ready.sensitive


def test_the_pdf_holds_participant_guardian_version_hash_and_insurance(recruiter, settings):
    settings.AGREEMENT_FORCE_NAME = "Kent Police"
    application, agreement = pending_application(recruiter, applicant__full_name="Alex Applicant")
    sign_participant(agreement)
    sign_guardian(agreement, name="Patricia Parent")
    document = render_document(agreement)
    pages = page_texts(document)
    text = " ".join(pages)
    for expected in (
        "Kent Police",
        "Alex Applicant",
        "Patricia Parent",
        "pat.parent@example.org",
        "203.0.113.7",
        "Agreement version 1",
        "£3,500",
        "£250",
        application.programme.title,
    ):
        assert expected in text, expected
    # the last page lists the evidence and the text's hash (a long hash wraps: compare without spaces)
    assert "Evidence of signature" in pages[-1] and "Evidence of signature" not in pages[0]
    assert agreement.version.text_sha256 in "".join(pages[-1].split())
    assert document.write_pdf().startswith(b"%PDF-")


def test_the_last_signature_tells_the_records_app_once(recruiter, monkeypatch):
    from placements.models import WorkExperienceApplication
    from placements.vetted import describe, ended_before
    from vetting import subjects

    told = []
    hooks = {"on_agreement_signed": lambda record, by: told.append(record.pk)}
    registration = subjects._Registration(describe, hooks, ended_before)
    monkeypatch.setitem(subjects._REGISTRY, WorkExperienceApplication, registration)
    application, agreement = pending_application(recruiter)
    sign_participant(agreement)
    assert told == []
    sign_guardian(agreement)
    assert told == [application.pk]
