"""Issue 11's training and designated powers by clicking only (JOURNEYS.md "VJ-T"; seed 002:
"training ... over five weekends over a 10 week period", the powers of the Policing and Crime
Bill 2017). The recruiter goes from the staff home to the campaign's training page, looks at a
weekend's page of dates, finds "Complete training" not yet open, keeps the register of each of
the five weekends for the trainee, completes their training, then grants a power on the new
volunteer's page; the volunteer reads their power on their applications page. axe runs on
every page visited."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import as_person, log_in, mails_to
from tests.browser.volunteer_steps import (
    complete_training,
    grant_power,
    heading,
    keep_the_registers,
    my_volunteer_applications,
    open_training,
    volunteer_recruitment,
)
from tests.factories import UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.models import GrantedPower, VolunteerApplication
from volunteers.tests.factories import TraineeFactory, training_course

pytestmark = pytest.mark.django_db(transaction=True)
CAMPAIGN = "Community Policing Volunteers: West Division pilot"


def test_the_recruiter_keeps_the_registers_completes_the_training_and_grants_a_power(
    page, browser, live_server, axe_check
):
    trainee = TraineeFactory(
        campaign__title=CAMPAIGN,
        campaign__role__name="Community Policing Volunteer",
        applicant__full_name="Val Jones",
        applicant__email="val@example.org",
    )
    weekends = list(training_course(trainee.campaign).sessions.all())  # all five have taken place
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)

    team = as_person(browser, live_server, recruiter)
    volunteer_recruitment(team, axe_check)
    open_training(team, CAMPAIGN, axe_check)
    team.get_by_role("link", name="Change weekend 1").click()
    expect(heading(team)).to_have_text("Change a training weekend")
    expect(team.get_by_label("Where")).to_have_value("Kent Police College, Maidstone")
    axe_check(team)
    team.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=f"Training: {CAMPAIGN}").click()
    complete = team.get_by_role("button", name="Complete training for Val Jones")
    expect(complete).to_be_disabled()
    expect(team.get_by_role("main")).to_contain_text("Not yet: no attendance recorded for")

    keep_the_registers(team, "Val Jones", [weekend.starts_at for weekend in weekends])
    axe_check(team)
    expect(team.get_by_role("row", name=re.compile("Val Jones"))).to_contain_text("5 of 5")

    complete_training(team, "Val Jones", axe_check)
    assert VolunteerApplication.objects.get().status == VolunteerApplicationStatus.ACTIVE
    assert mails_to("val@example.org")[-1].subject == "Welcome: you are now a Community Policing Volunteer"

    grant_power(team, "Val Jones", "Control traffic", axe_check)
    granted = team.get_by_role("region", name="Designated powers").get_by_role(
        "row", name=re.compile("Control traffic")
    )
    expect(granted).to_contain_text(f"by {recruiter.full_name}")
    assert GrantedPower.objects.get().granted_by == recruiter
    assert mails_to("val@example.org")[-1].subject == "You have been granted a designated power"

    log_in(page, live_server, trainee.applicant)
    my_volunteer_applications(page, axe_check)
    expect(page.get_by_role("main")).to_contain_text("Status: Active volunteer")
    expect(page.get_by_role("main")).to_contain_text("Your designated powers")
    expect(page.get_by_role("main")).to_contain_text("Control traffic, from")
