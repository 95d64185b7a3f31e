"""The partner portal: profile, colleagues, hosting offers and replies to placements,
each for the contact's own organisation only."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.enums import CommunityCode, PartnerResponse, PartnerStatus, PlacementStatus, PlacementType
from placements.forms.partners import OrganisationProfileForm
from placements.models import HostingOffer, PartnerContact
from placements.services.partners import (
    accept_placement,
    change_offer_places,
    decline_placement,
    offer_places,
    update_partner_profile,
)
from placements.services.placements import confirm_placement
from placements.tests.factories import (
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
)
from placements.tests.partner_answers import community_pks, form_data, profile_answers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = PartnerStatus
TODAY = date(2027, 1, 4)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY)


@pytest.fixture
def mine(partner_contact):
    """The organisation the partner_contact persona speaks for."""
    partner = PartnerFactory(name="Maidstone Mind", status=S.ACTIVE, registration_number="1101234")
    PartnerContactFactory(organisation=partner, user=partner_contact)
    return partner


@pytest.fixture
def theirs():
    """Another organisation, which the persona has nothing to do with."""
    partner = PartnerFactory(name="Dover Dementia Café", status=S.ACTIVE, postcode="CT16 1AA")
    PartnerContactFactory(organisation=partner)
    return partner


@pytest.fixture
def signed_in(client, partner_contact):
    client.force_login(partner_contact)
    return client


def confirmed_placement(partner, **kwargs):
    placement = CommunityPlacementFactory(offer=HostingOfferFactory(partner=partner), **kwargs)
    return confirm_placement(placement, by=None)


def profile_form(**overrides):
    """The profile page's form as a browser posts it."""
    return {k: v for k, v in form_data(**overrides).items() if k in OrganisationProfileForm.base_fields}


def offer(partner, by, **overrides):
    """offer_places with a sensible 2-day offer, changed by ``overrides``."""
    answers = {
        "placement_type": PlacementType.TWO_DAY,
        "places": 2,
        "available_from": date(2027, 3, 1),
        "available_until": date(2027, 3, 5),
        **overrides,
    }
    return offer_places(partner, by=by, **answers)


def offer_form(**overrides):
    return {
        "placement_type": PlacementType.TWO_DAY,
        "places": "3",
        "available_from": "2027-03-01",
        "available_until": "2027-03-26",
        "notes": "",
        **overrides,
    }


# --- who sees what ---------------------------------------------------------------------------


def test_the_portal_lists_each_organisation_the_person_speaks_for(signed_in, mine, theirs, partner_contact):
    second = PartnerFactory(name="Kent Carers", status=S.APPROVED)
    PartnerContactFactory(organisation=second, user=partner_contact, email="me@carers.example")
    page = signed_in.get(reverse("partner_portal")).content.decode()
    assert "Maidstone Mind" in page and "Kent Carers" in page
    assert "Dover Dementia Café" not in page


@pytest.mark.parametrize(
    "name, record, methods",
    [
        ("partner_profile", lambda p: p, ["get", "post"]),
        ("partner_contacts", lambda p: p, ["get", "post"]),
        ("partner_offers", lambda p: p, ["get", "post"]),
        ("partner_placements", lambda p: p, ["get"]),
        ("partner_offer_edit", lambda p: HostingOfferFactory(partner=p), ["get", "post"]),
        ("partner_placement_reply", lambda p: confirmed_placement(p), ["get", "post"]),
        (
            "partner_contact_invite",
            lambda p: PartnerContactFactory(organisation=p, user=None, email="z@x.org"),
            ["post"],
        ),
    ],
)
def test_another_organisations_records_are_not_found(signed_in, mine, theirs, partner_contact, name, record, methods):
    url = reverse(name, args=[record(theirs).pk])
    data = {"places": "1", "reason": "No", "action": "accept", "full_name": "Eve", "email": "eve@example.org"}
    for method in methods:
        assert getattr(signed_in, method)(url, data).status_code == 404, method
    assert not ActionLog.objects.filter(actor=partner_contact).exists()


def test_a_contact_whose_role_was_removed_is_refused(client, mine, partner_contact):
    partner_contact.groups.clear()
    client.force_login(UserFactory._meta.model.objects.get(pk=partner_contact.pk))
    assert client.get(reverse("partner_profile", args=[mine.pk])).status_code == 403


# --- profile -------------------------------------------------------------------------------


