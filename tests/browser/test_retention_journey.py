"""The Head of Resourcing previews the nightly disposal (issue 13): from their home to the
retention page by the bar's link, where the schedule says what the next run will dispose
of, kind by kind, and the log says what earlier runs did. Only clicks after the landing
page; axe on every page."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from notifications.tests.factories import NotificationFactory
from outreach.tests.business_factories import business_not_taken_forward
from retention.services import dispose_past_retention
from tests.browser.steps import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_head_of_resourcing_previews_the_next_disposal_and_reads_the_log(page, live_server, axe_check):
    hana = UserFactory(roles=[Role.HEAD_OF_RESOURCING], mfa=True, full_name="Hana Head")
    now = timezone.now()
    # a business not taken forward two years ago: last night's run deleted it, and the email
    # that thanked it
    with time_machine.travel(now - timedelta(days=730)):
        business_not_taken_forward(contact_name="Bea Business")
    dispose_past_retention(now - timedelta(hours=20))
    # two emails sent over a year ago, one last week: tonight's run will delete two
    with time_machine.travel(now - timedelta(days=settings.RETENTION["notifications"] + 3)):
        NotificationFactory.create_batch(2, sent=True)
    NotificationFactory(sent=True)

    log_in(page, live_server, hana)
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff dashboard")
    axe_check(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Retention").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Retention and disposal")
    schedule = page.get_by_role("table", name="The retention schedule, and what the next run will dispose of")
    emails = schedule.get_by_role("row").filter(has_text="Emails in the outbox (sent or given up)")
    expect(emails.get_by_role("cell")).to_have_text(
        [
            "Emails in the outbox (sent or given up)",
            "365 days after it was written, then deleted",
            "Nothing depends on a delivered email; mail still queued or retrying is kept until it goes.",
            "2",
        ]
    )
    # the business went, and the email it had been sent with it
    log = page.get_by_role("table", name="2 entries, newest first")
    business = log.get_by_role("row").filter(has_text="Local businesses' interest not taken forward")
    expect(business.get_by_role("cell").nth(2)).to_have_text("Deleted")
    expect(business.get_by_role("cell").nth(3)).to_have_text("1")
    expect(log.get_by_role("row").filter(has_text="Emails in the outbox (sent or given up)")).to_have_count(1)
    expect(page.get_by_text("Bea Business")).to_have_count(0)
    expect(page.get_by_role("link", name="Search and export the log in the back office")).to_be_visible()
    axe_check(page)
