"""Community placement services: the seed's rules, capacity, the lifecycle and its emails."""

from datetime import date

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction

from accounts.models import ActionLog
from kentplacements.workflow import DomainError, TransitionNotAllowed
from notifications.models import Notification
from placements.enums import PartnerResponse, PartnerStatus, PlacementStatus, PlacementType
from placements.models import CommunityPlacement
from placements.services.partners import accept_for_partner
from placements.services.placements import (
    cancel_placement,
    complete_placement,
    confirm_placement,
    mark_presented,
    move_proposal,
)

from .factories import (
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
    accepted_placement,
    propose_one,
)

pytestmark = pytest.mark.django_db
MARCH_1 = date(2027, 3, 1)


def test_a_proposal_takes_the_dates_of_its_type(diversity_officer):
    officer = StudentOfficerFactory()
    placement = propose_one(officer, HostingOfferFactory(), date(2027, 3, 8), by=diversity_officer)
    assert (placement.starts_on, placement.ends_on) == (date(2027, 3, 8), date(2027, 3, 9))
    assert placement.status == PlacementStatus.PROPOSED
    assert placement.partner == placement.offer.partner
    assert ActionLog.objects.filter(action="propose", object_id=str(placement.pk), actor=diversity_officer).exists()


def test_a_placement_must_fall_inside_the_cohorts_window(diversity_officer):
    officer = StudentOfficerFactory()  # 2-day window 1–26 March 2027
    offer = HostingOfferFactory(available_until=date(2027, 4, 30))
    with pytest.raises(DomainError, match="must fall between 1 March and 26 March 2027"):
        propose_one(officer, offer, date(2027, 3, 26), by=diversity_officer)  # ends 27 March


def test_a_placement_must_fall_inside_the_offers_dates(diversity_officer):
    offer = HostingOfferFactory(available_from=date(2027, 3, 15))
    with pytest.raises(DomainError, match="hosts between 15 March and 26 March 2027"):
        propose_one(StudentOfficerFactory(), offer, MARCH_1, by=diversity_officer)


def test_an_officer_has_one_placement_of_each_type(diversity_officer):
    officer = StudentOfficerFactory()
    propose_one(officer, HostingOfferFactory(), MARCH_1, by=diversity_officer)
    with pytest.raises(DomainError, match="already has a 2-day placement"):
        propose_one(officer, HostingOfferFactory(), MARCH_1, by=diversity_officer)


def test_the_two_placements_are_at_different_organisations(diversity_officer):
    officer = StudentOfficerFactory()
    partner = PartnerFactory()
    propose_one(officer, HostingOfferFactory(partner=partner), MARCH_1, by=diversity_officer)
    four_day = HostingOfferFactory(
        partner=partner,
        placement_type=PlacementType.FOUR_DAY,
        available_from=date(2027, 9, 6),
        available_until=date(2027, 10, 29),
    )
    with pytest.raises(DomainError, match="choose another organisation"):
        propose_one(officer, four_day, date(2027, 9, 6), by=diversity_officer)


def test_the_database_holds_the_rules_too():
    placement = CommunityPlacementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunityPlacementFactory(officer=placement.officer)  # a second 2-day placement


def test_only_approved_partners_host(diversity_officer):
    offer = HostingOfferFactory(partner=PartnerFactory(status=PartnerStatus.INTERESTED))
    with pytest.raises(DomainError, match="is not an approved partner"):
        propose_one(StudentOfficerFactory(), offer, MARCH_1, by=diversity_officer)


