"""Issue 11, the foundation of volunteer recruitment by clicking only (JOURNEYS.md "VJ"): a
visitor goes from the landing page's Volunteering card to the West Division campaign (seed
002), logs in on the way, is refused as under 18 next to the date of birth, then applies and
reads "Submitted"; the recruitment team opens the count on their home, the application, and
shortlists it; the applicant reads "Shortlisted". axe runs on every page visited."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import as_person, log_in, mails_to, open_queue
from tests.factories import PASSWORD, UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.models import VolunteerApplication
from volunteers.tests.factories import (
    MEDICAL_PDF,
    PROGRAM_BYTES,
    OpenCampaignFactory,
    ShortlistedApplicationFactory,
    born_years_ago,
    interviewed_application,
)

pytestmark = pytest.mark.django_db(transaction=True)
CAMPAIGN = "Community Policing Volunteers: West Division pilot"


def heading(page):
    return page.get_by_role("heading", level=1)


def answer(page, question, choice):
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def test_a_visitor_applies_to_volunteer_and_the_team_shortlists_them(page, browser, live_server, axe_check):
    OpenCampaignFactory(
        title=CAMPAIGN,
        role__name="Community Policing Volunteer",
        role__needs_fitness_test=True,
        role__needs_medical_certificate=True,
    )
    val = UserFactory(email="val@example.org", full_name="Val Jones")
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)

    page.goto(live_server.url + "/")
    axe_check(page)
    page.get_by_role("link", name="See the volunteering campaigns").click()
    expect(heading(page)).to_have_text("Volunteering with Kent Police")
    axe_check(page)
    page.get_by_role("link", name=CAMPAIGN).click()
    expect(heading(page)).to_have_text(CAMPAIGN)
    expect(page.get_by_role("main")).to_contain_text("pass a fitness test and provide a medical certificate")
    axe_check(page)
    page.get_by_role("link", name="Apply", exact=True).click()
    expect(heading(page)).to_have_text("Log in")
    axe_check(page)
    page.get_by_label("Email").fill(val.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(heading(page)).to_have_text(f"Apply: {CAMPAIGN}")
    axe_check(page)

    # 18 tomorrow: refused next to the date of birth, everything typed kept
    page.get_by_label("Date of birth").fill(born_years_ago(18, days=1).isoformat())
    answer(page, "Do you live or work in the campaign's area?", "Yes")
    answer(page, "Can you give the role's hours each month?", "Yes")
    answer(page, "Do you have the right to volunteer in the UK?", "Yes")
    page.get_by_label("Why do you want to volunteer?").fill("I grew up in Tonbridge and want to help.")
    page.get_by_label("When are you available?").fill("Saturdays.")
    page.get_by_role("button", name="Send application").click()
    expect(page.locator("#error_1_id_date_of_birth")).to_contain_text("You need to be 18 or over")
    expect(page.get_by_label("Why do you want to volunteer?")).to_have_value("I grew up in Tonbridge and want to help.")
    axe_check(page)
    assert not VolunteerApplication.objects.exists()

    page.get_by_label("Date of birth").fill("1990-03-27")
    page.get_by_role("button", name="Send application").click()
    page.get_by_role("link", name="Skip these questions").click()  # issue 12: optional
    expect(heading(page)).to_have_text("Your volunteer applications")
    expect(page.get_by_role("main")).to_contain_text("Status: Submitted")
    axe_check(page)
    assert [m.subject for m in mails_to(val.email)] == ["We have your application to be a Community Policing Volunteer"]

    team = as_person(browser, live_server, recruiter)
    assert open_queue(team, "Volunteer applications to shortlist") == 1
    expect(heading(team)).to_have_text("Volunteer applications")
    axe_check(team)
    team.get_by_role("link", name="Val Jones").click()
    expect(heading(team)).to_have_text("Val Jones")
    axe_check(team)
    team.get_by_role("button", name="Shortlist").click()
    expect(team.get_by_role("status")).to_contain_text("The application is shortlisted")
    expect(team.get_by_role("main")).to_contain_text("Status: Shortlisted")
    axe_check(team)
    assert VolunteerApplication.objects.get().status == VolunteerApplicationStatus.SHORTLISTED

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your account", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name="Your volunteer applications").click()
    expect(page.get_by_role("main")).to_contain_text("Status: Shortlisted")
    axe_check(page)
    assert mails_to(val.email)[-1].subject == "Good news about your application to be a Community Policing Volunteer"


def test_the_team_publishes_interviews_the_candidate_books_and_moves_one_and_the_team_records_it(
    page, browser, live_server, axe_check, time_machine
):
    """Issue 11's interviews (JOURNEYS.md "VJ-2"), by clicking only: the recruiter publishes a
    day's times from the campaign's interview page; the shortlisted candidate books one from
    their applications page, then moves it; after the interview the recruiter opens
    "Interviews to record" and records that they passed."""
    application = ShortlistedApplicationFactory(
        campaign__title=CAMPAIGN, applicant__email="val@example.org", applicant__full_name="Val Jones"
    )
    campaign = application.campaign
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)

    team = as_person(browser, live_server, recruiter)
    team.get_by_role("navigation", name="Main").get_by_role("link", name="Volunteer recruitment").click()
    expect(heading(team)).to_have_text("Volunteer campaigns")
    axe_check(team)
    team.get_by_role("link", name=f"Interview times for {CAMPAIGN}").click()
    expect(heading(team)).to_have_text(f"Interviews: {CAMPAIGN}")
    axe_check(team)
    team.get_by_label("Day").fill(campaign.interviews_start_on.isoformat())
    team.get_by_label("First interview starts at").fill("09:30")
    team.get_by_label("Length of each interview, in minutes").fill("0")
    team.get_by_label("How many interviews").fill("2")
    team.get_by_label("Where").fill("Tonbridge Police Station")
    team.get_by_role("button", name="Publish these interview times").click()
    expect(team.locator("#error_1_id_minutes")).to_contain_text("An interview lasts at least 5 minutes")
    expect(team.get_by_label("Where")).to_have_value("Tonbridge Police Station")
    axe_check(team)
    team.get_by_label("Length of each interview, in minutes").fill("45")
    team.get_by_role("button", name="Publish these interview times").click()
    expect(team.get_by_role("status")).to_contain_text("2 interview times published")
    axe_check(team)
    first, second = campaign.interview_slots.all()

    log_in(page, live_server, application.applicant)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your account", exact=True).click()
    page.get_by_role("link", name="Your volunteer applications").click()
    axe_check(page)
    page.get_by_role("link", name=f"Book an interview for {campaign}").click()
    expect(heading(page)).to_have_text("Book an interview")
    axe_check(page)
    page.get_by_label(str(first)).check()
    page.get_by_role("button", name="Book this interview").click()
    expect(page.get_by_role("status")).to_contain_text(f"Your interview is booked: {first}")
    axe_check(page)
    page.get_by_role("link", name=f"Move or cancel my interview for {campaign}").click()
    expect(heading(page)).to_have_text("Move or cancel your interview")
    axe_check(page)
    page.get_by_label(str(second)).check()
    page.get_by_role("button", name="Move my interview to this time").click()
    expect(page.get_by_role("main")).to_contain_text(f"Your interview: {second}")
    axe_check(page)
    assert [m.subject for m in mails_to(application.applicant.email)][-2:] == [
        f"Your interview to be a {campaign.role}: {timezone.localtime(first.starts_at):%A %-d %B %Y at %H:%M}",
        f"Your interview has moved to {timezone.localtime(second.starts_at):%A %-d %B %Y at %H:%M}",
    ]

    time_machine.move_to(second.ends_at, tick=True)
    team = as_person(browser, live_server, recruiter)  # weeks on: logged in again
    assert open_queue(team, "Interviews to record") == 1
    axe_check(team)
    team.get_by_role("link", name="Val Jones").click()
    expect(heading(team)).to_have_text("Val Jones")
    axe_check(team)
    expect(team.get_by_role("main")).to_contain_text("Record the interview outcome")
    team.get_by_label("Passed: the application goes on").check()
    team.get_by_role("button", name="Record the outcome").click()
    expect(team.get_by_role("main")).to_contain_text("Status: Interviewed")
    axe_check(team)
    application.refresh_from_db()
    assert application.status == VolunteerApplicationStatus.INTERVIEWED


def test_the_fitness_test_and_the_medical_certificate(page, browser, live_server, axe_check, tmp_path):
    """JOURNEYS.md "VM": the world starts with Val interviewed for a role needing both steps."""
    val = UserFactory(email="val@example.org", full_name="Val Jones", roles=[Role.VOLUNTEER])
    application = interviewed_application(applicant=val, campaign__title=CAMPAIGN)
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)

    team = as_person(browser, live_server, recruiter)
    team.get_by_role("navigation", name="Main").get_by_role("link", name="Volunteer recruitment").click()
    axe_check(team)
    team.get_by_role("link", name=CAMPAIGN, exact=True).click()
    team.get_by_role("link", name="Val Jones").click()
    expect(heading(team)).to_have_text("Val Jones")
    axe_check(team)
    team.get_by_role("link", name="Book the fitness test").click()
    expect(heading(team)).to_have_text("Book the fitness test")
    axe_check(team)
    when = timezone.localtime() + timedelta(days=5)
    team.get_by_label("Date and time").fill(f"{when:%Y-%m-%dT10:00}")
    team.get_by_label("Place").fill("Maidstone Police Station gym")
    team.get_by_role("button", name="Book the fitness test").click()
    expect(team.get_by_role("status")).to_contain_text("The fitness test is booked")
    axe_check(team)
    team.get_by_role("link", name="Record the fitness test's result").click()
    axe_check(team)
    team.get_by_label("Passed").check()
    team.get_by_label("Assessor").fill("PC Jo Hart")
    team.get_by_role("button", name="Record the result").click()
    expect(team.get_by_role("main")).to_contain_text("Status: Fitness test passed")
    axe_check(team)

    log_in(page, live_server, application.applicant)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your account", exact=True).click()
    page.get_by_role("link", name="Your volunteer applications").click()
    page.get_by_role("link", name="Upload your medical certificate").click()
    expect(heading(page)).to_have_text("Upload your medical certificate")
    axe_check(page)
    program = tmp_path / "certificate.pdf"
    program.write_bytes(PROGRAM_BYTES)
    page.get_by_label("Your medical certificate").set_input_files(program)
    page.get_by_role("button", name="Upload my certificate").click()
    expect(page.locator("#error_1_id_upload")).to_contain_text("The file must be a PDF, a JPEG or a PNG.")
    axe_check(page)
    real = tmp_path / "my-certificate.pdf"
    real.write_bytes(MEDICAL_PDF)
    page.get_by_label("Your medical certificate").set_input_files(real)
    page.get_by_role("button", name="Upload my certificate").click()
    expect(page.get_by_role("status")).to_contain_text("your medical certificate is uploaded")
    axe_check(page)

    team.get_by_role("navigation", name="Main").get_by_role("link", name="Your home").click()
    assert open_queue(team, "Medical certificates to check") == 1
    team.get_by_role("link", name="Val Jones").click()
    with team.expect_download() as download:
        team.get_by_role("link", name="Download the medical certificate").click()
    assert Path(download.value.path()).read_bytes() == MEDICAL_PDF
    team.get_by_role("button", name="Accept the certificate").click()
    expect(team.get_by_role("status")).to_contain_text("The medical certificate is accepted")
    axe_check(team)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your account", exact=True).click()
    page.get_by_role("link", name="Your volunteer applications").click()
    expect(page.get_by_role("main")).to_contain_text("Status: Medical certificate received")
    axe_check(page)
    assert mails_to("val@example.org")[-1].subject == "Your medical certificate is accepted"
