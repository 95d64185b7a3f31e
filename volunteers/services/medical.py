"""The medical certificate (seed 002: CPV applicants "provide a medical certificate";
issue 11): the applicant uploads it when their application reaches the medical step, the
recruitment team accepts it or asks for another. The file is checked by its content with
the project's one upload check (placements.uploads), stored under a random name, never
named in the action log or an email, and deleted when another is asked for."""

from django.db import transaction
from django.utils import timezone

from accounts.audit import move_status, record_action
from kentplacements.workflow import DomainError
from placements.uploads import checked_extension, remove_on_commit, rename_at_random

from ..enums import MEDICAL_WORKFLOW, MedicalCertificateStatus, VolunteerApplicationStatus, medical_stage_reached
from ..models import MedicalCertificate
from .applications import email_applicant, locked_application, move_application

M = MedicalCertificateStatus
MEDICAL_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
MEDICAL_TYPES_TEXT = "a PDF, a JPEG or a PNG"


def check_medical_file(upload) -> str:
    """The stored extension, or a DomainError the form shows next to the file field."""
    return checked_extension(upload, MEDICAL_TYPES, MEDICAL_TYPES_TEXT)


def can_upload(application) -> bool:
    certificate = getattr(application, "medical_certificate", None)
    return medical_stage_reached(application) and (certificate is None or certificate.status == M.ANOTHER_REQUESTED)


@transaction.atomic
def upload_medical_certificate(application, *, by, upload) -> MedicalCertificate:
    if by != application.applicant:
        raise DomainError("Only the applicant uploads their medical certificate.")
    application = locked_application(application)
    if not can_upload(application):
        raise DomainError("This application is not waiting for a medical certificate.")
    extension = check_medical_file(upload)
    certificate = getattr(application, "medical_certificate", None)
    if certificate is None:
        certificate = MedicalCertificate(application=application, status=M.UPLOADED)
    else:
        MEDICAL_WORKFLOW.check(certificate.status, M.UPLOADED)
        certificate.status, certificate.another_reason = M.UPLOADED, ""
    remove_on_commit(certificate.file)  # none after "another asked for", but never leave one behind
    certificate.file = rename_at_random(upload, extension)
    certificate.uploaded_at = timezone.now()
    certificate.checked_by = certificate.checked_at = None
    certificate.save()
    record_action(certificate, action="upload_medical_certificate", by=by, to_state=M.UPLOADED)
    email_applicant(application, "medical_uploaded", key_suffix=f"-{certificate.uploaded_at:%s%f}")
    return certificate


def _locked_certificate(certificate) -> MedicalCertificate:
    return (
        MedicalCertificate.objects.select_for_update(of=("self",))
        .select_related("application__campaign__role", "application__applicant")
        .get(pk=certificate.pk)
    )


@transaction.atomic
def accept_medical_certificate(certificate, *, by) -> MedicalCertificate:
    certificate = _locked_certificate(certificate)
    move_status(
        certificate, M.ACCEPTED, workflow=MEDICAL_WORKFLOW, by=by, action="accept_medical_certificate",
        checked_by=by, checked_at=timezone.now(),
    )  # fmt: skip
    application = move_application(
        certificate.application, VolunteerApplicationStatus.MEDICAL_RECEIVED, by=by, action="medical_received"
    )
    email_applicant(application, "medical_accepted")
    return certificate


@transaction.atomic
def ask_for_another_certificate(certificate, *, by, reason: str) -> MedicalCertificate:
    """The applicant is emailed the reason; the refused file is deleted from storage once
    the change commits (a rollback keeps it)."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why another certificate is needed: the applicant reads it.")
    certificate = _locked_certificate(certificate)
    old_file = certificate.file
    move_status(
        certificate, M.ANOTHER_REQUESTED, workflow=MEDICAL_WORKFLOW, by=by, action="ask_for_another_certificate",
        reason=reason, another_reason=reason, checked_by=by, checked_at=timezone.now(), file="",
    )  # fmt: skip
    remove_on_commit(old_file)
    email_applicant(
        certificate.application, "medical_another", reason=reason, key_suffix=f"-{certificate.checked_at:%s%f}"
    )
    return certificate
