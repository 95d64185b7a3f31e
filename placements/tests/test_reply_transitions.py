"""Partner responses and RSVPs have transition tables like every other status, and the
rules fold in the placement's state: a cancelled placement cannot be accepted (issue 8 §6)."""

import pytest
from django.urls import reverse

from accounts.audit import history_for
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.enums import PARTNER_RESPONSE_WORKFLOW, RSVP_WORKFLOW, PartnerResponse, PlacementStatus, RsvpStatus
from placements.services.partners import accept_placement, decline_placement
from placements.services.placements import cancel_placement, confirm_placement
from placements.services.presentations import reply_to_invitation

from .factories import CommunityPlacementFactory, HostingOfferFactory, PartnerContactFactory, PartnerFactory
from .presentation_factories import BEFORE_CUTOFF, PresentationInvitationFactory

pytestmark = pytest.mark.django_db


def test_the_partner_response_table_allows_one_answer():
    assert PARTNER_RESPONSE_WORKFLOW.can(PartnerResponse.AWAITING, PartnerResponse.ACCEPTED)
    assert PARTNER_RESPONSE_WORKFLOW.can(PartnerResponse.AWAITING, PartnerResponse.DECLINED)
    for answered in (PartnerResponse.ACCEPTED, PartnerResponse.DECLINED):
        assert not any(PARTNER_RESPONSE_WORKFLOW.can(answered, target) for target in PartnerResponse.values)


def test_the_rsvp_table():
    assert RSVP_WORKFLOW.can("", RsvpStatus.ATTENDING) and RSVP_WORKFLOW.can("", RsvpStatus.CANCELLED)
    assert RSVP_WORKFLOW.can(RsvpStatus.ATTENDING, RsvpStatus.ATTENDING)  # a change of numbers
    assert RSVP_WORKFLOW.can(RsvpStatus.CANCELLED, RsvpStatus.ATTENDING)  # coming after all
    assert not RSVP_WORKFLOW.can(RsvpStatus.CANCELLED, RsvpStatus.CANCELLED)
    assert not RSVP_WORKFLOW.can(RsvpStatus.ATTENDING, "")  # a reply is never taken back to "not replied"


@pytest.fixture
def placed(partner_contact, diversity_officer):
    """A placement confirmed with the organisation the partner_contact persona speaks for."""
    partner = PartnerFactory()
    PartnerContactFactory(organisation=partner, user=partner_contact)
    placement = CommunityPlacementFactory(offer=HostingOfferFactory(partner=partner))
    return confirm_placement(placement, by=diversity_officer)


def test_a_confirmed_placement_awaiting_a_reply_may_be_answered_by_its_partner_only(placed, partner_contact):
    assert partner_contact.has_perm("placements.reply_to_placement", placed)
    stranger = PartnerContactFactory().user  # a contact of another organisation
    assert not stranger.has_perm("placements.reply_to_placement", placed)


def test_a_cancelled_placement_cannot_be_accepted(placed, partner_contact, diversity_officer, client):
    cancel_placement(placed, by=diversity_officer, reason="The officer is on leave")
    placed.refresh_from_db()
    assert placed.partner_response == PartnerResponse.AWAITING  # never answered before it was cancelled

    assert not partner_contact.has_perm("placements.reply_to_placement", placed)
    with pytest.raises(DomainError, match="Only a confirmed placement"):
        accept_placement(placed, by=partner_contact)
    placed.refresh_from_db()
    assert (placed.status, placed.partner_response) == (PlacementStatus.CANCELLED, PartnerResponse.AWAITING)
    # The portal does not offer it: it is not among the partner's placements to answer.
    client.force_login(partner_contact)
    page = client.get(reverse("partner_placements", args=[placed.partner_id])).content.decode()
    assert "Accept or decline" not in page
    assert client.post(reverse("partner_placement_reply", args=[placed.pk]), {"action": "accept"}).status_code == 404


def test_an_answered_placement_offers_no_buttons_and_is_refused_by_the_table(placed, partner_contact, client):
    accept_placement(placed, by=partner_contact)
    placed.refresh_from_db()
    assert not partner_contact.has_perm("placements.reply_to_placement", placed)

    client.force_login(partner_contact)
    page = client.get(reverse("partner_placement_reply", args=[placed.pk])).content.decode()
    assert "Accept the placement" not in page and "Your reply: Accepted by the partner." in page
    with pytest.raises(DomainError, match="already been answered: Accepted by the partner"):
        decline_placement(placed, by=partner_contact, reason="Changed our mind")
    placed.refresh_from_db()
    assert (placed.status, placed.partner_response) == (PlacementStatus.CONFIRMED, PartnerResponse.ACCEPTED)


@pytest.fixture
def invitation(partner_contact, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    invitation = PresentationInvitationFactory(session__capacity=5)
    PartnerContactFactory(organisation=invitation.partner, user=partner_contact)
    return invitation


def test_saying_nobody_is_coming_twice_changes_nothing_the_second_time(invitation, partner_contact):
    reply_to_invitation(invitation, by=partner_contact, attending=False)
    reply_to_invitation(invitation, by=partner_contact, attending=False)  # a double click

    assert [e.to_state for e in history_for(invitation) if e.action == "rsvp"] == [RsvpStatus.CANCELLED]
    assert Notification.objects.filter(template="placements/presentation_reply").count() == 1


def test_coming_after_all_is_allowed_after_cancelling(invitation, partner_contact):
    reply_to_invitation(invitation, by=partner_contact, attending=False)
    reply_to_invitation(invitation, by=partner_contact, attending=True, attendees=1, attendee_names="Ann Lee")
    invitation.refresh_from_db()
    invitation.session.refresh_from_db()
    assert (invitation.rsvp_status, invitation.session.seats_taken) == (RsvpStatus.ATTENDING, 1)
    entries = [(e.from_state, e.to_state) for e in history_for(invitation).order_by("pk") if e.action == "rsvp"]
    assert entries == [("", RsvpStatus.CANCELLED), (RsvpStatus.CANCELLED, RsvpStatus.ATTENDING)]
