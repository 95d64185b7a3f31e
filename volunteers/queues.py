"""Volunteer recruitment's work queue on the staff home (issue 11, accounts.queues): the
Corporate Recruitment Team "recruits volunteers" (DOMAIN.md §1). Medicals to check and
offers outstanding join it with their stages."""

from django.urls import reverse
from django.utils import timezone

from accounts.queues import Queue, register
from accounts.roles import Role

from .enums import LIVE_APPLICATIONS, MedicalCertificateStatus, VolunteerApplicationStatus
from .models import VolunteerApplication

SHORTLIST_QUEUE = "volunteer_applications_to_shortlist"
INTERVIEWS_QUEUE = "volunteer_interviews_to_record"
MEDICAL_QUEUE = "volunteer_medical_certificates_to_check"
OFFERS_QUEUE = "volunteer_offers_outstanding"


def _to_shortlist(user, today):
    return VolunteerApplication.objects.filter(status=VolunteerApplicationStatus.SUBMITTED)


def _interviews_to_record(user, today):
    """Booked interviews whose time has come: the team records their outcome (issue 11)."""
    return VolunteerApplication.objects.filter(
        status=VolunteerApplicationStatus.INTERVIEW_BOOKED, interview_slot__starts_at__lte=timezone.now()
    )


def _medicals_to_check(user, today):
    """Uploaded certificates of applications still in the running: one withdrawn or rejected
    (or erased on request, issue 13) has nothing left to check, and could not move on if it were."""
    return VolunteerApplication.objects.filter(
        medical_certificate__status=MedicalCertificateStatus.UPLOADED, status__in=LIVE_APPLICATIONS
    )


def _offers_outstanding(user, today):
    """Offers the candidates have not answered yet: the team may chase them (issue 11)."""
    return VolunteerApplication.objects.filter(status=VolunteerApplicationStatus.OFFERED)


def _applications_in(queue):
    return lambda: f"{reverse('volunteer_staff_applications')}?queue={queue}"


register(
    Queue(
        SHORTLIST_QUEUE,
        "Volunteer applications to shortlist",
        frozenset({Role.RECRUITMENT_TEAM}),
        "volunteers.review_applications",
        _to_shortlist,
        _applications_in(SHORTLIST_QUEUE),
    ),
    Queue(
        MEDICAL_QUEUE,
        "Medical certificates to check",
        frozenset({Role.RECRUITMENT_TEAM}),
        "volunteers.review_applications",
        _medicals_to_check,
        _applications_in(MEDICAL_QUEUE),
    ),
    Queue(
        INTERVIEWS_QUEUE,
        "Interviews to record",
        frozenset({Role.RECRUITMENT_TEAM}),
        "volunteers.review_applications",
        _interviews_to_record,
        _applications_in(INTERVIEWS_QUEUE),
    ),
    Queue(
        OFFERS_QUEUE,
        "Volunteer offers outstanding",
        frozenset({Role.RECRUITMENT_TEAM}),
        "volunteers.review_applications",
        _offers_outstanding,
        _applications_in(OFFERS_QUEUE),
    ),
)