def test_the_contact_keeps_the_profile_up_to_date(signed_in, mine, partner_contact):
    page = signed_in.get(reverse("partner_profile", args=[mine.pk])).content.decode()
    assert 'value="Maidstone Mind"' in page

    response = signed_in.post(
        reverse("partner_profile", args=[mine.pk]), profile_form(name="Mid Kent Mind", postcode="me15 6aa")
    )

    assert response.url == reverse("partner_portal")
    mine.refresh_from_db()
    assert (mine.name, mine.postcode, mine.duplicate_key) == ("Mid Kent Mind", "ME15 6AA", "mid-kent-mind|ME156AA")
    assert ActionLog.objects.get(action="update_profile").actor == partner_contact


def test_the_profile_is_checked_as_on_registering(signed_in, mine):
    data = profile_form(postcode="nowhere", communities=community_pks(CommunityCode.OTHER))
    response = signed_in.post(reverse("partner_profile", args=[mine.pk]), data)
    errors = response.context["form"].errors
    assert errors["postcode"] == ["Enter a UK postcode, like ME14 1XX."]
    assert errors["other_community"] == ["Tell us which other community you work with."]


def test_the_profile_cannot_take_another_organisations_name_and_postcode(signed_in, mine, theirs):
    data = profile_form(name="The Dover Dementia Cafe", postcode="CT16 1AA")
    response = signed_in.post(reverse("partner_profile", args=[mine.pk]), data)
    assert "Another organisation is already registered" in response.content.decode()
    mine.refresh_from_db()
    assert mine.name == "Maidstone Mind"


def test_keeping_its_own_name_and_number_is_not_a_duplicate(mine, partner_contact):
    profile = profile_answers(name="Maidstone Mind", postcode=mine.postcode, registration_number="1101234")
    update_partner_profile(mine, by=partner_contact, profile=profile)
    mine.refresh_from_db()
    assert mine.placement_description == profile["placement_description"]


# --- contacts ------------------------------------------------------------------------------


def test_the_contact_adds_a_colleague_who_is_invited(signed_in, mine, partner_contact):
    response = signed_in.post(
        reverse("partner_contacts", args=[mine.pk]),
        {"full_name": "Sam Smith", "email": "sam@mind.example", "phone": ""},
        follow=True,
    )
    assert "Sam Smith is added" in response.content.decode()
    colleague = PartnerContact.objects.get(email="sam@mind.example")
    assert (colleague.organisation, colleague.user, colleague.is_primary) == (mine, None, False)
    assert colleague.invited_at is not None
    invitation = Notification.objects.get(template="placements/partner_contact_invitation")
    assert invitation.recipient == "sam@mind.example"
    assert "You have been added as a contact for Maidstone Mind" in invitation.body_text
    assert "/partners/join/" in invitation.body_text
    assert ActionLog.objects.get(action="add_contact").actor == partner_contact


def test_a_colleague_is_added_once(signed_in, mine):
    PartnerContactFactory(organisation=mine, user=None, email="sam@mind.example", is_primary=False)
    response = signed_in.post(
        reverse("partner_contacts", args=[mine.pk]), {"full_name": "Sam", "email": "SAM@mind.example"}
    )
    assert "SAM@mind.example is already a contact for Maidstone Mind." in response.content.decode()
    assert mine.contacts.count() == 2


def test_a_colleague_form_mistake_is_shown_next_to_the_field(signed_in, mine):
    response = signed_in.post(reverse("partner_contacts", args=[mine.pk]), {"full_name": "", "email": "nope"})
    errors = response.context["form"].errors
    assert errors == {
        "full_name": ["Enter their full name."],
        "email": ["Enter an email address, like name@example.org."],
    }


def test_the_contact_sends_a_colleague_the_invitation_again(signed_in, mine):
    colleague = PartnerContactFactory(organisation=mine, user=None, email="sam@mind.example", is_primary=False)
    signed_in.post(reverse("partner_contact_invite", args=[colleague.pk]))
    assert Notification.objects.filter(recipient="sam@mind.example").count() == 1


def test_the_contacts_page_uses_as_many_queries_for_many_as_for_one(signed_in, mine, assert_query_count_constant):
    def make_rows(n):
        start = mine.contacts.count()
        for i in range(n):
            PartnerContactFactory(organisation=mine, is_primary=False, email=f"c{start + i}@mind.example")

    assert_query_count_constant(signed_in, reverse("partner_contacts", args=[mine.pk]), make_rows, queries=6)


# --- hosting offers ------------------------------------------------------------------------


