"""INVENTORY"""

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus, PartnerStatus
from placements.models import ExpressionOfInterest, PartnerOrganisation, WorkExperienceApplication
from placements.tests.matrix_placement_days import on_placement
from placements.tests.work_experience_factories import EligibilityQuestionFactory, ProgrammeFactory
from tests.browser.steps import (
    fill_application,
    fill_partner_registration,
    last_link,
    log_in,
    mails_to,
    sign_in,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def heading(page):
    return page.get_by_role("heading", level=1)


def main(page):
    return page.get_by_role("main")


def nav(page, label):
    """A link of the navigation bar (accounts/navigation.py)."""
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True)


# --- the visitor ------------------------------------------------------------------------


def test_visitor_finds_both_ways_in_from_the_landing_page_and_applies(page, live_server, axe_check):
    """Seed 000 and seed 001 from the landing page's cards: an organisation registers its
    interest; someone asks to hear about work experience, then applies to the open
    programme, logging in on the way and landing back on the form (issue 9)."""
    programme = ProgrammeFactory(title="Summer work experience 2027")
    EligibilityQuestionFactory(programme=programme)
    jo = UserFactory(email="jo@example.org", full_name="Jo Bloggs")
    sarah = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True)  # told of each registration

    page.goto(live_server.url + "/")
    axe_check(page)
    page.get_by_role("link", name="Register your organisation's interest").click()
    expect(heading(page)).to_have_text("Register your interest in hosting community placements")
    axe_check(page)
    fill_partner_registration(
        page, organisation="Rose Court Care Home", contact_name="Pat Rose", contact_email="pat@rosecourt.example"
    )
    page.get_by_role("button", name="Register your interest").click()
    expect(heading(page)).to_have_text("Thank you for registering your interest")
    axe_check(page)
    assert PartnerOrganisation.objects.get(name="Rose Court Care Home").status == PartnerStatus.INTERESTED
    assert [m.subject for m in mails_to("pat@rosecourt.example")] == [
        "Thank you for registering Rose Court Care Home's interest in community placements"
    ]
    assert "Rose Court Care Home" in mails_to(sarah.email)[-1].subject

    page.get_by_role("link", name="Go to the start page").click()
    page.get_by_role("link", name="See the work experience programmes").click()
    expect(heading(page)).to_have_text("Work experience with Kent Police")
    axe_check(page)
    page.get_by_label("Your name").fill("Jo Bloggs")
    page.get_by_label("Email address").fill(jo.email)
    page.get_by_role("button", name="Tell me").click()
    expect(page.get_by_role("status")).to_contain_text("We will email you when a work experience programme opens")
    assert ExpressionOfInterest.objects.get(email=jo.email).unsubscribed_at is None

    page.get_by_role("link", name="Summer work experience 2027").click()
    expect(heading(page)).to_have_text("Summer work experience 2027")
    axe_check(page)
    page.get_by_role("link", name="Apply").click()
    expect(heading(page)).to_have_text("Log in")
    axe_check(page)
    page.get_by_label("Email").fill(jo.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(heading(page)).to_have_text("Apply for Summer work experience 2027")
    axe_check(page)
    fill_application(page)
    page.get_by_role("button", name="Send application").click()
    expect(heading(page)).to_have_text("My work experience applications")
    expect(main(page)).to_contain_text("Status: Applied")
    axe_check(page)
    assert WorkExperienceApplication.objects.get(applicant=jo).status == ApplicationStatus.APPLIED
    assert mails_to(jo.email)[-1].subject == "We have received your work experience application"


def test_visitor_resets_a_forgotten_password_then_changes_it_from_their_account(page, live_server, axe_check):
    """The login page's "Forgot your password?", the emailed link (EMAILED_ONLY in
    tests/test_reachability.py: the journey takes it from the outbox, as the person does),
    then "Change your password" from "Your account"."""
    jo = UserFactory(email="jo@example.org", full_name="Jo Bloggs")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_role("link", name="Forgot your password?").click()
    axe_check(page)
    page.get_by_label("Email").fill(jo.email)
    page.get_by_role("button", name="Reset My Password").click()
    expect(main(page)).to_contain_text("We have sent you an email")
    axe_check(page)

    page.goto(live_server.url + last_link(jo.email, r"https?://\S+/accounts/password/reset/key/\S+"))
    axe_check(page)
    page.locator("#id_password1").fill("A-new-Battery-Staple-7")
    page.locator("#id_password2").fill("A-new-Battery-Staple-7")
    page.get_by_role("button", name="Change Password").click()
    expect(main(page)).to_contain_text("Your password is now changed.")
    axe_check(page)

    sign_in(page, jo, password="A-new-Battery-Staple-7")
    expect(heading(page)).to_have_text("Your account")
    page.get_by_role("link", name="Change your password").click()
    axe_check(page)
    page.locator("#id_oldpassword").fill("A-new-Battery-Staple-7")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_role("status")).to_contain_text("Password successfully changed.")
    axe_check(page)
    jo.refresh_from_db()
    assert jo.check_password(PASSWORD)


