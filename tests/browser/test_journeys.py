"""The foundation's user journeys, end to end in Chromium (issue: Foundation)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.roles import Role
from notifications.models import Notification
from tests.browser.steps import activate_authenticator
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_signs_up_verifies_email_and_logs_in(page, live_server, axe_check):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Placements, work experience and volunteering")
    page.get_by_role("main").get_by_role("link", name="Create an account").click()

    page.get_by_label("Full name").fill("Jo Bloggs")
    page.get_by_label("Email").fill("jo@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    axe_check(page)

    # The verification mail went through the outbox and was delivered.
    notification = Notification.objects.get(recipient="jo@example.org")
    assert notification.status == "sent"
    assert mail.outbox[-1].to == ["jo@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)

    page.goto(link)  # opening the link changes nothing: the visitor confirms with a button
    axe_check(page)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Email").fill("jo@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_role("main")).to_contain_text("jo@example.org")
    axe_check(page)


def test_staff_member_is_made_to_set_up_mfa_before_the_dashboard(page, live_server, axe_check):
    UserFactory(email="rita@example.org", full_name="Rita Recruiter", roles=[Role.RECRUITMENT_TEAM])

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("rita@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Straight to the MFA set-up: the password typed a moment ago is not asked again (issue 9).
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    expect(page.get_by_role("main")).to_contain_text("Staff accounts must use two-factor authentication")
    axe_check(page)
    activate_authenticator(page)

    # The recovery codes, then a way on to where she was going: her dashboard.
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    axe_check(page)
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff dashboard")
    expect(page.get_by_role("main")).to_contain_text("Corporate Recruitment Team")
    expect(page.get_by_role("link", name="Open the back office")).to_be_visible()
