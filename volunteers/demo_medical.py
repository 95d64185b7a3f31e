"""Demo data for the fitness test and the medical certificate (issue 11): the demo
volunteer has passed the fitness test and is asked for their medical certificate; the
recruiter has one test to record and one certificate to check."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.audit import move_status

from .enums import APPLICATION_WORKFLOW, VolunteerApplicationStatus
from .services.applications import shortlist_application, submit_application
from .services.fitness import book_fitness_test, record_fitness_result
from .services.medical import upload_medical_certificate

S = VolunteerApplicationStatus
DEMO_CERTIFICATE = (
    b"%PDF-1.4\n% demo medical certificate\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
GYM = "Maidstone Police Station gym, Palace Avenue, Maidstone ME15 6NF"


@transaction.atomic
def _interviewed(application, recruiter):
    """Shortlisted and interviewed. The demo campaign's interview period is still to come, so
    its interview services (which take a published time, and an outcome only after it) cannot
    have run: the demo walks the one transition table, logged as those services log."""
    application = shortlist_application(application, by=recruiter)
    for target, action in ((S.INTERVIEW_BOOKED, "book_interview"), (S.INTERVIEWED, "pass_interview")):
        move_status(application, target, workflow=APPLICATION_WORKFLOW, by=recruiter, action=action)
    return application


def _fitness_booked(application, recruiter):
    application = _interviewed(application, recruiter)
    when = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=7)
    book_fitness_test(application, by=recruiter, booked_for=when, place=GYM)
    return application


def seed_fitness_medical_demo(campaign, *, volunteer_application, others, recruiter, answers):
    """``others``: (user, motivation) of two applicants without a login."""
    application = _fitness_booked(volunteer_application, recruiter)
    record_fitness_result(application, by=recruiter, passed=True, assessor="PC Jo Hart")
    (tested, tested_why), (certified, certified_why) = others
    _fitness_booked(submit_application(campaign, tested, answers(tested_why)), recruiter)
    with_certificate = _fitness_booked(submit_application(campaign, certified, answers(certified_why)), recruiter)
    record_fitness_result(with_certificate, by=recruiter, passed=True, assessor="PC Jo Hart")
    upload = SimpleUploadedFile("certificate.pdf", DEMO_CERTIFICATE)
    upload_medical_certificate(with_certificate, by=certified, upload=upload)
