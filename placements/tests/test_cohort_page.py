"""Issue 9: the cohort page — each officer's 2-day and 4-day placement and presentation in words, the
officers at risk with why, re-allocating them, and accepting a placement for its partner."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from accounts.models import ActionLog
from placements.enums import PartnerResponse, PlacementStatus, PlacementType
from placements.models import CommunityPlacement, PlacementReflection
from placements.services.partners import accept_placement, decline_placement
from placements.services.placements import cancel_placement, confirm_placement

from .factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerFactory,
    StudentOfficerFactory,
)
from .presentation_factories import PresentationSessionFactory, finished_placement, offer_in_window

pytestmark = pytest.mark.django_db
SESSION = "Session: 14 Apr 2027, 10:00, Lecture theatre 2"


def cohort_url(cohort):
    return reverse("allocation_cohort", args=[cohort.pk])


def text(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def row_of(page, name):
    """The words of the officers' table row headed by ``name``."""
    rows = re.findall(r"<tr>.*?</tr>", page, re.DOTALL)
    return next(text(row) for row in rows if f'<th scope="row">{name}</th>' in row)


def section(page, heading):
    """The words from ``heading`` to the next heading of the same level."""
    start = page.index(heading)
    return text(page[start : page.find("<h2", start + 1)])


def officer(cohort, name):
    return StudentOfficerFactory(cohort=cohort, full_name=name, user=None, staff_number=f"KP-{name.split()[0]}")


def hosted_by_someone(**kwargs):
    """A 2-day placement at an organisation with a contact who answers."""
    offer = HostingOfferFactory(partner=PartnerFactory(contact=True, name=kwargs.pop("partner", None) or "Host"))
    return CommunityPlacementFactory(offer=offer, **kwargs)


@pytest.fixture
def cohort(diversity_officer):
    """One officer in each state of their 2-day placement; none has a 4-day one."""
    cohort = CohortFactory(name="Cohort 2027-01")
    PresentationSessionFactory(cohort=cohort)
    CommunityPlacementFactory(officer=officer(cohort, "Ola Proposed"), offer=HostingOfferFactory(partner__name="Mind"))
    confirm_placement(hosted_by_someone(officer=officer(cohort, "Ada Awaiting"), partner="Age UK"), by=None)
    accepted = confirm_placement(hosted_by_someone(officer=officer(cohort, "Aziz Accepted")), by=None)
    accept_placement(accepted, by=accepted.partner.contacts.get().user)
    completed = finished_placement(officer=officer(cohort, "Cleo Completed"))
    PlacementReflection.objects.create(placement=completed, reflection="I listened more.")
    finished_placement(officer=officer(cohort, "Pat Presented"), presented=True)
    cancelled = confirm_placement(hosted_by_someone(officer=officer(cohort, "Cal Cancelled"), partner="Oasis"), by=None)
    cancel_placement(cancelled, by=diversity_officer, reason="Officer on leave")
    declined = confirm_placement(hosted_by_someone(officer=officer(cohort, "Dee Declined"), partner="Carers"), by=None)
    decline_placement(declined, by=declined.partner.contacts.get().user, reason="Closed that week")
    officer(cohort, "Nia Never")
    return cohort


def test_each_officer_s_placements_and_presentations_in_words(client, diversity_officer, cohort):
    client.force_login(diversity_officer)
    page = client.get(cohort_url(cohort)).content.decode()

    not_placed = "Not placed No placement"  # the 4-day placement and its presentation
    assert row_of(page, "Ola Proposed") == f"Ola Proposed KP-Ola Proposed Mind 1 Mar–2 Mar 2027 {SESSION} {not_placed}"
    assert row_of(page, "Ada Awaiting").startswith(
        f"Ada Awaiting KP-Ada Awaiting the partner's reply Age UK 1 Mar–2 Mar 2027 {SESSION}"
    )
    assert row_of(page, "Aziz Accepted").startswith("Aziz Accepted KP-Aziz Accepted Host 1 Mar–2 Mar 2027")
    completed, presented = row_of(page, "Cleo Completed"), row_of(page, "Pat Presented")
    assert completed.startswith("Cleo Completed KP-Cleo Completed ")
    assert f"{SESSION} Not presented yet Reflection submitted {not_placed}" in completed
    assert presented.startswith("Pat Presented KP-Pat Presented ")
    assert f"{SESSION} Presented No reflection yet {not_placed}" in presented
    assert (
        row_of(page, "Cal Cancelled")
        == f"Cal Cancelled KP-Cal Cancelled Oasis 1 Mar–2 Mar 2027 No placement {not_placed}"
    )
    assert row_of(page, "Dee Declined").startswith("Dee Declined KP-Dee Declined by the partner Carers")
    assert row_of(page, "Nia Never") == f"Nia Never KP-Nia Not placed No placement {not_placed}"


