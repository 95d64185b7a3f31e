"""The fitness test and the medical certificate (issue 11; seed 002: CPV applicants "will
need to successfully pass a fitness test and provide a medical certificate"): each service
checked, logged without the file's name, and emailed; the refused file deleted."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.uploads import MAX_PRESENTATION_BYTES
from volunteers.enums import FitnessResult, MedicalCertificateStatus, VolunteerApplicationStatus
from volunteers.models import MedicalCertificate
from volunteers.services.fitness import book_fitness_test, record_fitness_result
from volunteers.services.medical import (
    accept_medical_certificate,
    ask_for_another_certificate,
    upload_medical_certificate,
)

from .factories import MEDICAL_PDF, PROGRAM_BYTES, interviewed_application

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus
M = MedicalCertificateStatus
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(name="my-gp-letter.pdf", content=MEDICAL_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def in_a_week():
    return timezone.now() + timedelta(days=7)


def booked(application, recruiter):
    return book_fitness_test(application, by=recruiter, booked_for=in_a_week(), place="Maidstone Police Gym")


def at_medical_step(recruiter):
    application = interviewed_application()
    booked(application, recruiter)
    record_fitness_result(application, by=recruiter, passed=True, assessor="PC Jo Hart")
    application.refresh_from_db()
    return application


def uploaded(application, **kwargs):
    return upload_medical_certificate(application, by=application.applicant, upload=pdf(**kwargs))


def test_booking_the_fitness_test_emails_the_applicant_when_and_where(recruiter):
    application = interviewed_application()
    test = booked(application, recruiter)
    assert (test.place, test.booked_by, test.result) == ("Maidstone Police Gym", recruiter, "")
    email = Notification.objects.get(template="volunteers/volunteer_fitness_booked")
    assert email.recipient == application.applicant.email
    assert "Maidstone Police Gym" in email.body_text
    assert f"{timezone.localtime(test.booked_for):%-d %B %Y}" in email.body_text
    assert ActionLog.objects.filter(action="book_fitness_test", object_id=str(application.pk)).exists()


@pytest.mark.parametrize(
    ("fitness", "status", "problem"),
    [(False, S.INTERVIEWED, "not waiting"), (True, S.SHORTLISTED, "not waiting"), (True, S.REJECTED, "not waiting")],
)
def test_no_fitness_test_is_booked_for_an_application_not_waiting_for_one(recruiter, fitness, status, problem):
    application = interviewed_application(fitness=fitness, status=status, rejection_reason="x")
    with pytest.raises(DomainError, match=problem):
        booked(application, recruiter)


def test_a_test_in_the_past_or_with_no_place_is_refused(recruiter):
    application = interviewed_application()
    with pytest.raises(DomainError, match="future"):
        book_fitness_test(application, by=recruiter, booked_for=timezone.now() - timedelta(hours=1), place="Gym")
    with pytest.raises(DomainError, match="where"):
        book_fitness_test(application, by=recruiter, booked_for=in_a_week(), place="  ")


def test_a_pass_moves_to_fitness_passed_and_tells_the_applicant_the_certificate_is_next(recruiter):
    application = at_medical_step(recruiter)
    assert application.status == S.FITNESS_PASSED
    test = application.fitness_test
    assert (test.result, test.assessor, test.recorded_by) == (FitnessResult.PASSED, "PC Jo Hart", recruiter)
    email = Notification.objects.get(template="volunteers/volunteer_fitness_passed")
    assert "medical certificate" in email.body_text
    with pytest.raises(DomainError, match="already recorded"):
        record_fitness_result(application, by=recruiter, passed=False, assessor="PC Jo Hart", reason="x")


def test_a_fail_rejects_the_application_with_the_reason(recruiter):
    application = interviewed_application()
    booked(application, recruiter)
    with pytest.raises(DomainError, match="reason"):
        record_fitness_result(application, by=recruiter, passed=False, assessor="PC Jo Hart")
    record_fitness_result(application, by=recruiter, passed=False, assessor="PC Jo Hart", reason="The bleep test.")
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == (S.REJECTED, "The bleep test.")
    assert application.fitness_test.result == FitnessResult.FAILED
    assert "The bleep test." in Notification.objects.get(template="volunteers/volunteer_rejected").body_text


def test_no_result_without_a_booking_or_an_assessor(recruiter):
    application = interviewed_application()
    with pytest.raises(DomainError, match="Book the fitness test"):
        record_fitness_result(application, by=recruiter, passed=True, assessor="PC Jo Hart")
    booked(application, recruiter)
    with pytest.raises(DomainError, match="assessor"):
        record_fitness_result(application, by=recruiter, passed=True, assessor=" ")


def test_the_applicant_uploads_at_the_medical_step_under_a_random_name(recruiter):
    application = at_medical_step(recruiter)
    certificate = uploaded(application)
    assert certificate.status == M.UPLOADED
    assert certificate.file.name.startswith("medical/") and certificate.file.name.endswith(".pdf")
    assert "my-gp-letter" not in certificate.file.name
    assert certificate.file.read() == MEDICAL_PDF
    entry = ActionLog.objects.get(action="upload_medical_certificate")
    assert certificate.file.name.rsplit("/", 1)[-1] not in f"{entry.reason}{entry.to_state}"
    email = Notification.objects.get(template="volunteers/volunteer_medical_uploaded")
    assert email.recipient == application.applicant.email
    assert certificate.file.name not in email.body_text and "my-gp-letter" not in email.body_text


def test_a_role_without_a_fitness_test_takes_the_certificate_after_the_interview():
    application = interviewed_application(fitness=False)
    assert uploaded(application).status == M.UPLOADED


@pytest.mark.parametrize(
    ("upload", "problem"),
    [
        (SimpleUploadedFile("certificate.pdf", PROGRAM_BYTES), "must be a PDF, a JPEG or a PNG"),
        (SimpleUploadedFile("certificate.txt", b"I am fit"), "must be a PDF, a JPEG or a PNG"),
        (SimpleUploadedFile("certificate.pdf", b""), "empty"),
        (SimpleUploadedFile("big.pdf", MEDICAL_PDF + b"0" * MAX_PRESENTATION_BYTES), "10 MB or smaller"),
    ],
    ids=["program renamed .pdf", "text", "empty", "over 10 MB"],
)
def test_a_file_that_is_not_a_certificate_is_refused(recruiter, upload, problem):
    application = at_medical_step(recruiter)
    with pytest.raises(DomainError, match=problem):
        upload_medical_certificate(application, by=application.applicant, upload=upload)
    assert not MedicalCertificate.objects.exists()


def test_only_the_applicant_uploads_and_only_at_the_medical_step(recruiter):
    application = interviewed_application()
    with pytest.raises(DomainError, match="not waiting"):
        uploaded(application)
    application = at_medical_step(recruiter)
    with pytest.raises(DomainError, match="Only the applicant"):
        upload_medical_certificate(application, by=recruiter, upload=pdf())
    uploaded(application)
    with pytest.raises(DomainError, match="not waiting"):
        uploaded(application)


def test_accepting_the_certificate_moves_to_medical_received(recruiter):
    application = at_medical_step(recruiter)
    certificate = accept_medical_certificate(uploaded(application), by=recruiter)
    application.refresh_from_db()
    assert (certificate.status, certificate.checked_by, application.status) == (
        M.ACCEPTED,
        recruiter,
        S.MEDICAL_RECEIVED,
    )
    email = Notification.objects.get(template="volunteers/volunteer_medical_accepted")
    assert email.recipient == application.applicant.email and "accepted" in email.body_text


def test_asking_for_another_deletes_the_file_and_the_applicant_uploads_again(
    recruiter, django_capture_on_commit_callbacks
):
    application = at_medical_step(recruiter)
    certificate = uploaded(application)
    storage, old_name = certificate.file.storage, certificate.file.name
    with pytest.raises(DomainError, match="why"):
        ask_for_another_certificate(certificate, by=recruiter, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        certificate = ask_for_another_certificate(certificate, by=recruiter, reason="It is not signed by a doctor.")
    assert (certificate.status, certificate.file.name) == (M.ANOTHER_REQUESTED, "")
    assert not storage.exists(old_name)
    email = Notification.objects.get(template="volunteers/volunteer_medical_another")
    assert email.recipient == application.applicant.email
    assert "It is not signed by a doctor." in email.body_text and old_name not in email.body_text
    application.refresh_from_db()
    again = upload_medical_certificate(
        application, by=application.applicant, upload=SimpleUploadedFile("scan.png", PNG)
    )
    assert (again.pk, again.status, again.another_reason) == (certificate.pk, M.UPLOADED, "")
    assert again.file.name.endswith(".png")
