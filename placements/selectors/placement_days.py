"""Reads for the placement days. Querysets are scoped to the person asking: a participant
not escorted by this officer, or another applicant's application, is not in them, so
the page answers 404 (STYLE.md "Permissions")."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from accounts.roles import Role, has_role

from ..enums import ApplicationStatus
from ..models import AttendanceRecord, WorkExperienceApplication

# Applications whose days are under way or about to be.
ON_PLACEMENT = (ApplicationStatus.CONFIRMED, ApplicationStatus.ATTENDING)
# Issue 10: an escorting officer sees a participant once their place is confirmed (not
# while they are still being vetted or have withdrawn), and afterwards their record.
ESCORT_SEES = (*ON_PLACEMENT, ApplicationStatus.COMPLETED)
# The supervisors also see those cleared by vetting, to complete the Student Placement
# Risk Assessment before the first day (protocol 3.5.4).
TEAM_SEES = (ApplicationStatus.CLEARED, ApplicationStatus.AGREEMENT_PENDING, *ON_PLACEMENT)


def _holding_role(role):
    return get_user_model().objects.filter(groups__name=role, is_active=True).order_by("pk").distinct()


def recruitment_team():
    return _holding_role(Role.RECRUITMENT_TEAM)


def escorting_officers():
    return _holding_role(Role.ESCORTING_OFFICER).order_by("full_name", "pk")


def participants_for(user):
    """The Corporate Recruitment Team sees every participant from clearance on; an
    escorting officer only the ones assigned to them, once confirmed."""
    applications = WorkExperienceApplication.objects.select_related("applicant", "programme", "escorting_officer")
    if has_role(user, Role.RECRUITMENT_TEAM):
        return applications.filter(status__in=TEAM_SEES)
    return applications.filter(escorting_officer=user, status__in=ESCORT_SEES)


def own_applications(user):
    return WorkExperienceApplication.objects.select_related("programme").filter(applicant=user)


def register_rows(programme, day):
    """The day's register: each participant with that day's record, if any, prefetched."""
    records = AttendanceRecord.objects.filter(date=day)
    return (
        programme.applications.filter(status__in=ON_PLACEMENT)
        .select_related("applicant")
        .prefetch_related(Prefetch("attendance", queryset=records, to_attr="records_of_day"))
        .order_by("applicant__full_name", "pk")
    )
