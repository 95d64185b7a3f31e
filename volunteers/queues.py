"""Volunteer recruitment's work queue on the staff home (issue 11, accounts.queues): the
Corporate Recruitment Team "recruits volunteers" (DOMAIN.md §1). Interviews to record,
medicals to check and offers outstanding join it with their stages."""

from django.urls import reverse

from accounts.queues import Queue, register
from accounts.roles import Role

from .enums import VolunteerApplicationStatus
from .models import VolunteerApplication

SHORTLIST_QUEUE = "volunteer_applications_to_shortlist"


def _to_shortlist(user, today):
    return VolunteerApplication.objects.filter(status=VolunteerApplicationStatus.SUBMITTED)


register(
    Queue(
        SHORTLIST_QUEUE,
        "Volunteer applications to shortlist",
        frozenset({Role.RECRUITMENT_TEAM}),
        "volunteers.review_applications",
        _to_shortlist,
        lambda: f"{reverse('volunteer_staff_applications')}?queue={SHORTLIST_QUEUE}",
    ),
)
