"""Vetting's demo data, from seed_demo. Safe to run again: it changes nothing twice.

- The agreement's first version, and signed, sealed Work Placement Agreements (with their
  PDFs) for the participants of the programme running this week, so the applicant and the
  recruitment team have one to read and download.
- Those participants' vetting complete as well (protocol 3.3.2: "once the necessary checks and
  references have been completed"): their checks cleared and a reference received.
- An application in vetting with one check cleared and one in progress, on the demo vetting
  officer's home ("Vetting to decide") and their vetting page (issue 10), and its references,
  made through the services as in real life: one answered by its referee, one still waiting."""

import hashlib
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from notifications.models import Notification

from . import subjects
from .enums import WORK_EXPERIENCE_CHECKS, CheckStatus, ReferenceStatus
from .models import AgreementStatus, Reference, Signature, SignerRole, VettingCheck, WorkPlacementAgreement
from .pdf import render_agreement_pdf
from .services.agreements import ensure_current_version, seal_agreement_pdf
from .services.checks import checks_of, clear_check, request_checks, start_check
from .services.references import references_for, request_reference, submit_reference


def seed_agreements_demo(signed_records) -> None:
    version = ensure_current_version()
    for record in signed_records:
        if WorkPlacementAgreement.objects.filter(**subjects.pointer(record)).exists():
            continue
        _signed_agreement(record, version)


def _signed_agreement(record, version):
    """Written directly, as the demo's confirmed applications are: the emails the services
    send belong to a real signing, not to demo data."""
    subject = subjects.describe(record)
    signed_at = timezone.now() - timedelta(days=20)
    agreement = WorkPlacementAgreement.objects.create(
        **subjects.pointer(record),
        version=version,
        participant=subject.account,
        guardian_needed=bool(subject.guardian_email),
        guardian_email=subject.guardian_email,
        status=AgreementStatus.SIGNED,
        signed_at=signed_at,
    )
    signers = [(SignerRole.PARTICIPANT, subject.person_name, subject.email)]
    if agreement.guardian_needed:
        signers.append((SignerRole.GUARDIAN, subject.guardian_name, subject.guardian_email))
    for role, name, email in signers:
        Signature.objects.create(
            agreement=agreement, role=role, name=name, email=email, signed_at=signed_at, ip_address="192.0.2.10",
            user_agent="Mozilla/5.0 (demo data)", version=version, text_sha256=version.text_sha256,
        )  # fmt: skip
    pdf = seal_agreement_pdf(agreement, render_agreement_pdf(agreement))
    agreement.pdf.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
    agreement.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    agreement.status, agreement.ready_at = AgreementStatus.READY, signed_at
    agreement.save()


def seed_completed_vetting_demo(records, *, vetting_officer) -> None:
    """Protocol 3.3.2 for the records past it (a confirmed place): checks and references done."""
    for record in records:
        if not checks_of(record).exists():
            write_completed_vetting(record, officer=vetting_officer, at=timezone.now() - timedelta(days=30))


def write_completed_vetting(record, *, officer, at) -> None:
    """The required checks cleared until a year after the placement, and one reference
    received. Written directly, for demo data and tests: the services' emails (the referee's
    link above all) belong to real vetting, which vetting's own tests drive."""
    subject = subjects.describe(record)
    ends_on = subject.ends_on
    for check_type in WORK_EXPERIENCE_CHECKS:
        VettingCheck.objects.create(
            **subjects.pointer(record),
            check_type=check_type,
            status=CheckStatus.CLEARED,
            requested_by=officer,
            requested_at=at,
            decided_by=officer,
            decided_at=at,
            expires_on=ends_on + timedelta(days=365),
            needed_until=ends_on,
        )
    Reference.objects.create(
        **subjects.pointer(record),
        about=f"{subject.person_name}, {subject.title}"[:300],
        referee_name="Robin Tutor",
        referee_email="robin.tutor@example.org",
        relationship="Form tutor",
        status=ReferenceStatus.RECEIVED,
        requested_by=officer,
        requested_at=at,
        received_at=at,
        link_used_at=at,
        **DEMO_ANSWERS,
    )


def seed_vetting_demo(*, record, vetting_officer):
    """The record's required checks: the first cleared, the second in progress. Through the
    services (the action log tells the story); none of these moves sends an email."""
    if checks_of(record).exists():
        return
    first, second = request_checks(record, WORK_EXPERIENCE_CHECKS, by=vetting_officer)
    start_check(first, by=vetting_officer)
    clear_check(first, by=vetting_officer)
    start_check(second, by=vetting_officer)


DEMO_ANSWERS = {
    "known_for": "Two years",
    "known_as": "As their form tutor",
    "suitability": "Punctual, honest and thoughtful; works well with adults and younger students.",
    "recommendation": "yes",
    "anything_else": "",
}


def seed_references_demo(record, *, by):
    if references_for(record).exists():
        return
    answered = request_reference(
        record, by=by, referee_name="Robin Tutor", referee_email="robin.tutor@example.org", relationship="Form tutor"
    )
    request_reference(
        record, by=by, referee_name="Casey Coach", referee_email="casey.coach@example.org", relationship="Netball coach"
    )
    # The referee follows the link in their email (its token exists nowhere else).
    link = Notification.objects.get(template="vetting/reference_request", related_id=str(answered.pk)).context
    submit_reference(link["link_url"].rstrip("/").rsplit("/", 1)[1], answers=DEMO_ANSWERS)