def test_the_contact_offers_places(signed_in, mine, partner_contact):
    response = signed_in.post(reverse("partner_offers", args=[mine.pk]), offer_form(notes="Start at 9:30"))
    assert response.url == reverse("partner_offers", args=[mine.pk])
    offer = HostingOffer.objects.get(partner=mine)
    assert (offer.placement_type, offer.places, offer.available_from, offer.available_until, offer.notes) == (
        PlacementType.TWO_DAY,
        3,
        date(2027, 3, 1),
        date(2027, 3, 26),
        "Start at 9:30",
    )
    entry = ActionLog.objects.get(action="offer_places")
    assert (entry.actor, entry.to_state) == (partner_contact, "3")


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"places": "0"}, "places", "Offer at least 1 place."),
        ({"places": "21"}, "places", "Offer at most 20 places at a time."),
        ({"places": "two"}, "places", "Enter a whole number."),
        ({"available_from": "2027-01-03"}, "available_from", "The first day must be today or later."),
        ({"available_until": "2027-02-28"}, "available_until", "The last day must be the same as the first day"),
        ({"available_from": "31/02/2027"}, "available_from", "Enter a real date."),
        ({"placement_type": "ten_day"}, "placement_type", "Select a valid choice."),
    ],
)
def test_an_offer_mistake_is_shown_next_to_its_field(signed_in, mine, overrides, field, message):
    response = signed_in.post(reverse("partner_offers", args=[mine.pk]), offer_form(**overrides))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert f'href="#id_{field}"' in response.content.decode()
    assert not HostingOffer.objects.exists()


@pytest.mark.parametrize("status", [S.INTERESTED, S.DECLINED, S.WITHDRAWN])
def test_only_an_approved_or_active_organisation_offers_places(mine, partner_contact, status):
    mine.status = status
    mine.save()
    with pytest.raises(DomainError, match="not an approved partner"):
        offer(mine, partner_contact)


def test_the_service_refuses_what_the_form_would(mine, partner_contact):
    with pytest.raises(DomainError, match="Offer at most 20 places"):
        offer(mine, partner_contact, places=25)
    with pytest.raises(DomainError, match="The first day must be today or later"):
        offer(mine, partner_contact, available_from=TODAY - timedelta(days=1))


def test_the_places_can_change_but_never_below_those_taken(signed_in, mine, partner_contact):
    offer = HostingOfferFactory(partner=mine, places=4)
    for _ in range(2):
        confirm_placement(CommunityPlacementFactory(offer=offer), by=None)
    url = reverse("partner_offer_edit", args=[offer.pk])
    assert "2 of these places are already taken" in signed_in.get(url).content.decode()

    response = signed_in.post(url, {"places": "1"})
    assert response.context["form"].errors["places"] == ["2 places are already taken: offer at least 2."]

    assert signed_in.post(url, {"places": "2"}).url == reverse("partner_offers", args=[mine.pk])
    offer.refresh_from_db()
    assert offer.places == 2
    entry = ActionLog.objects.get(action="change_places")
    assert (entry.from_state, entry.to_state) == ("4", "2")
    with pytest.raises(DomainError, match="already taken"):
        change_offer_places(offer, by=partner_contact, places=1)


def test_the_offers_page_uses_as_many_queries_for_many_as_for_one(signed_in, mine, assert_query_count_constant):
    make_rows = lambda n: HostingOfferFactory.create_batch(n, partner=mine)  # noqa: E731
    assert_query_count_constant(signed_in, reverse("partner_offers", args=[mine.pk]), make_rows, queries=6)


# --- placements ----------------------------------------------------------------------------


def test_the_placements_page_shows_only_the_officers_name_dates_and_placement(signed_in, mine):
    placement = confirmed_placement(mine)
    officer = placement.officer
    CommunityPlacementFactory(offer=HostingOfferFactory(partner=mine))  # proposed: not for the partner yet

    page = signed_in.get(reverse("partner_placements", args=[mine.pk])).content.decode()

    assert escape(officer.full_name) in page and "2-day placement" in page and "Monday 1 March 2027" in page
    for private in (officer.email, officer.staff_number, officer.cohort.name):
        assert private not in page
    assert page.count("Accept or decline") == 1


def test_the_placements_page_uses_as_many_queries_for_many_as_for_one(signed_in, mine, assert_query_count_constant):
    offer = HostingOfferFactory(partner=mine, places=20, available_until=date(2027, 3, 26))

    def make_rows(n):
        for _ in range(n):
            CommunityPlacementFactory(offer=offer, status=PlacementStatus.CONFIRMED)

    assert_query_count_constant(signed_in, reverse("partner_placements", args=[mine.pk]), make_rows, queries=7)


