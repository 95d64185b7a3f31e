"""Issue 12, equality monitoring by clicking only (JOURNEYS.md "EQ"): a visitor applies to
volunteer, is offered the optional questions, answers some, prefers not to say to one and
leaves the rest out, and carries on to their applications; the Head of Resourcing, from their
home, opens the equality report of the campaign and reads its tables, where small counts read
"<5", with a chart of the same figures, and downloads them. axe runs on every page visited."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from outreach.equality.models import EqualityResponse
from outreach.tests.equality_factories import answer
from tests.browser.steps import as_person, download
from tests.factories import PASSWORD, UserFactory
from volunteers.tests.factories import OpenCampaignFactory, VolunteerApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)
CAMPAIGN = "Community Policing Volunteers: West Division pilot"


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_volunteer_answers_some_questions_and_the_head_of_resourcing_reads_the_counts(
    page, browser, live_server, axe_check
):
    campaign = OpenCampaignFactory(title=CAMPAIGN)
    # the world: five who applied before and answered (the report shows figures from 5 people)
    for religion in ("none", "none", "christian", "none", "muslim"):
        answer(VolunteerApplicationFactory(campaign=campaign), sex="female", religion_or_belief=religion)
    val = UserFactory(email="val@example.org", full_name="Val Jones")
    head = UserFactory(roles=[Role.HEAD_OF_RESOURCING], mfa=True)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="See the volunteering campaigns").click()
    page.get_by_role("link", name=CAMPAIGN).click()
    page.get_by_role("link", name="Apply", exact=True).click()
    page.get_by_label("Email").fill(val.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(heading(page)).to_have_text(f"Apply: {CAMPAIGN}")
    page.get_by_label("Date of birth").fill("1990-03-27")
    for question in (
        "Do you live or work in the campaign's area?",
        "Can you give the role's hours each month?",
        "Do you have the right to volunteer in the UK?",
    ):
        page.get_by_role("group", name=question).get_by_label("Yes", exact=True).check()
    page.get_by_label("Why do you want to volunteer?").fill("I grew up in Tonbridge and want to help.")
    page.get_by_label("When are you available?").fill("Saturdays.")
    page.get_by_role("button", name="Send application").click()

    expect(heading(page)).to_have_text("Help us check we are fair")
    expect(page.get_by_role("status")).to_contain_text("Your application has been sent.")
    expect(page.get_by_role("main")).to_contain_text("never seen by anyone who decides on an application of yours")
    axe_check(page)
    page.get_by_role("group", name="What is your sex?").get_by_label("Female", exact=True).check()
    page.get_by_role("group", name="What is your religion or belief?").get_by_label("Sikh", exact=True).check()
    page.get_by_role("group", name="What is your ethnic group?").get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(heading(page)).to_have_text("Your volunteer applications")
    expect(page.get_by_role("status")).to_contain_text("Thank you. Your answers are kept apart from your application")
    axe_check(page)
    mine = EqualityResponse.objects.get(religion_or_belief="sikh")
    assert (mine.sex, mine.ethnic_group, mine.age_band) == ("female", "prefer_not_to_say", "")

    reader = as_person(browser, live_server, head)
    expect(heading(reader)).to_have_text("Staff dashboard")
    reader.get_by_role("link", name="Equality monitoring: who applies and how far they get").click()
    expect(heading(reader)).to_have_text("Equality monitoring")
    axe_check(reader)
    reader.get_by_role("link", name=CAMPAIGN).click()
    expect(heading(reader)).to_have_text(f"Equality monitoring: {CAMPAIGN}")
    expect(reader.get_by_role("main")).to_contain_text("People who answered the optional questions: 6.")
    axe_check(reader)
    religion = reader.get_by_role("table", name="Religion or belief: people by answer and the furthest stage reached")
    expect(religion.get_by_role("row", name="Sikh <5", exact=False)).to_be_visible()
    expect(religion.get_by_role("row", name="No religion")).not_to_contain_text("3")
    sex = reader.get_by_role("table", name="Sex: people by answer and the furthest stage reached")
    expect(sex.get_by_role("row", name="Female 6", exact=False)).to_be_visible()
    expect(reader.get_by_role("img", name="Religion or belief")).to_contain_text("<5")
    figures = download(reader, reader.get_by_role("link", name="Download these figures (CSV)"))
    lines = figures.decode("utf-8").splitlines()
    assert lines[0] == "Question,Answer,Stage reached,Number of people"
    assert "Religion or belief,Sikh,All stages,<5" in lines and "Sex,Female,All stages,6" in lines