def test_the_officers_at_risk_are_listed_with_why(client, diversity_officer, cohort):
    client.force_login(diversity_officer)
    page = client.get(cohort_url(cohort)).content.decode()

    at_risk = section(page, "<h2>Officers at risk</h2>")
    assert "Cal Cancelled (KP-Cal): Cancelled at Oasis: Officer on leave" in at_risk
    assert "Dee Declined (KP-Dee): Declined by the partner, Carers: Closed that week" in at_risk
    assert "Nia Never (KP-Nia): Never placed." in at_risk
    assert "Ola Proposed" not in at_risk and "Ada Awaiting" not in at_risk
    assert "Re-allocate these 3 officers (2-day placement)" in at_risk
    # the 4-day round has not started: nobody is at risk of missing it yet
    assert "Not started: no placement has been proposed yet, and the window opens on 6 September 2027." in at_risk


def test_the_head_of_resourcing_reads_the_page_but_cannot_act(client, head_of_resourcing, cohort):
    client.force_login(head_of_resourcing)
    page = text(client.get(cohort_url(cohort)).content.decode())
    assert "Nia Never (KP-Nia): Never placed." in page and "Ada Awaiting: 2-day placement at Age UK" in page
    assert "Re-allocate" not in page and "Accept for the partner" not in page
    assert client.post(reverse("allocation_reallocate", args=[cohort.pk, "two_day"])).status_code == 403


