"""Reads of the programme's pages, each fetching what its rows show up front (STYLE.md
"Reads": one number of queries for 1 enrolment or 50)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Max

from accounts.roles import STAFF_ROLES

from .models import ProgrammeEnrolment, ProgrammeIntake


def open_intakes(today):
    return ProgrammeIntake.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on", "pk")


def enrolments_of(candidate):
    return ProgrammeEnrolment.objects.filter(candidate=candidate).select_related("intake", "buddy")


def with_sessions(enrolments):
    """How many support sessions each had, and the latest one's date (never the notes)."""
    return enrolments.annotate(session_count=Count("support_sessions"), last_session=Max("support_sessions__held_on"))


def enrolments_for_staff(user):
    """Every enrolment for the programme staff; for anyone else the ones they buddy."""
    enrolments = ProgrammeEnrolment.objects.select_related("intake", "candidate", "buddy")
    if user.has_perm("outreach.run_programme"):
        return enrolments
    return enrolments.filter(buddy=user)


def staff_members():
    """Who may be chosen as a buddy: active staff."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=STAFF_ROLES)
        .distinct()
        .order_by("full_name", "email")
    )
