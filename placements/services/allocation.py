"""Allocating a cohort's officers to hosting offers: the allocator proposes, staff
adjust by hand, then confirm (which asks the partners to accept).

At cohort scale (issue 9: 400 officers, 150 offers) each step writes the whole cohort at
once, through the bulk services next to the single ones (propose_placements,
confirm_placements): the number of queries does not grow with the officers."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from accounts.audit import acting_user, record_action
from kentplacements.history import bulk_delete_with_history
from kentplacements.workflow import DomainError

from ..allocator import OfferSlot, OfficerNeed, Window, allocate
from ..enums import PartnerResponse, PlacementStatus, PlacementType
from ..models import Cohort, CommunityPlacement
from ..selectors.allocation import NOBODY_TO_CONFIRM, open_offers
from ..selectors.cohorts import cohort_round
from ..working_days import bank_holidays
from .placements import confirm_placements, propose_placements

S = PlacementStatus


@dataclass(frozen=True)
class AllocationRun:
    proposed: int
    unallocated: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ConfirmationRun:
    confirmed: int
    refused: tuple[str, ...]


def _other_placement_facts(officers, placement_type):
    """What each officer's other placement tells the allocator: the organisation they
    must not go back to, and the communities they have met there."""
    other = CommunityPlacement.objects.filter(officer__in=officers).exclude(status=S.CANCELLED)
    other = other.exclude(placement_type=placement_type).select_related("partner")
    other = other.prefetch_related("partner__communities")
    return {p.officer_id: (p.partner_id, p.partner.community_codes) for p in other}


def _declined_by(officers, placement_type) -> dict:
    """Officer id -> the organisations that declined them for this placement: never proposed again (issue 9,
    re-allocating the officers at risk)."""
    declined = CommunityPlacement.objects.filter(
        officer__in=officers, placement_type=placement_type, partner_response=PartnerResponse.DECLINED
    )
    partners = {}
    for officer_id, partner_id in declined.values_list("officer_id", "partner_id"):
        partners.setdefault(officer_id, set()).add(partner_id)
    return partners


def _officer_needs(cohort, placement_type, only=None):
    placed = CommunityPlacement.objects.filter(placement_type=placement_type).exclude(status=S.CANCELLED)
    officers = cohort.officers.exclude(pk__in=placed.values("officer_id")).order_by("pk")
    officers = list(officers if only is None else officers.filter(pk__in=[officer.pk for officer in only]))
    facts, declined = _other_placement_facts(officers, placement_type), _declined_by(officers, placement_type)
    needs = []
    for officer in officers:
        partner_id, communities = facts.get(officer.pk, (None, frozenset()))
        excluded = frozenset(({partner_id} if partner_id else set()) | declined.get(officer.pk, set()))
        needs.append(OfficerNeed(officer.pk, excluded_partner_ids=excluded, communities_met=communities))
    return officers, needs


def _offer_slots(offers):
    # Proposals (of any cohort) do not hold places yet but are about to: leave them room. An offer whose
    # partner has nobody to confirm offers no place at all (issue 9).
    return [
        OfferSlot(
            offer_id=offer.pk,
            partner_id=offer.partner_id,
            communities=offer.partner.community_codes,
            places=max(offer.places_free - offer.proposed, 0) if offer.partner_has_active_contact else 0,
            available_from=offer.available_from,
            available_until=offer.available_until,
        )
        for offer in offers
    ]


@transaction.atomic
def run_allocation(cohort, placement_type, *, by, officers=None) -> AllocationRun:
    """Replace the cohort's proposals for this type with the allocator's. Given ``officers`` (the officers at
    risk, issue 9), propose placements for those alone and leave everyone else's proposals as they are."""
    placement_type = PlacementType(placement_type)
    discarded = discard_proposals(cohort, placement_type, by=by) if officers is None else 0
    window_start, window_end = cohort.window(placement_type)
    # A run once the window has begun (a re-allocation, typically) never proposes a day already begun.
    window_start = max(window_start, timezone.localdate() + timedelta(days=1))
    officers, needs = _officer_needs(cohort, placement_type, only=officers)
    offers = {offer.pk: offer for offer in open_offers(placement_type, window_start, window_end)}
    # The window's bank holidays, so the allocator (pure, no holiday library) keeps to working days.
    window = Window(window_start, window_end, bank_holidays(window_start, window_end))
    result = allocate(needs, _offer_slots(offers.values()), window, placement_type.length_days)
    by_id = {officer.pk: officer for officer in officers}
    propose_placements(
        ((by_id[proposal.officer_id], offers[proposal.offer_id], proposal.start) for proposal in result.placements),
        by=by,
    )
    record_action(
        cohort,
        action="run_allocation",
        by=by,
        reason=f"{placement_type.label}: {len(result.placements)} proposed, "
        f"{len(result.unallocated)} not placed, {discarded} earlier proposals replaced",
    )
    nobody = sorted({str(offer.partner) for offer in offers.values() if not offer.partner_has_active_contact})
    warnings = tuple(NOBODY_TO_CONFIRM.format(partner=name) + " Its offers were not used." for name in nobody)
    return AllocationRun(len(result.placements), len(result.unallocated), warnings + result.warnings)


