"""Seed 001, end to end in Chromium: someone registers their interest in work experience,
a programme opens and they are emailed, they log in and apply, the recruitment team moves
the application through shortlisting, vetting, clearance and the agreement, completes the
Student Placement Risk Assessment and confirms it, the joining instructions arrive, and
the applicant confirms their attendance from the link in them."""

from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ProgrammeStatus
from placements.models import RiskAssessment, WorkExperienceApplication
from placements.services.work_experience import (
    confirm_application,
    open_programme,
    record_clearance,
    request_agreement,
    shortlist_application,
    start_vetting,
)
from placements.tests.work_experience_factories import EligibilityQuestionFactory, ProgrammeFactory
from tests.browser.test_partner_journey import last_link
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
APPLICANT = "alex.student@example.org"


def register_interest(page, live_server, axe_check):
    page.goto(live_server.url + "/work-experience/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Work experience with Kent Police")
    axe_check(page)
    page.get_by_label("Your name").fill("Alex Student")
    page.get_by_label("Email address").fill(APPLICANT)
    page.get_by_role("button", name="Tell me").click()
    expect(page.get_by_role("main")).to_contain_text("We will email you when a work experience programme opens")


def log_in(page, live_server):
    UserFactory(email=APPLICANT, full_name="Alex Student")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(APPLICANT)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")


def apply(page, live_server, programme_link, axe_check):
    page.goto(live_server.url + programme_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Summer work experience 2027")
    axe_check(page)
    page.get_by_role("link", name="Apply").click()
    axe_check(page)
    page.get_by_label("Date of birth").fill("2010-03-01")
    page.get_by_label("School or college", exact=True).fill("Maidstone Grammar School")
    page.get_by_label("Yes").check()
    page.get_by_label("Personal statement").fill("I would like to see how the police keep people safe.")
    page.get_by_label("Emergency contact's name").fill("Pat Student")
    page.get_by_label("Emergency contact's phone number").fill("07911 123456")
    page.get_by_label("Parent or guardian's name").fill("Pat Student")
    page.get_by_label("Parent or guardian's email").fill("pat.student@example.org")
    page.get_by_label("Parent or guardian's phone number").fill("07911 123456")
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work experience applications")
    expect(page.get_by_role("main")).to_contain_text("Status: Applied")
    axe_check(page)


def recruitment_team_confirms(application):
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM])
    for move in (shortlist_application, start_vetting):
        application = move(application, by=recruiter)
    application = record_clearance(application, by=recruiter, cleared=True)
    application = request_agreement(application, by=recruiter)
    RiskAssessment.objects.create(
        application=application,
        owner=recruiter,
        assessed_on=date(2027, 7, 1),
        review_due=date(2027, 7, 21),
        summary="Remains on site at Kent Police College.",
    )
    return confirm_application(application, by=recruiter)


def test_interest_then_a_programme_then_an_application_to_joining_instructions(page, live_server, axe_check):
    register_interest(page, live_server, axe_check)
    programme = ProgrammeFactory(title="Summer work experience 2027", status=ProgrammeStatus.DRAFT)
    EligibilityQuestionFactory(programme=programme)
    open_programme(programme, by=UserFactory(roles=[Role.RECRUITMENT_TEAM]))
    programme_link = last_link(APPLICANT, r"https?://\S+/work-experience/\d+/")

    log_in(page, live_server)
    apply(page, live_server, programme_link, axe_check)

    recruitment_team_confirms(WorkExperienceApplication.objects.get(applicant__email=APPLICANT))
    joining = next(m for m in reversed(mail.outbox) if m.to == [APPLICANT])
    assert joining.subject == "Your joining instructions for work experience"
    for text in ("Monday 19 July 2027", "8:45", "Kent Police College, Maidstone", "Photo ID", "Smart clothes"):
        assert text in joining.body

    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Status: Confirmed")

    # The applicant confirms attendance from the link in the joining instructions.
    page.goto(live_server.url + last_link(APPLICANT, r"https?://\S+/work-experience/attendance/\d+/"))
    axe_check(page)
    page.get_by_role("button", name="I will attend").click()
    application = WorkExperienceApplication.objects.get(applicant__email=APPLICANT)
    assert application.attendance_confirmed_at is not None
