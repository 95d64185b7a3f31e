"""The Head of Resourcing monitors the Work Experience Protocol (seed 001, 7.1): from their
home to the monitoring page, where they read a programme's figures in the table under its
chart, and record the review that the home said was due. Only clicks after the landing page;
axe on every page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus, DeclineReason
from placements.models import ProtocolReview
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory
from tests.browser.steps import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
S = ApplicationStatus


def test_the_head_of_resourcing_reads_the_figures_and_records_the_review(page, live_server, axe_check):
    hana = UserFactory(roles=[Role.HEAD_OF_RESOURCING], mfa=True, full_name="Hana Head")
    summer = ProgrammeFactory(title="Summer work experience 2027")
    for status in (S.APPLIED, S.COMPLETED, S.DISCONTINUED):
        ApplicationFactory(programme=summer, status=status)
    ApplicationFactory(programme=summer, status=S.DECLINED, decline_reason=DeclineReason.CAPACITY)
    # seed 001: "Date last reviewed: February 2024"; two years on, the review is overdue
    ProtocolReview.objects.create(reviewed_on=date(2024, 2, 1), next_review_on=date(2026, 2, 1), notes="Minor changes.")
    today = timezone.localdate()

    log_in(page, live_server, hana)
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff dashboard")
    waiting = page.get_by_role("region", name="Waiting for you")
    expect(waiting.get_by_role("link", name="1 Review of the Work Experience Protocol due")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Monitoring of the Work Experience Protocol").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring the Work Experience Protocol")
    expect(page.get_by_text("The review is overdue")).to_be_visible()
    axe_check(page)

    outcomes = page.get_by_role("table", name="Applications sent, by outcome")
    # under way, completed, declined, withdrawn, not cleared by vetting, discontinued, total
    row = outcomes.get_by_role("row", name="Summer work experience 2027 1 1 1 0 0 1 4", exact=True)
    expect(row).to_be_visible()
    expect(page.get_by_role("img", name="Applications sent, by outcome")).to_be_visible()

    review = page.get_by_role("region", name="The protocol's review")
    review.get_by_label("Date of the review").fill(today.isoformat())
    review.get_by_label("Next review due (optional)").fill((today - timedelta(days=1)).isoformat())
    review.get_by_label("What the review looked at").fill("Sections 3.5 and 7.1 after the new safeguarding guidance.")
    review.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("The next review must come after the last one").first).to_be_visible()
    expect(review.get_by_label("What the review looked at")).to_have_value(
        "Sections 3.5 and 7.1 after the new safeguarding guidance."
    )
    axe_check(page)
    review = page.get_by_role("region", name="The protocol's review")
    review.get_by_label("Next review due (optional)").fill("")
    review.get_by_role("button", name="Record the review").click()

    expect(page.get_by_text("The review is recorded")).to_be_visible()
    two_years_on = today.replace(year=today.year + 2)
    expect(page.get_by_text(f"Next review due on {two_years_on:%-d %B %Y}.")).to_be_visible()
    expect(page.get_by_text("The review is overdue")).to_have_count(0)
    axe_check(page)
    latest = ProtocolReview.objects.order_by("-reviewed_on").first()
    assert (latest.reviewed_on, latest.recorded_by) == (today, hana)
