"""A double click, or two tabs, sending the same application at the same moment: the
campaign row is locked, so exactly one application is made, one email sent, and the other
is refused in words (issue 11: one live application per person per campaign). PostgreSQL only."""

from datetime import date

import pytest

from kentplacements.workflow import DomainError
from notifications.models import Notification
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory
from volunteers.models import VolunteerApplication
from volunteers.services.applications import submit_application

from .factories import OpenCampaignFactory

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
