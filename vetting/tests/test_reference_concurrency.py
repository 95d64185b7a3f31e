"""Two POSTs of the reference form at the same moment (a double click, or the form sent
from two tabs): the link's row lock lets one through; the other is told it was sent, and
the team is emailed once. PostgreSQL only."""

import pytest
from django.test import Client

from accounts.roles import Role
from notifications.models import Notification
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory
from vetting.enums import ReferenceStatus

from ..models import Reference
from .references import ANSWERS, ask_for_reference, emailed_link

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_two_posts_at_once_send_the_reference_once():
    reference = ask_for_reference(UserFactory(roles=[Role.RECRUITMENT_TEAM]))
    link = emailed_link(reference)
    answers = [{**ANSWERS, "known_for": "first"}, {**ANSWERS, "known_for": "second"}]

    statuses = at_once(lambda data: Client().post(link, data).status_code, answers)

    assert sorted(statuses) == [200, 410]  # one thank-you page, one "already sent"
    reference = Reference.objects.get(pk=reference.pk)
    assert reference.status == ReferenceStatus.RECEIVED
    assert reference.known_for == answers[statuses.index(200)]["known_for"]
    assert Notification.objects.filter(template="vetting/reference_received").count() == 1
