"""Issue 10: a reference's answers are "visible to the recruitment team and vetting role
only". A sentinel in every answer is walked through the pages each persona reaches: only
those two read it, and only on the application's references page — not in a list, the
back office, the action log, the outbox or an email."""

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from placements.enums import ApplicationStatus
from placements.tests.work_experience_factories import ApplicationFactory
from tests.personas import ALL_PERSONAS, make_persona
from vetting.services.references import references_page, submit_reference

from .references import ask_for_reference, emailed_token

pytestmark = pytest.mark.django_db
SENTINEL = "SENTINEL-7f3a-ANSWER"
READERS = {"recruiter", "vetting_officer"}


@pytest.fixture
def reference():
    application = ApplicationFactory(status=ApplicationStatus.VETTING)
    reference = ask_for_reference(make_persona("recruiter"), application)
    answers = {
        "known_for": f"{SENTINEL} years",
        "known_as": f"{SENTINEL} tutor",
        "suitability": f"{SENTINEL} suitable",
        "recommendation": "with_reservations",
        "anything_else": f"{SENTINEL} note",
    }
    submit_reference(emailed_token(reference), answers=answers)
    return reference


def pages(reference):
    return [
        references_page(reference),
        reverse("reference_list"),
        reverse("home"),
        reverse("staff_dashboard"),
        reverse("my_account"),
        reverse(
            "we_programme_dashboard",
            args=[reference.content_type.get_object_for_this_type(pk=reference.object_id).programme_id],
        ),
        reverse("admin:vetting_reference_changelist"),
        reverse("admin:vetting_reference_change", args=[reference.pk]),
        reverse("admin:accounts_actionlog_changelist"),
        reverse("admin:notifications_notification_changelist"),
    ]


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_only_the_team_and_the_vetting_officer_read_the_answers(client, reference, persona):
    client.force_login(make_persona(persona))
    readable = {url for url in pages(reference) if SENTINEL in client.get(url, follow=True).content.decode()}
    assert readable == ({references_page(reference)} if persona in READERS else set())


def test_no_email_or_outbox_row_carries_the_answers(reference):
    assert Notification.objects.filter(template="vetting/reference_received").exists()
    for row in Notification.objects.all():
        assert SENTINEL not in row.subject + row.body_text + row.body_html + str(row.context)
    assert all(SENTINEL not in message.body for message in mail.outbox)
