"""A double click, or two tabs, sending the same application at the same moment: the
campaign row is locked, so exactly one application is made, one email sent, and the other
is refused in words (issue 11: one live application per person per campaign). PostgreSQL only."""

from datetime import date

import pytest

from kentplacements.workflow import DomainError
from notifications.models import Notification
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.models import InterviewSlot, VolunteerApplication
from volunteers.services.applications import submit_application
from volunteers.services.interviews import TAKEN, book_interview

from .factories import (
    InterviewingCampaignFactory,
    InterviewSlotFactory,
    OpenCampaignFactory,
    ShortlistedApplicationFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]
ANSWERS = {
    "date_of_birth": date(1990, 3, 27),
    "lives_or_works_in_area": True,
    "can_give_hours": True,
    "right_to_volunteer": True,
    "motivation": "To help.",
    "availability": "Saturdays.",
}


def test_the_same_application_sent_five_times_at_once_is_made_once():
    campaign = OpenCampaignFactory()
    applicant = UserFactory()

    outcomes = at_once(lambda _: submit_application(campaign, applicant, dict(ANSWERS)), range(5), refusal=DomainError)

    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(refused) == 4 and all("You have already applied" in str(o) for o in refused)
    assert VolunteerApplication.objects.filter(campaign=campaign, applicant=applicant).count() == 1
    assert Notification.objects.filter(template="volunteers/volunteer_submitted").count() == 1


def test_thirty_simultaneous_bookings_of_ten_slots_give_exactly_ten():
    """Issue 11: "30 simultaneous bookings of 10 slots give exactly 10": three candidates
    click each slot at the same moment; the conditional UPDATE gives each slot to one."""
    campaign = InterviewingCampaignFactory()
    slots = InterviewSlotFactory.create_batch(10, campaign=campaign)
    candidates = ShortlistedApplicationFactory.create_batch(30, campaign=campaign)

    outcomes = at_once(
        lambda pair: book_interview(pair[0], pair[1], by=pair[0].applicant),
        [(candidate, slots[n % 10]) for n, candidate in enumerate(candidates)],
        refusal=DomainError,
    )

    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(refused) == 20 and all(str(o) == TAKEN for o in refused)
    assert InterviewSlot.objects.filter(campaign=campaign, application__isnull=False).count() == 10
    assert VolunteerApplication.objects.filter(status=VolunteerApplicationStatus.INTERVIEW_BOOKED).count() == 10
    assert Notification.objects.filter(template="volunteers/volunteer_interview_booked").count() == 10
