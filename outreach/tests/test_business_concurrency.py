"""Local businesses' interest under load (issue 12), PostgreSQL only: the same form sent five
times at once is one interest and one confirmation (the database's one open interest per
address); two officers recording the contact at once record it once (the row lock)."""

import pytest

from notifications.models import Notification
from outreach.businesses.models import BusinessInterest
from outreach.businesses.services import mark_contacted, register_business_interest
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory

from .business_factories import business_details, business_interest

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_the_same_form_sent_five_times_at_once_is_one_interest_and_one_email():
    details = business_details()

    outcomes = at_once(lambda _: register_business_interest(**details), range(5))

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert BusinessInterest.objects.count() == 1
    assert Notification.objects.filter(recipient=details["email"]).count() == 1


def test_two_officers_recording_the_contact_at_once_record_it_once():
    interest = business_interest()
    officers = [UserFactory(), UserFactory()]

    outcomes = at_once(lambda officer: mark_contacted(interest, by=officer, note=f"Rang them ({officer})."), officers)

    assert len([o for o in outcomes if isinstance(o, Exception)]) == 1
    interest.refresh_from_db()
    assert interest.follow_up_note.count("Rang them") == 1
