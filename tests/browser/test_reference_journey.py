"""A reference, end to end in Chromium (issue 10 "References"), each step by the person
who takes it: the recruitment team asks for a reference from their home by clicking; the
referee opens the link emailed to them (no account), answers and sends it; the team sees
"Received" and reads the answers."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus
from placements.tests.work_experience_factories import ApplicationFactory
from tests.browser.steps import as_person, go_home, last_link
from tests.factories import UserFactory
from vetting.enums import ReferenceStatus
from vetting.models import Reference

pytestmark = pytest.mark.django_db(transaction=True)
REFEREE = "rita.tutor@school.example"


def heading(page):
    return page.get_by_role("heading", level=1)


def test_the_team_asks_the_referee_answers_from_the_email_and_the_team_reads_it(page, browser, live_server, axe_check):
    # Before the journey: the team member, and an application in vetting.
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    ApplicationFactory(
        applicant__full_name="Alex Student",
        programme__title="Summer work experience 2027",
        status=ApplicationStatus.VETTING,
    )

    # The recruitment team, from their home: the programme's dashboard, the application's references.
    team = as_person(browser, live_server, recruiter)
    team.get_by_role("navigation", name="Main").get_by_role("link", name="Programmes").click()
    team.get_by_role("link", name="Summer work experience 2027").click()
    axe_check(team)
    team.get_by_role("link", name="References for Alex Student").click()
    expect(heading(team)).to_have_text("References for Alex Student")
    expect(team.get_by_role("main")).to_contain_text("No reference has been asked for yet.")
    axe_check(team)
    team.get_by_label("Referee's full name").fill("Rita Tutor")
    team.get_by_label("Referee's email address").fill("not an email")
    team.get_by_role("button", name="Ask for this reference").click()
    expect(team.get_by_role("alert")).to_contain_text("Enter a valid email address.")
    expect(team.get_by_label("Referee's full name")).to_have_value("Rita Tutor")  # kept
    axe_check(team)
    team.get_by_label("Referee's email address").fill(REFEREE)
    team.get_by_label("Relationship to the applicant").fill("Form tutor")
    team.get_by_role("button", name="Ask for this reference").click()
    expect(team.get_by_role("status")).to_contain_text("We have emailed Rita Tutor a link")
    card = team.get_by_role("region", name="Rita Tutor (Form tutor)")
    expect(card).to_contain_text("Requested")
    expect(card).to_contain_text("Sent, not used yet")
    axe_check(team)

    # The referee opens the link in their email: no account.
    page.goto(live_server.url + last_link(REFEREE, r"https?://\S+/reference/\S+/"))
    expect(heading(page)).to_have_text("Reference for Alex Student")
    expect(page.get_by_role("main")).to_contain_text("Work experience: Summer work experience 2027")
    axe_check(page)
    page.get_by_label("How long have you known the applicant?").fill("3 years")
    page.get_by_role("button", name="Send your reference").click()
    expect(page.get_by_role("alert")).to_contain_text("Say in what capacity you know the applicant.")
    expect(page.get_by_label("How long have you known the applicant?")).to_have_value("3 years")
    axe_check(page)
    page.get_by_label("In what capacity do you know them?").fill("As her form tutor")
    page.get_by_label("How suitable is the applicant").fill("Reliable and honest; kind to younger students.")
    page.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_role("button", name="Send your reference").click()
    expect(heading(page)).to_have_text("Thank you for your reference")
    axe_check(page)
    page.reload()  # the link is used up: it says so
    expect(heading(page)).to_have_text("This reference link cannot be used")
    expect(page.get_by_role("main")).to_contain_text("already been sent")
    axe_check(page)

    # The team sees it received, from their home, and reads it.
    go_home(team)
    team.get_by_role("navigation", name="Main").get_by_role("link", name="References").click()
    expect(heading(team)).to_have_text("References")
    expect(team.get_by_role("row", name=re.compile("Alex Student"))).to_contain_text("Received")
    axe_check(team)
    team.get_by_role("link", name=re.compile("^Alex Student")).click()
    card = team.get_by_role("region", name="Rita Tutor (Form tutor)")
    expect(card).to_contain_text("Received")
    expect(card).to_contain_text("Reliable and honest; kind to younger students.")
    axe_check(team)
    assert Reference.objects.get().status == ReferenceStatus.RECEIVED
