"""Journey (issue 9; seed 000: "every student officer has to complete these community placements"): the
Diversity Placements Officer opens a cohort from the navigation, sees an officer whose placement the partner
declined, re-allocates them in one step, and accepts the new placement for the partner, who agreed by phone."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import PartnerResponse, PlacementStatus
from placements.services.partners import decline_placement
from placements.services.placements import confirm_placement
from placements.tests.factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerFactory,
    StudentOfficerFactory,
)
from tests.browser.steps import as_person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_at_risk_is_reallocated_and_accepted_for_the_partner(browser, live_server, axe_check):
    cohort = CohortFactory(name="Cohort 2027-01")
    officer = StudentOfficerFactory(cohort=cohort, full_name="Dee Declined", user=None, staff_number="KP20001")
    declining = HostingOfferFactory(partner=PartnerFactory(name="Carers First", contact=True))
    HostingOfferFactory(partner=PartnerFactory(name="Maidstone Mind", contact=True))
    placement = confirm_placement(CommunityPlacementFactory(officer=officer, offer=declining), by=None)
    contact = declining.partner.contacts.get().user
    decline_placement(placement, by=contact, reason="Our day centre is closed that week.")
    dpo = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True)

    page = as_person(browser, live_server, dpo)
    axe_check(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Allocation").click()
    axe_check(page)
    page.get_by_role("link", name="Cohort 2027-01", exact=True).click()

    at_risk = page.get_by_role("region", name="2-day placements")
    expect(at_risk).to_contain_text(
        "Dee Declined (KP20001): Declined by the partner, Carers First: Our day centre is closed that week."
    )
    axe_check(page)
    at_risk.get_by_role("button", name=re.compile("^Re-allocate this officer")).click()

    main = page.get_by_role("main")
    expect(main).to_contain_text("Re-allocated 1 officer at risk: 1 placed and confirmed.")
    row = page.get_by_role("row", name=re.compile("Dee Declined"))
    expect(row).to_contain_text("Awaiting the partner's reply")
    expect(row).to_contain_text("Maidstone Mind")
    axe_check(page)
    page.get_by_label("How did Maidstone Mind accept Dee Declined?").fill("Agreed by phone with the manager")
    page.get_by_role("button", name="Accept for the partner").click()

    expect(main).to_contain_text("Recorded that Maidstone Mind accepted Dee Declined's 2-day placement")
    expect(page.get_by_role("row", name=re.compile("Dee Declined"))).to_contain_text("Accepted")
    axe_check(page)
    now = officer.placements.get(status=PlacementStatus.CONFIRMED)
    assert (now.partner.name, now.partner_response) == ("Maidstone Mind", PartnerResponse.ACCEPTED)
