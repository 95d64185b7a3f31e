"""Volunteers' hours in the permission matrix (issue 11). An active volunteer opens the hours
of their own application: ``volunteer_applicant`` owns one not active yet (as in the demo),
and is sent back to their applications; another person's hours or duty is a 404 (the owner's
pages: volunteers/tests/test_hours.py). The recruitment team alone reads "Volunteer hours"
and its CSV."""

from tests.matrix import LOGIN, MFA, by_persona

from .factories import DutyLogFactory, VolunteerApplicationFactory

OWNER_SENT_BACK = by_persona(
    "404", anonymous=LOGIN, staff_without_mfa=MFA, volunteer_applicant="→volunteer_my_applications"
)
SOMEONE_ELSES = by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA)
TEAM_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200")

HOURS_MATRIX = {
    "volunteer_hours": OWNER_SENT_BACK,
    "volunteer_duty_change": SOMEONE_ELSES,
    "volunteer_duty_remove": SOMEONE_ELSES,
    "volunteer_staff_hours": TEAM_ONLY,
    "volunteer_staff_hours_csv": TEAM_ONLY,
}
# An empty duty: the owner not yet active is sent back, nothing saved; anyone else's is a 404.
HOURS_POST_MATRIX = {
    "volunteer_hours": OWNER_SENT_BACK,
    "volunteer_duty_change": SOMEONE_ELSES,
    "volunteer_duty_remove": SOMEONE_ELSES,
}


def hours_url_arguments(people):
    own = VolunteerApplicationFactory(applicant=people["volunteer_applicant"])
    duty = DutyLogFactory()
    someone_elses = {"application_id": duty.application_id, "duty_id": duty.pk}
    return {
        "volunteer_hours": {"application_id": own.pk},
        "volunteer_duty_change": someone_elses,
        "volunteer_duty_remove": someone_elses,
    }