def test_reallocating_from_the_page_places_the_officers_at_risk(client, diversity_officer):
    cohort = CohortFactory()
    placed = officer(cohort, "Ola Proposed")
    CommunityPlacementFactory(officer=placed)  # the round has started (nobody to confirm there)
    at_risk = officer(cohort, "Nia Never")
    HostingOfferFactory(places=1, partner=PartnerFactory(name="Age UK", contact=True))
    also_at_risk = officer(cohort, "Zed Zero")
    client.force_login(diversity_officer)

    response = client.post(reverse("allocation_reallocate", args=[cohort.pk, "two_day"]), follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == cohort_url(cohort)
    assert "Re-allocated 2 officers at risk: 1 placed and confirmed." in page
    assert "Not placed: Zed Zero." in page and "1 officer could not be placed: not enough places" in page
    assert row_of(page, "Nia Never").startswith("Nia Never KP-Nia Awaiting the partner's reply Age UK")
    assert at_risk.placements.get().status == PlacementStatus.CONFIRMED
    assert not also_at_risk.placements.exists()
    assert placed.placements.get().status == PlacementStatus.PROPOSED


def test_reallocating_when_nobody_is_at_risk_says_so(client, diversity_officer):
    cohort = CohortFactory(name="Cohort 2027-09")
    CommunityPlacementFactory(officer=officer(cohort, "Ola Proposed"))
    client.force_login(diversity_officer)
    response = client.post(reverse("allocation_reallocate", args=[cohort.pk, "two_day"]), follow=True)
    assert "No officer of Cohort 2027-09 is at risk of missing their 2-day placement." in response.content.decode()
    assert not ActionLog.objects.filter(action="reallocate").exists()


def awaiting_reply(cohort):
    placement = confirm_placement(hosted_by_someone(officer=officer(cohort, "Ada Awaiting"), partner="Age UK"), by=None)
    return placement


def accept_url(placement):
    return reverse("placement_accept_for_partner", args=[placement.pk])


def test_staff_accept_for_the_partner_with_how_they_agreed(
    client, diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    placement = awaiting_reply(cohort)
    client.force_login(diversity_officer)
    assert "How did Age UK accept Ada Awaiting?" in client.get(cohort_url(cohort)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(accept_url(placement), {"reason": "Agreed by phone with the manager"}, follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == cohort_url(cohort)
    assert "Recorded that Age UK accepted Ada Awaiting&#x27;s 2-day placement" in page
    assert row_of(page, "Ada Awaiting").startswith("Ada Awaiting KP-Ada Accepted Age UK")
    placement.refresh_from_db()
    assert placement.partner_response == PartnerResponse.ACCEPTED
    assert ActionLog.objects.get(action="accept_for_partner").reason == "Agreed by phone with the manager"
    assert {message.to[0] for message in mailoutbox} == {
        placement.officer.email,
        placement.partner.contacts.get().email,
    }


def test_accepting_for_the_partner_needs_how_they_agreed(client, diversity_officer):
    cohort = CohortFactory()
    placement = awaiting_reply(cohort)
    client.force_login(diversity_officer)

    page = client.post(accept_url(placement), {"reason": "   "}).content.decode()

    field = f"id_reason_{placement.pk}"
    # the message under the field, and in the summary linking to it
    assert re.search(
        rf'id="{field}".*?Say how the partner accepted \(for example, agreed by phone\)\.', page, re.DOTALL
    )
    assert f'<a href="#{field}">How did Age UK accept Ada Awaiting?: Say how the partner accepted' in page
    placement.refresh_from_db()
    assert placement.partner_response == PartnerResponse.AWAITING


def test_a_refused_reason_is_kept_as_typed(client, diversity_officer):
    cohort = CohortFactory()
    placement = awaiting_reply(cohort)
    client.force_login(diversity_officer)
    typed = "Agreed by phone. " * 30  # over 500 characters

    page = client.post(accept_url(placement), {"reason": typed}).content.decode()

    assert "Ensure this value has at most 500 characters" in page
    assert typed.strip() in unescape(page)
    assert CommunityPlacement.objects.get(pk=placement.pk).partner_response == PartnerResponse.AWAITING


def test_a_placement_already_answered_is_not_accepted_again(client, diversity_officer):
    cohort = CohortFactory()
    placement = awaiting_reply(cohort)
    accept_placement(placement, by=placement.partner.contacts.get().user)
    client.force_login(diversity_officer)
    response = client.post(accept_url(placement), {"reason": "Agreed by phone"}, follow=True)
    assert "This placement has already been answered: Accepted by the partner." in response.content.decode()
    assert not ActionLog.objects.filter(action="accept_for_partner").exists()


def test_the_cohort_page_query_count_is_constant(client, diversity_officer, assert_query_count_constant):
    """Each officer: a 2-day placement awaiting the reply (its accept form drawn) with a reflection, a 4-day one
    declined by the partner (at risk), and the cohort's presentation sessions."""
    cohort = CohortFactory()
    PresentationSessionFactory(cohort=cohort)
    PresentationSessionFactory(cohort=cohort, placement_type=PlacementType.FOUR_DAY, date=date(2027, 11, 3))
    two_day = HostingOfferFactory(places=60)
    four_day = offer_in_window(cohort, PlacementType.FOUR_DAY, places=60)
    client.force_login(diversity_officer)

    def make_rows(n):
        for _ in range(n):
            someone = StudentOfficerFactory(cohort=cohort)
            placement = CommunityPlacementFactory(officer=someone, offer=two_day, status=PlacementStatus.CONFIRMED)
            PlacementReflection.objects.create(placement=placement, reflection="Learned a lot")
            CommunityPlacementFactory(
                officer=someone,
                offer=four_day,
                status=PlacementStatus.CANCELLED,
                partner_response=PartnerResponse.DECLINED,
            )

    assert_query_count_constant(client, cohort_url(cohort), make_rows, queries=8)
    page = client.get(cohort_url(cohort)).content.decode()
    assert page.count("Declined by the partner,") == 50 and page.count(">Accept for the partner</button>") == 50


def test_the_cohort_list_leads_to_each_cohort_s_page_and_back(client, diversity_officer, cohort):
    client.force_login(diversity_officer)
    listing = client.get(reverse("allocation_cohorts")).content.decode()
    assert f'<a href="{cohort_url(cohort)}">Cohort 2027-01</a>' in listing
    # officers without both placements: every one of the eight has no 4-day placement
    assert re.search(r"Cohort 2027-01</a></th>(\s*<td>.*?</td>){4}\s*<td>8</td>", listing)
    review = client.get(reverse("allocation_review", args=[cohort.pk, "two_day"])).content.decode()
    assert f'<a class="back-link" href="{cohort_url(cohort)}">Back to Cohort 2027-01</a>' in review
    page = client.get(cohort_url(cohort)).content.decode()
    assert reverse("allocation_review", args=[cohort.pk, "four_day"]) in page
    assert reverse("cohort_reflections", args=[cohort.pk]) in page
