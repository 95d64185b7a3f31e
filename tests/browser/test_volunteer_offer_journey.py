"""Issue 11, vetting and the offer of a place, in Chromium, each step by the person who takes
it: the recruiter starts vetting from Val's application; the vetting officer opens "Vetting
to decide" from their home and starts and clears each of the volunteer's checks, then reads
the application (offered, vetting cleared in words); Val logs in, reads the offer on "Your
volunteer applications" and accepts it, with nothing of the checks anywhere she looks. axe
runs on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import as_person, log_in, mails_to, open_queue
from tests.browser.test_vetting_journey import NOTE
from tests.browser.volunteer_steps import (
    accept_the_offer,
    clear_the_checks,
    heading,
    my_volunteer_applications,
    open_volunteer_application,
    start_vetting,
    volunteer_recruitment,
)
from tests.factories import UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.tests.factories import TrainingCampaignFactory, VolunteerApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)
CAMPAIGN = "Community Policing Volunteers: West Division pilot"


def test_the_vetting_officer_clears_the_checks_and_the_candidate_accepts_the_offer(
    page, browser, live_server, axe_check
):
    """The world starts with Val's medical certificate accepted for a role needing both steps."""
    val = UserFactory(email="val@example.org", full_name="Val Jones", roles=[Role.VOLUNTEER])
    campaign = TrainingCampaignFactory(
        title=CAMPAIGN,
        role__name="Community Policing Volunteer",
        role__needs_fitness_test=True,
        role__needs_medical_certificate=True,
    )
    application = VolunteerApplicationFactory(
        applicant=val, campaign=campaign, status=VolunteerApplicationStatus.MEDICAL_RECEIVED
    )
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)
    officer = UserFactory(full_name="Victor Vetting", roles=[Role.VETTING_OFFICER], mfa=True)

    team = as_person(browser, live_server, recruiter)
    volunteer_recruitment(team, axe_check)
    team.get_by_role("link", name=CAMPAIGN, exact=True).click()
    open_volunteer_application(team, "Val Jones", axe_check)
    start_vetting(team, axe_check)
    assert mails_to(val.email)[-1].subject == "Your vetting checks have started"

    vetting = as_person(browser, live_server, officer)
    axe_check(vetting)
    assert open_queue(vetting, "Vetting to decide") == 1
    expect(vetting.get_by_role("main")).to_contain_text(f"Volunteering: {CAMPAIGN}")
    axe_check(vetting)
    clear_the_checks(vetting, "Val Jones", axe_check)
    # the application they vet, read-only: offered, the outcome in words, no notes, no team's steps
    vetting.get_by_role("link", name="Read the application").click()
    expect(heading(vetting)).to_have_text("Val Jones")
    expect(vetting.get_by_role("main")).to_contain_text("Status: Offered a place")
    expect(vetting.get_by_role("main")).to_contain_text("Vetting: Cleared")
    expect(vetting.get_by_role("main")).not_to_contain_text(NOTE)
    expect(vetting.get_by_role("button", name="Reject")).to_have_count(0)
    axe_check(vetting)
    vetting.get_by_role("link", name="The vetting checks").click()
    expect(heading(vetting)).to_have_text("Vetting: Val Jones")

    offer = mails_to(val.email)[-1]
    assert offer.subject == "We are offering you a place as a Community Policing Volunteer"
    assert NOTE not in offer.body and "/volunteering/applications/" in offer.body

    log_in(page, live_server, val)
    my_volunteer_applications(page, axe_check)
    main = page.get_by_role("main")
    expect(main).to_contain_text("We are offering you a place as a Community Policing Volunteer")
    expect(main).to_contain_text(f"Training starts on {campaign.training_starts_on:%A %-d %B %Y}")
    expect(main).not_to_contain_text(NOTE)
    expect(page.get_by_role("link", name=re.compile("^Withdraw my application"))).to_have_count(0)
    accept_the_offer(page, CAMPAIGN, axe_check)
    assert mails_to(val.email)[-1].subject == "Welcome: your place as a Community Policing Volunteer is confirmed"
    application.refresh_from_db()
    assert application.status == VolunteerApplicationStatus.IN_TRAINING
