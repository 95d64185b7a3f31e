"""Seed 001, end to end in Chromium, each step by the person who takes it: someone
registers their interest in work experience; the recruitment team opens a programme in
the back office and they are emailed; they log in and apply; the recruitment team
shortlists the application and starts vetting.

The second journey starts where the vetting, references and agreement journeys end (checks
cleared, a reference received, the agreement signed) and follows protocol 3.3.2 to the
confirmed place: the joining instructions, the applicant's confirmation that they will
attend, then the place confirmed."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus, ProgrammeStatus
from placements.models import WorkExperienceApplication
from placements.tests.work_experience_factories import (
    ApplicationFactory,
    EligibilityQuestionFactory,
    ProgrammeFactory,
    ready_for_joining_instructions,
)
from tests.browser.steps import (
    admin_rows,
    as_person,
    fill_application,
    go_home,
    last_link,
    log_in,
    mails_to,
    open_queue,
    run_admin_action,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
APPLICANT = "alex.student@example.org"


def register_interest(page, live_server, axe_check):
    page.goto(live_server.url + "/work-experience/")  # where the landing card links
    expect(page.get_by_role("heading", level=1)).to_have_text("Work experience with Kent Police")
    axe_check(page)
    page.get_by_role("link", name="Register your interest").click()  # the form has a page of its own
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
    page.get_by_role("link", name="Skip these questions").click()  # issue 12: optional
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


def test_joining_instructions_then_attendance_then_the_place_is_confirmed(page, browser, live_server, axe_check):
    """Protocol 3.3.2 in its order, each step by the person who takes it: the checks and
    references complete and the agreement signed (ready_for_joining_instructions), the team
    sends the joining instructions from the application page; the applicant confirms they
    will attend from the emailed link; the team confirms the place, and the applicant is told."""
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM], mfa=True, full_name="Rita Recruiter")
    application = ready_for_joining_instructions(
        ApplicationFactory(
            applicant=UserFactory(email=APPLICANT, full_name="Alex Student", roles=[Role.APPLICANT]),
            programme__title="Summer work experience 2027",
            status=ApplicationStatus.AGREEMENT_PENDING,
        )
    )

    team = as_person(browser, live_server, recruiter)
    assert open_queue(team, "Joining instructions to send") == 1
    open_the_application(team, axe_check)
    team.get_by_role("button", name="Send joining instructions").click()
    expect(team.get_by_role("status")).to_contain_text("The joining instructions have gone to Alex Student")
    expect(team.get_by_role("main")).to_contain_text("The applicant has not confirmed they will attend.")
    expect(team.get_by_role("button", name="Confirm the place")).to_have_count(0)
    axe_check(team)
    joining = mails_to(APPLICANT)[-1]
    assert joining.subject == "Your joining instructions for work experience"
    for text in ("Monday 19 July 2027", "8:45", "Kent Police College, Maidstone", "Photo ID", "Smart clothes"):
        assert text in joining.body

    log_in(page, live_server, application.applicant)
    page.goto(live_server.url + last_link(APPLICANT, r"https?://\S+/work-experience/attendance/\d+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm you will attend Summer work experience 2027")
    axe_check(page)
    page.get_by_role("button", name="I will attend").click()
    expect(page.get_by_role("main")).to_contain_text("you have confirmed you will attend")
    axe_check(page)

    go_home(team)
    assert open_queue(team, "Places to confirm") == 1
    open_the_application(team, axe_check)
    team.get_by_role("button", name="Confirm the place").click()
    expect(team.get_by_role("status")).to_contain_text("Alex Student's place is confirmed.")
    expect(team.get_by_role("main")).to_contain_text("Status: Confirmed")
    axe_check(team)
    assert mails_to(APPLICANT)[-1].subject == "Your work experience place is confirmed"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED and application.attendance_confirmed_at is not None


def open_the_application(team, axe_check):
    """From a queue's back office list, the one application's page (its "steps" column)."""
    expect(admin_rows(team)).to_have_count(1)
    axe_check(team)
    team.get_by_role("link", name="Open Alex Student’s application").click()
    expect(team.get_by_role("heading", level=1)).to_have_text("Alex Student")
    axe_check(team)
