"""Issue 11, the foundation of volunteer recruitment by clicking only (JOURNEYS.md "VJ"): a
visitor goes from the landing page's Volunteering card to the West Division campaign (seed
002), logs in on the way, is refused as under 18 next to the date of birth, then applies and
reads "Submitted"; the recruitment team opens the count on their home, the application, and
shortlists it; the applicant reads "Shortlisted". axe runs on every page visited."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from tests.browser.steps import as_person, log_in, mails_to, open_queue
from tests.browser.volunteer_steps import (
    accept_medical_certificate,
    book_fitness_test,
    book_interview,
    fill_volunteer_application,
    find_the_campaign_and_log_in,
    heading,
    my_volunteer_applications,
    open_interview_times,
    open_medical_upload,
    open_volunteer_application,
    publish_interview_times,
    record_fitness_passed,
    record_interview_passed,
    send_volunteer_application,
    shortlist,
    upload_medical_certificate,
    volunteer_recruitment,
)
from tests.factories import UserFactory
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


def test_a_visitor_applies_to_volunteer_and_the_team_shortlists_them(page, browser, live_server, axe_check):
    OpenCampaignFactory(
        title=CAMPAIGN,
        role__name="Community Policing Volunteer",
        role__needs_fitness_test=True,
        role__needs_medical_certificate=True,
    )
    val = UserFactory(email="val@example.org", full_name="Val Jones")
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)

    find_the_campaign_and_log_in(page, live_server, val, CAMPAIGN, axe_check)

    # 18 tomorrow: refused next to the date of birth, everything typed kept
    fill_volunteer_application(page, born_years_ago(18, days=1))
    page.get_by_role("button", name="Send application").click()
    expect(page.locator("#error_1_id_date_of_birth")).to_contain_text("You need to be 18 or over")
    expect(page.get_by_label("Why do you want to volunteer?")).to_have_value("I grew up in Tonbridge and want to help.")
    axe_check(page)
    assert not VolunteerApplication.objects.exists()

    page.get_by_label("Date of birth").fill("1990-03-27")
    send_volunteer_application(page, axe_check)
    assert [m.subject for m in mails_to(val.email)] == ["We have your application to be a Community Policing Volunteer"]

    team = as_person(browser, live_server, recruiter)
    assert open_queue(team, "Volunteer applications to shortlist") == 1
    expect(heading(team)).to_have_text("Volunteer applications")
    axe_check(team)
    open_volunteer_application(team, "Val Jones", axe_check)
    shortlist(team, axe_check)
    assert VolunteerApplication.objects.get().status == VolunteerApplicationStatus.SHORTLISTED

    my_volunteer_applications(page, axe_check)
    expect(page.get_by_role("main")).to_contain_text("Status: Shortlisted")
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
    volunteer_recruitment(team, axe_check)
    open_interview_times(team, CAMPAIGN, axe_check)
    publish_interview_times(team, day=campaign.interviews_start_on, minutes=0)
    expect(team.locator("#error_1_id_minutes")).to_contain_text("An interview lasts at least 5 minutes")
    expect(team.get_by_label("Where")).to_have_value("Tonbridge Police Station")
    axe_check(team)
    team.get_by_label("Length of each interview, in minutes").fill("45")
    team.get_by_role("button", name="Publish these interview times").click()
    expect(team.get_by_role("status")).to_contain_text("2 interview times published")
    axe_check(team)
    first, second = campaign.interview_slots.all()

    log_in(page, live_server, application.applicant)
    my_volunteer_applications(page, axe_check)
    book_interview(page, campaign, first, axe_check)
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
    open_volunteer_application(team, "Val Jones", axe_check)
    record_interview_passed(team, axe_check)
    application.refresh_from_db()
    assert application.status == VolunteerApplicationStatus.INTERVIEWED


def test_the_fitness_test_and_the_medical_certificate(page, browser, live_server, axe_check, tmp_path):
    """JOURNEYS.md "VM": the world starts with Val interviewed for a role needing both steps."""
    val = UserFactory(email="val@example.org", full_name="Val Jones", roles=[Role.VOLUNTEER])
    application = interviewed_application(applicant=val, campaign__title=CAMPAIGN)
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True)

    team = as_person(browser, live_server, recruiter)
    volunteer_recruitment(team, axe_check)
    team.get_by_role("link", name=CAMPAIGN, exact=True).click()
    open_volunteer_application(team, "Val Jones", axe_check)
    book_fitness_test(team, (timezone.localtime() + timedelta(days=5)).replace(hour=10, minute=0), axe_check)
    record_fitness_passed(team, axe_check)

    log_in(page, live_server, application.applicant)
    my_volunteer_applications(page, axe_check)
    open_medical_upload(page, axe_check)
    program = tmp_path / "certificate.pdf"
    program.write_bytes(PROGRAM_BYTES)
    upload_medical_certificate(page, program)
    expect(page.locator("#error_1_id_upload")).to_contain_text("The file must be a PDF, a JPEG or a PNG.")
    axe_check(page)
    real = tmp_path / "my-certificate.pdf"
    real.write_bytes(MEDICAL_PDF)
    upload_medical_certificate(page, real)
    expect(page.get_by_role("status")).to_contain_text("your medical certificate is uploaded")
    axe_check(page)

    team.get_by_role("navigation", name="Main").get_by_role("link", name="Your home").click()
    assert open_queue(team, "Medical certificates to check") == 1
    open_volunteer_application(team, "Val Jones", axe_check)
    accept_medical_certificate(team, MEDICAL_PDF, axe_check)

    my_volunteer_applications(page, axe_check)
    expect(page.get_by_role("main")).to_contain_text("Status: Medical certificate received")
    assert mails_to("val@example.org")[-1].subject == "Your medical certificate is accepted"
