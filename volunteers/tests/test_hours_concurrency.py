"""Five duties of 10 hours sent for one day at the same moment (two tabs, a double click):
the application's row is locked while the day's total is checked, so exactly two are
logged and the day stays within 24 hours (issue 11). PostgreSQL only."""

from decimal import Decimal

import pytest
from django.utils import timezone

from kentplacements.workflow import DomainError
from tests.concurrency import at_once, needs_postgresql
from volunteers.services.hours import log_duty

from .factories import ActiveVolunteerFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_a_days_duties_sent_at_once_stay_within_24_hours():
    volunteer = ActiveVolunteerFactory()
    today = timezone.localdate()

    outcomes = at_once(
        lambda n: log_duty(volunteer, by=volunteer.applicant, date=today, hours=Decimal(10), activity=f"Patrol {n}"),
        range(5),
        refusal=DomainError,
    )

    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(refused) == 3 and all("already logged 20 hours" in str(o) for o in refused)
    assert sum(duty.hours for duty in volunteer.duties.all()) == 20
