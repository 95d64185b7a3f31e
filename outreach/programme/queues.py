"""The programme's work queues on the staff home (accounts.queues; issue 12): applications
waiting for the programme staff's decision, and, for every member of staff, the enrolled
candidates they buddy (any staff member may be chosen, so each sees the count, often 0)."""

from django.urls import reverse

from accounts.queues import Queue, register
from accounts.roles import STAFF_ROLES, Role

from .enums import EnrolmentStatus
from .models import ProgrammeEnrolment

TO_DECIDE = "programme_applications_to_decide"
BUDDIED = "programme_candidates_you_buddy"

register(
    Queue(
        TO_DECIDE,
        "Programme applications to decide",
        frozenset({Role.DIVERSITY_PLACEMENTS_OFFICER}),
        "outreach.run_programme",
        lambda user, today: ProgrammeEnrolment.objects.filter(status=EnrolmentStatus.APPLIED),
        lambda: f"{reverse('programme_staff_enrolments')}?queue={TO_DECIDE}",
    ),
    Queue(
        BUDDIED,
        "Candidates you buddy",
        STAFF_ROLES,
        "outreach.buddy_candidates",
        lambda user, today: ProgrammeEnrolment.objects.filter(status=EnrolmentStatus.ENROLLED, buddy=user),
        lambda: reverse("programme_staff_buddied"),
    ),
)
