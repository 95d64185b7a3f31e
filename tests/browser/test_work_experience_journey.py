"""Seed 001, end to end in Chromium, each step by the person who takes it: someone
registers their interest in work experience; the recruitment team opens a programme in
the back office and they are emailed; they log in and apply; the recruitment team
shortlists the application and starts vetting.

The product has no page yet for the steps after vetting (recording clearance, asking
for the agreement, the Student Placement Risk Assessment, confirming the place: only
services do them), so the joining instructions are a second journey, which starts from
a place already confirmed."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus, ProgrammeStatus
from placements.models import WorkExperienceApplication
from placements.services.work_experience import (
    confirm_application,
)
from placements.tests.work_experience_factories import (
    ApplicationFactory,
    EligibilityQuestionFactory,
    ProgrammeFactory,
    ready_to_confirm,
)
from tests.browser.steps import as_person, fill_application, last_link, log_in, run_admin_action
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
APPLICANT = "alex.student@example.org"


def register_interest(page, live_server, axe_check):
    page.goto(live_server.url + "/work-experience/")  # where the landing card links
    expect(page.get_by_role("heading", level=1)).to_have_text("Work experience with Kent Police")
    axe_check(page)
    page.get_by_label("Your name").fill("Alex Student")
    page.get_by_label("Email address").fill(APPLICANT)
    page.get_by_role("button", name="Tell me").click()
    expect(page.get_by_role("main")).to_contain_text("We will email you when a work experience programme opens")


def apply(page, live_server, programme_link, axe_check):
    page.goto(live_server.url + programme_link)  # the link in the email about the new programme
    expect(page.get_by_role("heading", level=1)).to_have_text("Summer work experience 2027")
    axe_check(page)
    page.get_by_role("link", name="Apply").click()
    axe_check(page)
    fill_application(page)
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work experience applications")
    expect(page.get_by_role("main")).to_contain_text("Status: Applied")
    axe_check(page)


def test_interest_then_a_programme_then_an_application_shortlisted_and_in_vetting(
    page, browser, live_server, axe_check
):
    # What exists before the journey: the applicant's account, the recruitment team
    # member, and the programme they drafted.
    applicant = UserFactory(email=APPLICANT, full_name="Alex Student")
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    programme = ProgrammeFactory(title="Summer work experience 2027", status=ProgrammeStatus.DRAFT)
    EligibilityQuestionFactory(programme=programme)

    register_interest(page, live_server, axe_check)

    # The recruitment team opens the programme: everyone interested is emailed.
    team = as_person(browser, live_server, recruiter)
    run_admin_action(
        team,
        live_server,
        "Work experience programmes",
        "Summer work experience 2027",
        "Open for applications (and email everyone interested)",
    )
    expect(team.get_by_text("1 work experience programme opened.")).to_be_visible()
    programme_link = last_link(APPLICANT, r"https?://\S+/work-experience/\d+/")

    log_in(page, live_server, applicant)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    apply(page, live_server, programme_link, axe_check)

    # The recruitment team shortlists the application, then starts vetting.
    for action in ("Shortlist", "Start vetting"):
        run_admin_action(team, live_server, "Work experience applications", "Alex Student", action)
        expect(team.get_by_role("main")).to_contain_text("1 work experience application")

    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Status: Vetting")
    axe_check(page)
    application = WorkExperienceApplication.objects.get(applicant=applicant)
    assert application.status == ApplicationStatus.VETTING
    assert [m.to for m in mail.outbox if "shortlisted your application" in m.body] == [[APPLICANT]]


def confirmed_place():
    """The state this journey starts from: a place waiting for its confirmation, with the vetting
    checks cleared and the agreement signed (ready_to_confirm), confirmed by the team's service."""
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM])
    application = ApplicationFactory(
        applicant=UserFactory(email=APPLICANT, full_name="Alex Student", roles=[Role.APPLICANT]),
        programme__title="Summer work experience 2027",
        status=ApplicationStatus.AGREEMENT_PENDING,
    )
    return confirm_application(ready_to_confirm(application), by=recruiter)


def test_the_joining_instructions_arrive_and_the_applicant_confirms_attendance(page, live_server, axe_check):
    application = confirmed_place()
    joining = next(m for m in reversed(mail.outbox) if m.to == [APPLICANT])
    assert joining.subject == "Your joining instructions for work experience"
    for text in ("Monday 19 July 2027", "8:45", "Kent Police College, Maidstone", "Photo ID", "Smart clothes"):
        assert text in joining.body

    log_in(page, live_server, application.applicant)
    page.goto(live_server.url + last_link(APPLICANT, r"https?://\S+/work-experience/attendance/\d+/"))
    axe_check(page)
    page.get_by_role("button", name="I will attend").click()
    expect(page.get_by_role("main")).to_contain_text("you have confirmed you will attend")
    axe_check(page)
    application.refresh_from_db()
    assert application.attendance_confirmed_at is not None
