"""Issue 12, the Positive Action Programme by clicking only (JOURNEYS.md "PP"): a candidate
finds the programme from the landing page, signs in, applies (a mistake first) and skips the
optional equality questions; the Diversity Placements Officer sees the application counted
on her home, enrols the candidate with a buddy; the buddy finds them under "Candidates you
buddy" and logs a one-to-one session; the candidate sees the buddy and the session's date,
never its notes, and books a familiarisation visit. axe runs on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from outreach.enums import EventKind
from outreach.programme.models import ProgrammeEnrolment
from outreach.tests.factories import OutreachEventFactory
from outreach.tests.programme_factories import ProgrammeIntakeFactory
from tests.browser.steps import as_person, hand_over, log_out, mails_to, open_queue, sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
INTAKE = "#MoreThanTheBadge police constable recruitment 2027"
VISIT = "Familiarisation visit, Maidstone Police Station"
NOTES = "Practised the SEARCH written exercise; next time the interview."


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_candidate_applies_is_enrolled_with_a_buddy_is_supported_and_books_a_visit(
    page, browser, live_server, axe_check
):
    ProgrammeIntakeFactory(name=INTAKE)
    OutreachEventFactory(kind=EventKind.FAMILIARISATION, title=VISIT, venue="Maidstone Police Station")
    candidate = UserFactory(email="ayesha@example.org", full_name="Ayesha Rahman")
    officer = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True, full_name="Sarah Meloni")
    buddy = UserFactory(roles=[Role.ESCORTING_OFFICER], mfa=True, full_name="Erin Buddy")

    # The candidate, from the landing page: the events, the programme, its intake.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="See the workshops and events").click()
    page.get_by_role("link", name=re.compile("^The Positive Action Programme")).click()
    expect(heading(page)).to_have_text("The Positive Action Programme")
    axe_check(page)
    page.get_by_role("link", name=f"Apply to {INTAKE}").click()
    page.get_by_label("Email").fill(candidate.email)  # the login form sends her back to the form
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(heading(page)).to_have_text(f"Apply: {INTAKE}")
    axe_check(page)
    page.get_by_label("Your phone number").fill("07911 123456")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why you would like the programme's support.")
    expect(page.get_by_label("Your phone number")).to_have_value("07911 123456")  # kept
    axe_check(page)
    page.get_by_label("Why would you like the programme's support?").fill("I failed SEARCH once; I want to prepare.")
    page.get_by_label("The National SEARCH assessment").check()
    page.get_by_role("button", name="Send my application").click()
    expect(heading(page)).to_have_text("Help us check we are fair")
    axe_check(page)
    page.get_by_role("link", name="Skip these questions").click()
    expect(heading(page)).to_have_text("Your Positive Action Programme")
    expect(page.get_by_role("main")).to_contain_text("Applied")
    axe_check(page)
    assert mails_to(candidate.email)[-1].subject == f"We have your application: {INTAKE}"
    log_out(page)

    # The Diversity Placements Officer: her home's count, the application, enrol with a buddy.
    sign_in(page, officer)
    assert open_queue(page, "Programme applications to decide") == 1
    expect(heading(page)).to_have_text("Positive Action Programme")
    axe_check(page)
    page.get_by_role("link", name="Ayesha Rahman").click()
    expect(heading(page)).to_have_text("Ayesha Rahman")
    axe_check(page)
    page.get_by_label("Buddy").select_option(label=f"Erin Buddy ({buddy.email})")
    page.get_by_role("button", name="Enrol with this buddy").click()
    expect(page.get_by_role("status")).to_contain_text("Enrolled")
    axe_check(page)
    assert ProgrammeEnrolment.objects.get().buddy == buddy
    assert mails_to(buddy.email)[-1].subject == "You are the buddy of Ayesha Rahman"

    # The buddy, in her own browser: her home's count, the candidate, a session logged.
    mentor = as_person(browser, live_server, buddy)
    assert open_queue(mentor, "Candidates you buddy") == 1
    expect(heading(mentor)).to_have_text("Candidates you buddy")
    axe_check(mentor)
    mentor.get_by_role("link", name="Ayesha Rahman").click()
    mentor.get_by_label("Date of the session").fill("2026-01-05")
    mentor.get_by_label("By video call").check()
    mentor.get_by_label("Notes").fill(NOTES)
    mentor.get_by_role("button", name="Log the session").click()
    expect(mentor.get_by_role("status")).to_contain_text("The session is logged.")
    expect(mentor.get_by_role("main")).to_contain_text(NOTES)
    axe_check(mentor)
    mentor.context.close()

    # The candidate again: her buddy, the session's date (not its notes), a visit booked.
    hand_over(page, candidate)
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Your Positive Action Programme").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Erin Buddy")
    expect(main).to_contain_text("Monday 5 January 2026")
    expect(main).not_to_contain_text(NOTES)
    axe_check(page)
    page.get_by_label(re.compile(re.escape(VISIT) + r" \(")).check()
    page.get_by_role("button", name="Book this visit").click()
    expect(page.get_by_role("status")).to_contain_text(f"Booked: {VISIT}")
    expect(main).to_contain_text("at Maidstone Police Station: Registered")
    axe_check(page)
    assert mails_to(candidate.email)[-1].subject == f"Your place at {VISIT}"
