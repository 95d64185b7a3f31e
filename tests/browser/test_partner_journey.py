"""Seed 000, end to end in Chromium: a charity registers its interest on the public form,
the Diversity Placements Officer approves it, the contact creates an account from the
emailed invitation, links it to the charity and offers places for the 2-day placement."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import PartnerStatus, PlacementType
from placements.models import HostingOffer, PartnerOrganisation
from tests.browser.steps import as_person, fill_partner_registration, last_link
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
CONTACT = "pat@maidstonemind.example"


def register_interest(page, live_server, axe_check):
    page.goto(live_server.url + "/partners/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register your interest in hosting community placements")
    axe_check(page)
    fill_partner_registration(page, organisation="Maidstone Mind", contact_name="Pat Jones", contact_email=CONTACT)
    page.get_by_role("button", name="Register your interest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for registering your interest")
    axe_check(page)


def officer_approves(browser, live_server, officer, axe_check):
    """The Diversity Placements Officer, in her own browser, from her dashboard."""
    page = as_person(browser, live_server, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff dashboard")
    page.get_by_role("link", name=re.compile("^Partner organisations: registrations to approve")).click()
    axe_check(page)
    page.get_by_role("link", name="Maidstone Mind").click()
    expect(page.get_by_role("main")).to_contain_text(CONTACT)
    axe_check(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("main")).to_contain_text("Maidstone Mind is approved")
    page.context.close()


def contact_signs_up(page, live_server, invitation, axe_check):
    page.goto(live_server.url + invitation)
    expect(page.get_by_role("heading", level=1)).to_have_text("Link your account to Maidstone Mind")
    axe_check(page)
    page.get_by_role("main").get_by_role("link", name="Create an account").click()
    expect(page.get_by_label("Email")).to_have_value(CONTACT)  # filled in from the invitation
    page.locator("#id_full_name").fill("Pat Jones")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    # The link in the delivered message, as it is (it carries where Pat was going).
    page.goto(live_server.url + last_link(CONTACT, r"https?://\S+/accounts/confirm-email/\S+"))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Email").fill(CONTACT)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # Back on the invitation, not on "Your account" (issue 9: the person returns to where
    # they were going after sign-up, confirmation and login).
    expect(page).to_have_url(re.compile(re.escape(invitation) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Link your account to Maidstone Mind")


def test_a_charity_registers_is_approved_links_its_account_and_offers_places(page, browser, live_server, axe_check):
    # Before the journey: the Diversity Placements Officer's account.
    officer = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True, email="sarah@kent.police.example")
    register_interest(page, live_server, axe_check)
    officer_approves(browser, live_server, officer, axe_check)
    invitation = last_link(CONTACT, r"https?://\S+/partners/join/\S+/")
    contact_signs_up(page, live_server, invitation, axe_check)
    axe_check(page)
    page.get_by_role("button", name="Link my account to Maidstone Mind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner portal")
    expect(page.get_by_role("main")).to_contain_text("Your account is linked to Maidstone Mind.")
    axe_check(page)

    page.get_by_role("link", name="Places you offer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Places you offer")
    axe_check(page)
    start = timezone.localdate() + timedelta(days=30)
    page.get_by_label("2-day placement").check()
    page.get_by_label("How many officers can you host?").fill("3")
    page.get_by_label("Available from").fill(start.isoformat())
    page.get_by_label("Available until").fill((start + timedelta(days=25)).isoformat())
    page.get_by_role("button", name="Offer these places").click()
    expect(page.get_by_role("main")).to_contain_text("your offer is saved")
    axe_check(page)

    partner = PartnerOrganisation.objects.get(name="Maidstone Mind")
    assert partner.status == PartnerStatus.ACTIVE
    assert partner.contacts.get().user.email == CONTACT
    offer = HostingOffer.objects.get(partner=partner)
    assert (offer.placement_type, offer.places, offer.available_from) == (PlacementType.TWO_DAY, 3, start)


def test_the_form_with_mistakes_keeps_what_was_typed_and_stays_accessible(page, live_server, axe_check):
    page.goto(live_server.url + "/partners/register/")
    page.get_by_label("Name of your organisation").fill("Maidstone Mind")
    page.get_by_label("Other", exact=True).check()
    page.get_by_label("Postcode").fill("ME14")
    page.get_by_role("button", name="Register your interest").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Postcode: Enter a UK postcode, like ME14 1XX.")
    expect(summary).to_contain_text("Tell us which other community you work with.")
    expect(page.get_by_label("Name of your organisation")).to_have_value("Maidstone Mind")
    expect(page.get_by_label("Other", exact=True)).to_be_checked()
    axe_check(page)
    summary.get_by_role("link", name="Postcode: Enter a UK postcode, like ME14 1XX.").click()
    expect(page).to_have_url(re.compile(r"#id_postcode$"))
