"""A campaign's dashboard (issue 11; JOURNEYS.md "VD"), by clicking only: the recruiter, from
their home, opens Volunteer recruitment, the campaign's dashboard, reads the funnel's table
under its chart and downloads the figures as a CSV. axe runs on every page visited."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import download, log_in
from tests.factories import UserFactory
from volunteers.services.applications import shortlist_application, withdraw_application
from volunteers.tests.factories import InterviewingCampaignFactory, InterviewSlotFactory, VolunteerApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)
CAMPAIGN = "Community Policing Volunteers: West Division pilot"


def test_the_recruiter_reads_a_campaigns_dashboard_and_downloads_its_figures(page, live_server, axe_check):
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)
    campaign = InterviewingCampaignFactory(title=CAMPAIGN)
    # the world: three applications, two shortlisted, one of whom withdrew; one interview time
    first, second, _third = (VolunteerApplicationFactory(campaign=campaign) for _ in range(3))
    shortlist_application(first, by=recruiter)
    withdrawn = shortlist_application(second, by=recruiter)
    withdraw_application(withdrawn, by=withdrawn.applicant)
    InterviewSlotFactory(campaign=campaign)

    log_in(page, live_server, recruiter)
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff dashboard")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Volunteer recruitment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteer campaigns")
    axe_check(page)
    page.get_by_role("link", name=f"Dashboard for {CAMPAIGN}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dashboard: {CAMPAIGN}")
    axe_check(page)

    funnel = page.get_by_role("table", name="Applications by stage")
    # reached, now at: three sent, one still submitted; two shortlisted, one still there
    expect(funnel.get_by_role("row", name="Submitted 3 1", exact=True)).to_be_visible()
    expect(funnel.get_by_role("row", name="Shortlisted 2 1", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Applications by stage")).to_be_visible()
    endings = page.get_by_role("table", name="Not successful and withdrawn, by the stage they left from")
    expect(endings.get_by_role("row", name="Shortlisted 0 1 1", exact=True)).to_be_visible()

    figures = download(page, page.get_by_role("link", name="Download these figures (CSV)"))
    assert figures.decode("utf-8").splitlines()[:5] == [
        "Section,Row,Figure,Value",
        "Applications by stage,Submitted,Reached this stage,3",
        "Applications by stage,Submitted,Now at this stage,1",
        "Applications by stage,Shortlisted,Reached this stage,2",
        "Applications by stage,Shortlisted,Now at this stage,1",
    ]
