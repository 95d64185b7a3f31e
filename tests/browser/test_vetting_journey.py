"""Issue 10, "vetting officer records the checks and clears", in Chromium, each step by the
person who takes it: the vetting officer opens "Vetting to decide" from their home, opens the
application, starts and clears each check (with an expiry and private notes), reads the
application itself (the outcome in words, no notes) and goes back to its checks; the applicant
then logs in and sees "Cleared" under their applications, and none of the notes."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus
from placements.services.work_experience import start_vetting
from placements.tests.work_experience_factories import ApplicationFactory
from tests.browser.steps import hand_over, log_in, open_queue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
NOTE = "Checked against PNC on the phone"


def check_section(page, name):
    return page.locator("section", has=page.get_by_role("heading", name=re.compile(rf"^{re.escape(name)}")))


def record_move(page, check, move, **fields):
    section = check_section(page, check)
    section.get_by_label(move, exact=True).check()
    for label, value in fields.items():
        section.get_by_label(label).fill(value)
    section.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_contain_text(f"{check}: recorded.")


def test_the_vetting_officer_records_the_checks_and_clears(page, live_server, axe_check):
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM])
    officer = UserFactory(full_name="Victor Vetting", roles=[Role.VETTING_OFFICER], mfa=True)
    alex = UserFactory(email="alex@example.org", full_name="Alex Student", roles=[Role.APPLICANT])
    application = ApplicationFactory(
        applicant=alex, status=ApplicationStatus.SHORTLISTED, programme__title="Summer work experience 2027"
    )
    start_vetting(application, by=recruiter)

    log_in(page, live_server, officer)
    axe_check(page)
    assert open_queue(page, "Vetting to decide") == 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Vetting to decide")
    axe_check(page)
    page.get_by_role("link", name="Alex Student").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vetting: Alex Student")
    axe_check(page)
    for check in ("Identity check", "Force vetting (Force Policy P04)"):
        record_move(page, check, "Start the check", **{"Private notes": NOTE})
        record_move(page, check, "Clear", **{"Clearance expires on": "2029-01-31"})
    expect(check_section(page, "Force vetting (Force Policy P04)")).to_contain_text("expires 31 January 2029")
    expect(page.get_by_role("main")).to_contain_text(NOTE)
    axe_check(page)
    # the application they vet, read-only, says the outcome in words and leads back to the checks
    page.get_by_role("link", name="Read the application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alex Student")
    expect(page.get_by_role("main")).to_contain_text("Vetting: Cleared")
    expect(page.get_by_role("main")).not_to_contain_text(NOTE)
    expect(page.get_by_role("button", name="Ask for the Work Placement Agreement")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="The vetting checks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vetting: Alex Student")

    hand_over(page, alex)
    page.get_by_role("link", name="Your work experience applications").click()
    expect(page.get_by_role("main")).to_contain_text("Status: Cleared")
    expect(page.get_by_role("main")).not_to_contain_text(NOTE)
    axe_check(page)
