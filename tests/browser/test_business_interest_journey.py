"""Local businesses supporting recruitment in Chromium (issue 12; seed 004: "To find out more
about how you can support Kent Police recruitment as a local business in the Kent community
please click here"), by clicking only: a business owner goes from the landing page to the
positive-action page, its link for local businesses, and the form (sent first with no offer
chosen: the problem is said next to the boxes and what was typed stays), and ends on the
thank-you page; her confirmation is in the outbox. Then the Diversity Placements Officer logs
in, sees the business counted on her home, opens it, records that she contacted them with a
note, then that they are supporting recruitment; the business is thanked by email."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from outreach.businesses.enums import BusinessInterestStatus
from outreach.businesses.models import BusinessInterest
from tests.browser.steps import go_home, log_out, mails_to, open_queue, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
BUSINESS = "Folkestone Harbour Café"
SIOBHAN = "siobhan.murphy@example.org"


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_business_offers_its_support_and_the_officer_follows_it_up_to_supporting(page, live_server, axe_check):
    officer = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True, full_name="Sarah Diversity")

    # Siobhan, who runs a café, from the landing page.
    page.goto(live_server.url + "/")
    axe_check(page)
    page.get_by_role("link", name="See the workshops and events").click()
    expect(heading(page)).to_have_text("Positive action workshops and events")
    expect(page.get_by_role("main")).to_contain_text("support Kent Police recruitment as a local business")
    axe_check(page)
    page.get_by_role("link", name="Support recruitment as a local business").click()
    expect(heading(page)).to_have_text("Support Kent Police recruitment as a local business")
    axe_check(page)
    page.get_by_label("Name of your business").fill(BUSINESS)
    page.get_by_label("Town or area in Kent").fill("Folkestone")
    page.get_by_label("Your full name").fill("Siobhan Murphy")
    page.get_by_label("Your role or job title (optional)").fill("Owner")
    page.get_by_label("Your email address").fill(SIOBHAN)
    page.get_by_label("Your phone number (optional)").fill("01303 850123")
    page.get_by_label("Anything else you could offer, or would like us to know (optional)").fill(
        "Our upstairs room seats 30, with step-free access."
    )
    page.get_by_role("button", name="Register our interest").click()  # no offer chosen yet
    expect(page.get_by_role("alert")).to_contain_text("Choose at least one way you could support recruitment.")
    expect(page.get_by_label("Name of your business")).to_have_value(BUSINESS)  # kept
    axe_check(page)
    page.get_by_label("A venue for an event").check()
    page.get_by_label("Sponsorship or refreshments").check()
    page.get_by_role("button", name="Register our interest").click()
    expect(heading(page)).to_have_text("Thank you for offering your support")
    expect(page.get_by_role("main")).to_contain_text(f"We have emailed {SIOBHAN}")
    axe_check(page)

    # The Diversity Placements Officer, on the same computer: her home counts the business.
    sign_in(page, officer)  # back on the page she logged in from, then her home
    go_home(page)
    expect(heading(page)).to_have_text("Staff dashboard")
    axe_check(page)
    assert open_queue(page, "Businesses to follow up") == 1
    expect(heading(page)).to_have_text("Local businesses supporting recruitment")
    axe_check(page)
    page.get_by_role("link", name=BUSINESS).click()
    expect(heading(page)).to_have_text(BUSINESS)
    expect(page.get_by_role("main")).to_contain_text("A venue for an event; Sponsorship or refreshments")
    expect(page.get_by_role("main")).to_contain_text("Our upstairs room seats 30")
    axe_check(page)
    page.get_by_label("What was discussed?").fill("Rang Siobhan: the room is free on Saturday mornings.")
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_role("status")).to_contain_text("The contact is recorded.")
    expect(page.get_by_role("main")).to_contain_text("Sarah Diversity: Rang Siobhan: the room is free")
    axe_check(page)
    page.get_by_label("Anything to note (optional)").fill("Booked for the Folkestone engagement day.")
    page.get_by_role("button", name="Record that they are supporting recruitment").click()
    expect(page.get_by_role("status")).to_contain_text("Recorded as supporting recruitment")
    expect(page.get_by_role("main")).to_contain_text("The outcome is recorded: there is nothing more to do.")
    axe_check(page)
    log_out(page)

    interest = BusinessInterest.objects.get()
    assert (interest.status, interest.contacted_by, interest.decided_by) == (
        BusinessInterestStatus.SUPPORTING,
        officer,
        officer,
    )
    # Siobhan's emails: the confirmation (what happens next), then the thank-you.
    confirmation, thanks = mails_to(SIOBHAN)
    assert confirmation.subject == "Thank you for offering to support Kent Police recruitment"
    assert f"Thank you for registering {BUSINESS}'s interest" in confirmation.body
    assert "- A venue for an event\n- Sponsorship or refreshments" in confirmation.body
    assert re.search(r"Diversity Placements Officer .* will contact you within 10 working days", confirmation.body)
    assert thanks.subject == "Thank you for supporting Kent Police recruitment"
    assert "as agreed with Sarah Diversity" in thanks.body
    assert "Rang Siobhan" not in thanks.body and "Booked for" not in thanks.body  # the notes are the staff's