def discard_proposals(cohort, placement_type, *, by) -> int:
    """Proposals are drafts nobody has been told about; a new run replaces them (nothing refers to a
    proposal yet: reflections and feedback come after the placement). Locked first, so one being
    confirmed at this moment is waited for and then left alone: it is no longer a proposal."""
    with transaction.atomic(savepoint=False):  # the run's transaction, or one of its own
        proposals = CommunityPlacement.objects.select_for_update(of=("self",)).filter(
            officer__cohort=cohort, placement_type=placement_type, status=S.PROPOSED
        )
        return bulk_delete_with_history(proposals, CommunityPlacement, default_user=acting_user(by))


def confirm_allocation(cohort, placement_type, *, by, officers=None) -> ConfirmationRun:
    """Confirm every proposal (given ``officers``, theirs alone) at once; a proposal whose offer has no
    place left is refused and stays proposed, without undoing the others."""
    proposals = CommunityPlacement.objects.filter(
        officer__cohort=cohort, placement_type=placement_type, status=S.PROPOSED
    )
    if officers is not None:
        proposals = proposals.filter(officer__in=officers)
    proposals = list(proposals)
    if not proposals:
        raise DomainError("There are no proposals to confirm. Run the allocator first.")
    outcome = confirm_placements(proposals, by=by)
    refused = tuple(f"{placement.officer} at {placement.partner}: {error}" for placement, error in outcome.refused)
    return ConfirmationRun(len(outcome.confirmed), refused)


@dataclass(frozen=True)
class Reallocation:
    at_risk: int
    placed: tuple[CommunityPlacement, ...]  # confirmed: their partners are asked to accept
    not_placed: tuple  # officers (StudentOfficer rows) still without a placement, or with one not confirmed
    reasons: tuple[str, ...]  # why: the allocator's warnings and refused confirmations


@transaction.atomic
def reallocate_officers_at_risk(cohort, placement_type, *, by) -> Reallocation:
    """Issue 9 (seed 000: "every student officer has to complete these community placements"): run the
    allocator for the cohort's officers at risk of missing this placement alone, and confirm what it proposes,
    in one step. Everyone else's proposals and placements stay as they are. Confirming asks each partner to
    accept; an officer is told only once their partner has."""
    placement_type = PlacementType(placement_type)
    # Two presses at once: the second waits here, then finds those officers placed.
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    placement_round = cohort_round(cohort, placement_type)
    officers = [risk.officer for risk in placement_round.at_risk]
    if not officers:
        raise DomainError(f"No officer of {cohort} is at risk of missing their {placement_type.label}.")
    if placement_round.ended:
        raise DomainError(
            f"The {placement_type.label} window ended on {placement_round.window[1]:%-d %B %Y}: no day is left to "
            "place anyone. Change the cohort's window in the back office first."
        )
    run = run_allocation(cohort, placement_type, by=by, officers=officers)
    refused = ()
    if run.proposed:
        refused = confirm_allocation(cohort, placement_type, by=by, officers=officers).refused
    placed = tuple(
        CommunityPlacement.objects.filter(officer__in=officers, placement_type=placement_type, status=S.CONFIRMED)
        .select_related("officer", "partner")
        .order_by("officer__full_name")
    )
    placed_ids = {placement.officer_id for placement in placed}
    not_placed = tuple(officer for officer in officers if officer.pk not in placed_ids)
    record_action(
        cohort,
        action="reallocate",
        by=by,
        reason=f"{placement_type.label}: {len(officers)} officer{pluralize(officers)} at risk, {len(placed)} placed "
        f"and confirmed, {len(not_placed)} not placed",
    )
    return Reallocation(len(officers), placed, not_placed, run.warnings + refused)
