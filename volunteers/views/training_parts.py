"""What the application pages show of the training and the designated powers (issue 11):
on the team's application page, a trainee's weekends and an active volunteer's powers with
the form to grant another; on "Your volunteer applications", the trainee's weekends and the
volunteer's powers. Kept apart from the views so both pages can include it."""

from django.db.models import Prefetch
from django.urls import reverse

from ..enums import VolunteerApplicationStatus
from ..models import GrantedPower, TrainingCourse
from ..services.powers import grantable_powers
from ..training_forms import GrantPowerForm

S = VolunteerApplicationStatus
# Applicants read their training from their applications: prefetched for the whole list.
APPLICANT_PREFETCH = (
    "campaign__training_course__sessions",
    "training_attendance",
    Prefetch(
        "granted_powers",
        queryset=GrantedPower.objects.filter(withdrawn_on__isnull=True).select_related("power"),
        to_attr="held_powers",
    ),
)


def _course(campaign):
    try:
        return campaign.training_course
    except TrainingCourse.DoesNotExist:
        return None


def weekends(application) -> list[tuple]:
    """(session, attended: True, False or None when not recorded) of the application's
    course, for a trainee or a volunteer who completed it; [] for anyone else."""
    course = _course(application.campaign)
    if application.status not in (S.IN_TRAINING, S.ACTIVE) or course is None:
        return []
    attended = {row.session_id: row.attended for row in application.training_attendance.all()}
    return [(session, attended.get(session.pk)) for session in course.sessions.all()]


def applicant_parts(application) -> dict:
    """For a row of "Your volunteer applications" (prefetched with APPLICANT_PREFETCH)."""
    return {
        "weekends": weekends(application) if application.status == S.IN_TRAINING else [],
        "powers": application.held_powers if application.status == S.ACTIVE else [],
    }


def staff_parts(application) -> dict:
    """For the team's application page."""
    course = _course(application.campaign)
    parts = {"weekends": weekends(application), "course": course, "grants": [], "power_form": None}
    if application.status == S.ACTIVE:
        parts["grants"] = application.granted_powers.select_related("power", "granted_by", "withdrawn_by")
        powers = grantable_powers(application)
        if powers.exists():
            form = GrantPowerForm(application=application, powers=powers)
            form.form_action = reverse("volunteer_staff_grant_power", args=[application.pk])
            parts["power_form"] = form
    return parts
