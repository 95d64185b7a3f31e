"""A campaign's dashboard (issue 11; JOURNEYS.md "VD"), by clicking only: the recruiter, from
their home, opens Volunteer recruitment, the campaign's dashboard, reads the funnel's table
under its chart and downloads the figures as a CSV. Then the back office's interview times,
fitness tests and medical certificates ("VB"), where a certificate is accepted. axe runs on
every page visited."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import download, go_home, log_in, run_admin_action
from tests.factories import UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.services.applications import shortlist_application, withdraw_application
from volunteers.tests.factories import (
    InterviewingCampaignFactory,
    InterviewSlotFactory,
    VolunteerApplicationFactory,
    certificate_to_check,
    fitness_test_to_record,
    interview_to_record,
)

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


def test_the_recruiter_finds_the_steps_in_the_back_office_and_accepts_a_certificate(page, live_server, axe_check):
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)
    interview_to_record()
    fitness_test_to_record(recruiter)
    application = certificate_to_check()
    application.applicant.full_name = "Val Jones"
    application.applicant.save()

    log_in(page, live_server, recruiter)
    for model in ("Interview slots", "Fitness tests"):
        go_home(page)
        page.get_by_role("link", name="Open the back office").click()
        page.get_by_role("link", name=model, exact=True).click()
        axe_check(page)
    run_admin_action(page, live_server, "Medical certificates", "Val Jones", "Accept")
    expect(page.get_by_text("1 medical certificate accepted.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Val Jones").click()
    expect(page.get_by_role("link", name="Download the certificate")).to_be_visible()
    axe_check(page)
    application.refresh_from_db()
    assert application.status == VolunteerApplicationStatus.MEDICAL_RECEIVED