def test_confirming_takes_a_place_and_asks_the_partner_not_the_officer(
    diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    placement = CommunityPlacementFactory(offer=HostingOfferFactory(places=2, notes="Please arrive at 9am."))
    contact = PartnerContactFactory(organisation=placement.partner)
    with django_capture_on_commit_callbacks(execute=True):
        confirm_placement(placement, by=diversity_officer)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED and placement.confirmed_at
    assert placement.offer.places_taken == 1
    # Issue 9 (seed 000 rules): the officer is not told until the partner accepts.
    [partner_mail] = mailoutbox
    assert partner_mail.to == [contact.email]
    assert partner_mail.subject.startswith("Please accept a student officer placement")
    assert placement.officer.full_name in partner_mail.body
    assert f"{settings.SITE_URL}/partners/portal/placements/{placement.pk}/" in partner_mail.body
    assert ActionLog.objects.filter(action="confirm", to_state="confirmed", actor=diversity_officer).exists()


def test_staff_accept_for_the_partner_with_a_reason_and_the_officer_is_told(
    diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    placement = CommunityPlacementFactory(offer=HostingOfferFactory(places=2, notes="Please arrive at 9am."))
    contact = PartnerContactFactory(organisation=placement.partner)
    confirm_placement(placement, by=diversity_officer)
    with pytest.raises(DomainError, match="Say how the partner accepted"):
        accept_for_partner(placement, by=diversity_officer, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        accept_for_partner(placement, by=diversity_officer, reason="Agreed by phone with the manager")
    placement.refresh_from_db()
    assert (placement.partner_response, placement.partner_response_reason) == (
        PartnerResponse.ACCEPTED,
        "Agreed by phone with the manager",
    )
    entry = ActionLog.objects.get(action="accept_for_partner")
    assert (entry.actor, entry.to_state, entry.reason) == (
        diversity_officer,
        "accepted",
        "Agreed by phone with the manager",
    )
    officer_mail, partner_mail = sorted(mailoutbox, key=lambda m: m.to[0] != placement.officer.email)
    assert officer_mail.to == [placement.officer.email]
    assert f"Your 2-day placement at {placement.partner.name}" in officer_mail.subject
    assert "Monday 1 March 2027 to Tuesday 2 March 2027" in officer_mail.body
    assert "Please arrive at 9am." in officer_mail.body
    assert f"{settings.SITE_URL}/placements/mine/" in officer_mail.body
    assert partner_mail.to == [contact.email]
    assert "(Agreed by phone with the manager)" in partner_mail.body
    assert f"{settings.SITE_URL}/partners/portal/{placement.partner_id}/placements/" in partner_mail.body
    with pytest.raises(DomainError, match="already been answered"):
        accept_for_partner(placement, by=diversity_officer, reason="Again")


def test_a_full_offer_refuses_the_next_confirmation(diversity_officer):
    offer = HostingOfferFactory(places=1)
    confirm_placement(CommunityPlacementFactory(offer=offer), by=diversity_officer)
    second = CommunityPlacementFactory(offer=offer)
    with pytest.raises(DomainError, match="no places left"):
        confirm_placement(second, by=diversity_officer)
    second.refresh_from_db()
    assert second.status == PlacementStatus.PROPOSED
    offer.refresh_from_db()
    assert offer.places_taken == 1


def test_cancelling_a_confirmed_placement_gives_the_place_back(
    diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    placement = CommunityPlacementFactory()
    accepted_placement(placement, by=diversity_officer)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_placement(placement, by=diversity_officer, reason="Officer moved to another cohort")
    placement.refresh_from_db()
    assert (placement.status, placement.cancel_reason) == (PlacementStatus.CANCELLED, "Officer moved to another cohort")
    assert placement.offer.places_taken == 0
    assert "Reason: Officer moved to another cohort" in mailoutbox[-1].body
    assert mailoutbox[-1].to == [placement.officer.email]


def test_cancelling_needs_a_reason(diversity_officer):
    with pytest.raises(DomainError, match="Say why"):
        cancel_placement(CommunityPlacementFactory(), by=diversity_officer, reason="  ")


def test_a_cancelled_proposal_is_not_announced(diversity_officer, django_capture_on_commit_callbacks):
    placement = CommunityPlacementFactory()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_placement(placement, by=diversity_officer, reason="Replaced")
    assert not Notification.objects.exists()


def test_completion_waits_for_the_last_day(diversity_officer, time_machine):
    placement = CommunityPlacementFactory()
    confirm_placement(placement, by=diversity_officer)
    time_machine.move_to("2027-03-02 12:00")
    with pytest.raises(DomainError, match="once its last day has passed"):
        complete_placement(placement, by=diversity_officer)
    time_machine.move_to("2027-03-03 09:00")
    assert complete_placement(placement, by=diversity_officer).status == PlacementStatus.COMPLETED
    assert mark_presented(placement, by=diversity_officer).status == PlacementStatus.PRESENTED


def test_the_lifecycle_refuses_skipping_a_step(diversity_officer):
    with pytest.raises(TransitionNotAllowed):
        mark_presented(CommunityPlacementFactory(), by=diversity_officer)


def test_staff_move_a_proposal_to_another_offer(diversity_officer):
    placement = CommunityPlacementFactory()
    other = HostingOfferFactory()
    moved = move_proposal(placement, other, date(2027, 3, 10), by=diversity_officer)
    assert (moved.offer, moved.partner, moved.starts_on) == (other, other.partner, date(2027, 3, 10))
    assert ActionLog.objects.filter(action="move", object_id=str(placement.pk)).exists()


def test_a_confirmed_placement_is_not_moved(diversity_officer):
    placement = CommunityPlacementFactory()
    confirm_placement(placement, by=diversity_officer)
    with pytest.raises(DomainError, match="Only a proposed placement can be moved"):
        move_proposal(placement, HostingOfferFactory(), MARCH_1, by=diversity_officer)


def test_partner_response_starts_awaiting():
    assert CommunityPlacement().partner_response == PartnerResponse.AWAITING