def test_the_partner_accepts_a_placement(signed_in, mine, partner_contact):
    placement = confirmed_placement(mine)
    url = reverse("partner_placement_reply", args=[placement.pk])
    assert signed_in.get(url).status_code == 200
    # Issue 9 (seed 000 rules): confirming asked the partner; the officer has not been told yet.
    assert not Notification.objects.filter(recipient=placement.officer.email).exists()

    response = signed_in.post(url, {"action": "accept"}, follow=True)

    assert "the placement is accepted" in response.content.decode()
    placement.refresh_from_db()
    assert (placement.status, placement.partner_response) == (PlacementStatus.CONFIRMED, PartnerResponse.ACCEPTED)
    entry = ActionLog.objects.get(action="partner_accepted")
    assert (entry.actor, entry.from_state, entry.to_state) == (partner_contact, "awaiting", "accepted")
    to_officer = Notification.objects.get(recipient=placement.officer.email)
    assert to_officer.template == "placements/placement_confirmed_officer"
    assert f"confirmed: {mine.name} has accepted it" in to_officer.body_text
    assert f"{settings.SITE_URL}/placements/mine/" in to_officer.body_text
    again = signed_in.post(url, {"action": "accept"}, follow=True)
    assert "already been answered" in again.content.decode()


def test_declining_needs_a_reason(signed_in, mine):
    placement = confirmed_placement(mine)
    response = signed_in.post(reverse("partner_placement_reply", args=[placement.pk]), {"reason": " "})
    assert response.context["form"].errors["reason"] == ["Tell us why you cannot host this placement."]
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED


def test_declining_cancels_the_placement_frees_the_place_and_tells_the_team_not_the_officer(
    signed_in, mine, partner_contact, diversity_officer
):
    placement = confirmed_placement(mine)
    offer = placement.offer
    offer.refresh_from_db()
    assert offer.places_taken == 1

    response = signed_in.post(
        reverse("partner_placement_reply", args=[placement.pk]), {"reason": "Our building is closed that week."}
    )

    assert response.url == reverse("partner_placements", args=[mine.pk])
    placement.refresh_from_db()
    assert (placement.status, placement.partner_response) == (PlacementStatus.CANCELLED, PartnerResponse.DECLINED)
    assert placement.partner_response_reason == "Our building is closed that week."
    offer.refresh_from_db()
    assert offer.places_taken == 0
    # issue 9: the officer had not been told of the placement (the partner had not accepted)
    assert not Notification.objects.filter(recipient=placement.officer.email).exists()
    assert placement.cancel_reason == "Maidstone Mind cannot host it: Our building is closed that week."
    to_team = Notification.objects.get(template="placements/partner_placement_declined_team")
    assert to_team.recipient == diversity_officer.email
    assert f"{partner_contact.full_name} of Maidstone Mind has declined this placement" in to_team.body_text
    assert "Their reason: Our building is closed that week." in to_team.body_text
    assert {"partner_declined", "cancel"} <= set(
        ActionLog.objects.filter(actor=partner_contact).values_list("action", flat=True)
    )


def test_only_a_confirmed_placement_awaiting_a_reply_can_be_answered(mine, partner_contact):
    proposed = CommunityPlacementFactory(offer=HostingOfferFactory(partner=mine))
    with pytest.raises(DomainError, match="Only a confirmed placement"):
        accept_placement(proposed, by=partner_contact)
    accepted = confirmed_placement(mine)
    accept_placement(accepted, by=partner_contact)
    with pytest.raises(DomainError, match="already been answered"):
        decline_placement(accepted, by=partner_contact, reason="Changed our mind")


def test_a_proposed_placement_is_not_shown_to_the_partner(signed_in, mine):
    proposed = CommunityPlacementFactory(offer=HostingOfferFactory(partner=mine))
    assert signed_in.get(reverse("partner_placement_reply", args=[proposed.pk])).status_code == 404


def test_the_reply_page_escapes_what_it_shows(signed_in, mine):
    placement = confirmed_placement(mine)
    officer = placement.officer
    officer.full_name = "<i>Sam</i>"
    officer.save()
    page = signed_in.get(reverse("partner_placement_reply", args=[placement.pk])).content.decode()
    assert "&lt;i&gt;Sam&lt;/i&gt;" in page and "<i>Sam</i>" not in page


def test_an_offer_already_under_way_can_still_change_its_places(mine, partner_contact, time_machine):
    under_way = offer(mine, partner_contact, available_from=TODAY, available_until=TODAY + timedelta(days=30))
    time_machine.move_to(TODAY + timedelta(days=3))
    change_offer_places(under_way, by=partner_contact, places=3)
    under_way.refresh_from_db()
    assert under_way.places == 3
