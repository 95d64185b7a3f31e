"""Never over capacity (issue 12): "50 registrations at once for 10 places leave exactly 10
registered and 40 waiting (PostgreSQL)". Each registration locks the event's row, so they
take turns; the waiting list keeps the order they were let in. PostgreSQL only."""

import pytest

from notifications.models import Notification
from outreach.enums import RegistrationStatus
from outreach.models import EventRegistration, OutreachEvent
from outreach.services.registrations import cancel_from_link, register, waiting_position
from tests.concurrency import at_once, needs_postgresql

from .factories import OutreachEventFactory, details, emailed_cancel_token

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]
R = RegistrationStatus


def test_fifty_registrations_at_once_for_ten_places_leave_ten_registered_and_forty_waiting():
    event = OutreachEventFactory(capacity=10)
    people = [details() for _ in range(50)]

    outcomes = at_once(lambda person: register(event, **person), people)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    statuses = list(EventRegistration.objects.filter(event=event).values_list("status", flat=True))
    assert (statuses.count(R.REGISTERED), statuses.count(R.WAITING)) == (10, 40)
    assert OutreachEvent.objects.get(pk=event.pk).places_taken == 10
    waiting = EventRegistration.objects.filter(event=event, status=R.WAITING).order_by("waiting_since", "pk")
    assert [waiting_position(r) for r in waiting] == list(range(1, 41))
    assert Notification.objects.filter(template="outreach/registered").count() == 50


def test_the_same_person_sending_the_form_five_times_at_once_is_registered_once():
    event = OutreachEventFactory(capacity=10)
    person = details()

    at_once(lambda _: register(event, **person), range(5))

    assert EventRegistration.objects.filter(event=event).count() == 1
    assert OutreachEvent.objects.get(pk=event.pk).places_taken == 1


def test_cancellations_at_once_each_promote_one_waiting_person():
    event = OutreachEventFactory(capacity=5)
    people = [register(event, **details()) for _ in range(10)]
    tokens = [emailed_cancel_token(person) for person in people[:5]]

    outcomes = at_once(cancel_from_link, tokens)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes

    event.refresh_from_db()
    assert event.places_taken == 5
    statuses = dict(EventRegistration.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in people] == [R.CANCELLED] * 5 + [R.REGISTERED] * 5
    assert Notification.objects.filter(template="outreach/promoted").count() == 5
