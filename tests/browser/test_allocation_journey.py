"""Journey: the Diversity Placements Officer allocates a cohort, moves a proposal by hand and
confirms; the partner accepts; the student officer sees the placement (issue: community
placements; issue 9: the move form is drawn into the row on demand). Each person logs in in
their own browser and clicks from their home page."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import PartnerResponse, PlacementStatus
from placements.models import CommunityPlacement
from placements.tests.factories import (
    CohortFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
)
from tests.browser.steps import as_person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_allocate_move_confirm_accept_and_see(browser, live_server, axe_check):
    cohort = CohortFactory(name="Cohort 2027-01")
    officer = StudentOfficerFactory(cohort=cohort, user__full_name="Sam Student")
    partner = PartnerFactory(name="Maidstone Mind", communities=["mental_ill_health"])
    HostingOfferFactory(partner=partner, places=2)
    contact = PartnerContactFactory(organisation=partner)
    # Serving two communities, the café is new to more: the allocator proposes it first.
    cafe = PartnerFactory(name="Sevenoaks Dementia Café", communities=["dementia", "older_people"], contact=True)
    HostingOfferFactory(partner=cafe, places=2)
    dpo = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True)

    # The Diversity Placements Officer runs the allocator, moves the proposal by hand and confirms.
    page = as_person(browser, live_server, dpo)
    console_errors = []  # a script the CSP refuses (htmx's injected styles, say) is reported here
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.get_by_role("link", name=re.compile("^Cohorts: allocate")).click()
    page.get_by_role("link", name=re.compile("2-day placements for Cohort 2027-01")).click()
    page.get_by_role("button", name="Run the allocator").click()
    expect(page.get_by_role("main")).to_contain_text("Proposed 1 placements; 0 officers not placed.")
    row = page.get_by_role("row", name=re.compile("Sam Student"))
    expect(row).to_contain_text("Sevenoaks Dementia Café")
    axe_check(page)
    row.get_by_role("link", name="Move Sam Student’s placement").click()
    # htmx draws the move form into the row, in the link's place, and focus moves to it.
    organisation = row.get_by_label("Organisation for Sam Student")
    expect(organisation).to_be_focused()
    axe_check(page)
    organisation.select_option(label="Maidstone Mind — 2 free, 1 Mar–26 Mar")
    row.get_by_label("First day for Sam Student").fill("2027-03-08")
    row.get_by_role("button", name="Move").click()
    expect(page.get_by_role("main")).to_contain_text("Sam Student now goes to Maidstone Mind.")
    row = page.get_by_role("row", name=re.compile("Sam Student"))
    expect(row).to_contain_text("Maidstone Mind")
    expect(row).to_contain_text("Mental ill-health")
    expect(row).to_contain_text("8 Mar–9 Mar 2027")
    page.get_by_role("button", name=re.compile("Confirm 1 proposed placements")).click()
    expect(page.get_by_role("main")).to_contain_text("Confirmed 1 placements")
    assert console_errors == []

    # The partner accepts the officer.
    page = as_person(browser, live_server, contact.user)
    page.get_by_role("link", name="Go to the partner portal").click()
    page.get_by_role("link", name=re.compile("^Student officers placed with you")).click()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Accept or decline")).click()
    page.get_by_role("button", name="Accept the placement").click()
    placement = CommunityPlacement.objects.get(officer=officer)
    assert (placement.status, placement.partner_response) == (PlacementStatus.CONFIRMED, PartnerResponse.ACCEPTED)

    # The officer sees the placement.
    page = as_person(browser, live_server, officer.user)
    page.get_by_role("link", name="Your community placements").click()
    expect(page.get_by_role("heading", name="2-day placement at Maidstone Mind")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Monday 8 March 2027 to Tuesday 9 March 2027")
    axe_check(page)