# --- the work-experience applicant -------------------------------------------------------


def test_applicant_saves_a_draft_sends_it_later_and_withdraws_it(page, live_server, axe_check):
    """From "Your account": the programmes by the landing page's card, a draft kept, the
    draft found again under "Your work experience applications", sent, then withdrawn."""
    alex = UserFactory(email="alex@example.org", full_name="Alex Student", roles=[Role.APPLICANT])
    programme = ProgrammeFactory(title="Summer work experience 2027")
    EligibilityQuestionFactory(programme=programme)

    log_in(page, live_server, alex)
    expect(heading(page)).to_have_text("Your account")
    axe_check(page)
    page.get_by_role("link", name="Read about the four ways in").click()
    page.get_by_role("link", name="See the work experience programmes").click()
    page.get_by_role("link", name="Summer work experience 2027").click()
    page.get_by_role("link", name="Apply").click()
    page.get_by_label("Personal statement").fill("I would like to see how the police keep people safe.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("Your draft is saved.")
    axe_check(page)

    nav(page, "Your account").click()
    page.get_by_role("link", name="Your work experience applications").click()
    expect(main(page)).to_contain_text("You have a draft for Summer work experience 2027, not yet sent.")
    axe_check(page)
    page.get_by_role("link", name="Carry on with it").click()
    expect(page.get_by_label("Personal statement")).to_have_value("I would like to see how the police keep people safe.")
    fill_application(page)
    page.get_by_role("button", name="Send application").click()
    expect(main(page)).to_contain_text("Status: Applied")

    page.get_by_role("link", name="Withdraw my application").click()
    expect(heading(page)).to_have_text("Withdraw your application?")
    axe_check(page)
    page.get_by_role("button", name="Yes, withdraw my application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application has been withdrawn.")
    expect(main(page)).to_contain_text("Status: Withdrawn")
    expect(page.get_by_role("link", name="Withdraw my application")).to_have_count(0)
    axe_check(page)
    assert WorkExperienceApplication.objects.get(applicant=alex).status == ApplicationStatus.WITHDRAWN
    assert [m.subject for m in mails_to(alex.email)][-1] == "You have withdrawn your work experience application"


def test_participant_confirms_attendance_and_keeps_a_diary(page, live_server, axe_check):
    """Protocol 3.3.2 and 3.4.3, from "Your account" → "Your work experience applications":
    the place is confirmed and the joining instructions sent before the journey."""
    alex = UserFactory(email="alex@example.org", full_name="Alex Student", roles=[Role.APPLICANT])
    application = on_placement(applicant=alex, programme__title="Summer work experience 2027")

    log_in(page, live_server, alex)
    page.get_by_role("link", name="Your work experience applications").click()
    page.get_by_role("link", name="Confirm you will attend").click()
    expect(heading(page)).to_have_text("Confirm you will attend Summer work experience 2027")
    axe_check(page)
    page.get_by_role("button", name="I will attend").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you: you have confirmed you will attend.")
    expect(main(page)).to_contain_text("You confirmed you will attend on")
    axe_check(page)
    application.refresh_from_db()
    assert application.attendance_confirmed_at is not None

    nav(page, "Your account").click()
    page.get_by_role("link", name="Your work experience applications").click()
    page.get_by_role("link", name="Your diary").click()
    expect(heading(page)).to_have_text("Your placement diary")
    axe_check(page)
    page.get_by_label("Date").fill("2027-07-19")
    page.get_by_label("Your notes").fill("Shadowed the front desk. Call me on 07911 123456.")
    page.get_by_role("button", name="Save your note").click()
    expect(page.get_by_role("alert")).to_contain_text("This looks like personal data")
    expect(page.get_by_label("Your notes")).to_have_value("Shadowed the front desk. Call me on 07911 123456.")
    axe_check(page)
    page.get_by_label("Your notes").fill("Shadowed the front desk and saw how calls are graded.")
    page.get_by_role("button", name="Save your note").click()
    expect(page.get_by_role("status")).to_contain_text("Your notes are saved.")
    expect(main(page)).to_contain_text("Monday 19 July 2027")
    expect(main(page)).to_contain_text("Shadowed the front desk and saw how calls are graded.")
    axe_check(page)
    assert [entry.text for entry in application.diary.all()] == ["Shadowed the front desk and saw how calls are graded."]
