"""Journey: the Diversity Placements Officer allocates a cohort and confirms; the partner
accepts; the student officer sees the placement (issue: community placements). Each
person logs in in their own browser and clicks from their home page."""

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


def test_allocate_confirm_accept_and_see(browser, live_server, axe_check):
    cohort = CohortFactory(name="Cohort 2027-01")
    officer = StudentOfficerFactory(cohort=cohort, user__full_name="Sam Student")
    partner = PartnerFactory(name="Maidstone Mind", communities=["mental_ill_health"])
    HostingOfferFactory(partner=partner, places=2)
    contact = PartnerContactFactory(organisation=partner)
    dpo = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True)

    # The Diversity Placements Officer runs the allocator, reviews and confirms.
    page = as_person(browser, live_server, dpo)
    page.get_by_role("link", name=re.compile("^Cohorts: allocate")).click()
    page.get_by_role("link", name=re.compile("2-day placements for Cohort 2027-01")).click()
    page.get_by_role("button", name="Run the allocator").click()
    expect(page.get_by_role("main")).to_contain_text("Proposed 1 placements; 0 officers not placed.")
    row = page.get_by_role("row", name=re.compile("Sam Student"))
    expect(row).to_contain_text("Maidstone Mind")
    expect(row).to_contain_text("Mental ill-health")
    axe_check(page)
    page.get_by_role("button", name=re.compile("Confirm 1 proposed placements")).click()
    expect(page.get_by_role("main")).to_contain_text("Confirmed 1 placements")

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
    expect(page.get_by_role("main")).to_contain_text("Monday 1 March 2027 to Tuesday 2 March 2027")
    axe_check(page)
