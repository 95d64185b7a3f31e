"""Community placements: proposing, confirming (which takes one of the offer's places),
cancelling, completing and presenting (seed 000). One function per state change."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.audit import acting_user, action_entry, record_action, record_actions
from kentplacements.workflow import DomainError
from notifications.services import notify, notify_many

from ..capacity import OFFER_PLACES, release, take_each
from ..enums import HOSTING_PARTNER_STATUSES, PLACE_HOLDING_STATUSES, PLACEMENT_WORKFLOW, PlacementStatus, PlacementType
from ..links import absolute_url
from ..models import CommunityPlacement
from ..models.placements import OFFICER_TOLD
from ..working_days import non_working_days

S = PlacementStatus


def placement_dates(placement_type, starts_on):
    """A 2-day placement ends the next day, a 4-day one three days later."""
    return starts_on, starts_on + timedelta(days=PlacementType(placement_type).length_days - 1)


def working_days_problem(placement_type, starts_on) -> str | None:
    """Issue 9 (seed 000 rules): every day of a placement is a working day. The message says which days are
    not, for the move form (next to its field) and the services alike; None when all are working days."""
    days_off = non_working_days(*placement_dates(placement_type, starts_on))
    if not days_off:
        return None
    label = PlacementType(placement_type).label
    return (
        f"Placement days are working days, Monday to Friday and not a bank holiday; this {label} would include "
        f"{', '.join(days_off)}. Choose another first day."
    )


class PlacementRuleBroken(DomainError):
    """A seed rule refuses the placement. ``field`` names what the person should change, "offer" or
    "starts_on", so a form shows the message next to that field (None: the placement as a whole)."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.field = field


def placement_rules(officer, offer, starts_on, others):
    """The seed's rules for one placement, as messages a person can act on; ``others`` are the officer's
    other live placements (not cancelled, not the one being moved), which the caller reads: one officer's
    (``check_placement_rules``) or a whole batch's in one query (``propose_placements``). Returns the first
    and last day. The database holds the same rules as constraints; this says *why* before it gets that far."""
    placement_type = PlacementType(offer.placement_type)
    starts_on, ends_on = placement_dates(placement_type, starts_on)
    window_start, window_end = officer.cohort.window(placement_type)
    if offer.partner.status not in HOSTING_PARTNER_STATUSES:
        raise PlacementRuleBroken(f"{offer.partner} is not an approved partner.", field="offer")
    if not (window_start <= starts_on and ends_on <= window_end):
        raise PlacementRuleBroken(
            f"{officer}'s {placement_type.label} must fall between {window_start:%-d %B} and {window_end:%-d %B %Y}.",
            field="starts_on",
        )
    if problem := working_days_problem(placement_type, starts_on):
        raise PlacementRuleBroken(problem, field="starts_on")
    if not (offer.available_from <= starts_on and ends_on <= offer.available_until):
        raise PlacementRuleBroken(
            f"{offer.partner} hosts between {offer.available_from:%-d %B} and {offer.available_until:%-d %B %Y}.",
            field="starts_on",
        )
    if any(other.placement_type == placement_type for other in others):
        raise PlacementRuleBroken(f"{officer} already has a {placement_type.label}.")
    if any(other.partner_id == offer.partner_id for other in others):
        # Seed 000: the two placements let officers meet different communities.
        raise PlacementRuleBroken(
            f"{officer}'s other placement is already at {offer.partner}; choose another organisation.", field="offer"
        )
    return starts_on, ends_on


def live_placements_of(officers) -> dict:
    """officer pk -> their placements that are not cancelled, for ``placement_rules``; one query."""
    found = {}
    for placement in CommunityPlacement.objects.filter(officer__in=officers).exclude(status=S.CANCELLED):
        found.setdefault(placement.officer_id, []).append(placement)
    return found


def check_placement_rules(officer, offer, starts_on, *, replacing=None):
    """``placement_rules`` for one officer, reading their other placements."""
    others = [p for p in live_placements_of([officer]).get(officer.pk, []) if replacing is None or p.pk != replacing.pk]
    return placement_rules(officer, offer, starts_on, others)


@transaction.atomic
def propose_placements(wanted, *, by, reason="") -> list[CommunityPlacement]:
    """Propose placements, given as (officer, offer, first day): the allocator's run proposes a whole
    cohort at once (issue 9). Each is held to ``placement_rules`` against the officer's other placements
    (read for all the officers in one query, and counting the proposals before it in ``wanted``); a
    refusal refuses them all. Written with their history and one action-log entry each, one INSERT per
    table (per batch of the database's parameter limit)."""
    wanted = list(wanted)
    others = live_placements_of([officer for officer, _, _ in wanted])
    placements = []
    for officer, offer, starts_on in wanted:
        mine = others.setdefault(officer.pk, [])
        starts_on, ends_on = placement_rules(officer, offer, starts_on, mine)
        placement = CommunityPlacement(
            officer=officer,
            offer=offer,
            partner=offer.partner,
            placement_type=offer.placement_type,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        mine.append(placement)
        placements.append(placement)
    placements = bulk_create_with_history(placements, CommunityPlacement, default_user=acting_user(by))
    record_actions(action_entry(p, action="propose", by=by, to_state=S.PROPOSED, reason=reason) for p in placements)
    return placements


@transaction.atomic
def move_proposal(placement, offer, starts_on, *, by) -> CommunityPlacement:
    """Staff adjust a proposal by hand before confirming it."""
    placement = CommunityPlacement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != S.PROPOSED:
        raise DomainError("Only a proposed placement can be moved; cancel a confirmed one instead.")
    if offer.placement_type != placement.placement_type:
        raise PlacementRuleBroken("Choose an offer for the same placement type.", field="offer")
    placement.starts_on, placement.ends_on = check_placement_rules(
        placement.officer, offer, starts_on, replacing=placement
    )
    previous = placement.partner
    placement.offer, placement.partner = offer, offer.partner
    placement.save()
    record_action(placement, action="move", by=by, reason=f"from {previous} to {offer.partner}")
    return placement


NO_PLACES_LEFT = "This offer has no places left."


@dataclass(frozen=True)
class Confirmation:
    confirmed: list
    refused: list  # (placement, DomainError), in the order they were proposed


@transaction.atomic
def confirm_placements(placements, *, by) -> Confirmation:
    """Confirm proposals, each taking one of its offer's places: one, or a cohort's allocation at once
    (issue 9). The proposals are locked, then their offers (``take_each``), in that order and by key, as
    every service here locks a placement before its offer, so concurrent confirmations wait rather than
    deadlock, and an offer's places go to its proposals in the order they were made. A proposal no longer
    proposed, or without a place left, is refused and stays as it was. Each confirmed one asks its partner
    to accept; the officer is told only once the partner has (issue 9, seed 000 rules)."""
    locked = (
        CommunityPlacement.objects.select_for_update(of=("self",))
        .filter(pk__in=[p.pk for p in placements])
        .select_related("officer", "partner", "offer")
        .prefetch_related("partner__contacts")
        .order_by("pk")
    )
    refused, by_offer = [], {}
    for placement in locked:
        try:
            PLACEMENT_WORKFLOW.check(placement.status, S.CONFIRMED)
        except DomainError as error:
            refused.append((placement, error))
        else:
            by_offer.setdefault(placement.offer_id, []).append(placement)
    granted = take_each(OFFER_PLACES, {offer: list(waiting) for offer, waiting in by_offer.items()}, by=by)
    confirmed, now = [], timezone.now()
    for offer, waiting in by_offer.items():
        places = granted.get(offer, 0)
        confirmed += waiting[:places]
        refused += [(placement, DomainError(NO_PLACES_LEFT)) for placement in waiting[places:]]
    for placement in confirmed:
        placement.status, placement.confirmed_at = S.CONFIRMED, now
    bulk_update_with_history(confirmed, CommunityPlacement, ["status", "confirmed_at"], default_user=acting_user(by))
    record_actions(
        action_entry(p, action="confirm", by=by, from_state=S.PROPOSED, to_state=S.CONFIRMED) for p in confirmed
    )
    notify_many(message for placement in confirmed for message in _confirmed_messages(placement))
    return Confirmation(confirmed, sorted(refused, key=lambda outcome: outcome[0].pk))


def confirm_placement(placement, *, by) -> CommunityPlacement:
    outcome = confirm_placements([placement], by=by)
    if outcome.refused:
        raise outcome.refused[0][1]
    [confirmed] = outcome.confirmed
    return confirmed


def _confirmed_messages(placement):
    """Issue 9 (seed 000 rules): confirming asks the partner to accept, on the page where they
    answer; the officer is told only once the partner has accepted (notify_officer_accepted)."""
    context = {**placement_email_context(placement), "reply_url": absolute_url("partner_placement_reply", placement.pk)}
    return partner_contact_messages(placement, "confirmed", context)


def notify_officer_accepted(placement):
    """The officer's "your placement is confirmed", sent when the partner accepts (or staff
    accept for them), with a link to the officer's placements page."""
    notify(
        recipient=placement.officer.email,
        template="placements/placement_confirmed_officer",
        context={**placement_email_context(placement), "placements_url": absolute_url("my_placements")},
        key=f"placement-confirmed-officer-{placement.pk}",
        related=placement,
    )


def partner_contact_messages(placement, event, context) -> list[dict]:
    """``notify``'s arguments for each of the partner's contacts, from the template ``placement_<event>_partner``."""
    return [
        {
            "recipient": contact.email,
            "template": f"placements/placement_{event}_partner",
            "context": {**context, "contact_name": contact.full_name},
            "key": f"placement-{event}-partner-{placement.pk}-{contact.pk}",
            "related": placement,
        }
        for contact in placement.partner.contacts.all()
    ]


def notify_partner_contacts(placement, event, context):
    """Each of the partner's contacts, from the template ``placement_<event>_partner``."""
    for message in partner_contact_messages(placement, event, context):
        notify(**message)


def placement_email_context(placement) -> dict:
    """What an email about a placement may say: names, dates, type — JSON only."""
    return {
        "officer_name": placement.officer.full_name,
        "partner_name": placement.partner.name,
        "placement_type": placement.get_placement_type_display(),
        "starts_on": placement.starts_on,
        "ends_on": placement.ends_on,
        "notes": placement.offer.notes,
    }


@transaction.atomic
def cancel_placement(placement, *, by, reason, declined_by_partner=False) -> CommunityPlacement:
    """Cancel a proposed or confirmed placement; a confirmed one gives its place back. The partner's
    contacts are told unless the cancellation is their own answer (``declined_by_partner``); the
    officer only if they had been told of the placement (OFFICER_TOLD: the partner had accepted)."""
    if not reason.strip():
        raise DomainError("Say why the placement is cancelled.")
    placement = (
        CommunityPlacement.objects.select_for_update()
        .select_related("officer", "partner")  # its name, in the log of the place it gives back
        .annotate(officer_told=ExpressionWrapper(OFFICER_TOLD, output_field=BooleanField()))
        .get(pk=placement.pk)
    )
    previous = placement.status
    PLACEMENT_WORKFLOW.check(previous, S.CANCELLED)
    if previous in PLACE_HOLDING_STATUSES:
        release(OFFER_PLACES, placement.offer_id, by=by, holder=placement)
    placement.status = S.CANCELLED
    placement.cancel_reason = reason.strip()[:500]
    placement.save(update_fields=["status", "cancel_reason"])
    record_action(placement, action="cancel", by=by, from_state=previous, to_state=S.CANCELLED, reason=reason)
    if previous != S.CONFIRMED:
        return placement
    context = {**placement_email_context(placement), "reason": placement.cancel_reason}
    if placement.officer_told:
        # Issue 9: an officer never told of a placement the partner had not accepted is not
        # told of its end either; the Diversity Placements Officer finds them another one.
        notify(
            recipient=placement.officer.email,
            template="placements/placement_cancelled_officer",
            context=context,
            key=f"placement-cancelled-officer-{placement.pk}",
            related=placement,
        )
    if not declined_by_partner:
        # Issue 9 (seed 000 rules): the partner's contacts expected the officer too.
        notify_partner_contacts(placement, "cancelled", context)
    return placement


def _advance(placement, target, *, by, action):
    placement = CommunityPlacement.objects.select_for_update().get(pk=placement.pk)
    previous = placement.status
    PLACEMENT_WORKFLOW.check(previous, target)
    placement.status = target
    placement.save(update_fields=["status"])
    record_action(placement, action=action, by=by, from_state=previous, to_state=target)
    return placement


@transaction.atomic
def complete_placement(placement, *, by) -> CommunityPlacement:
    if timezone.localdate() <= placement.ends_on:
        raise DomainError("A placement can be completed once its last day has passed.")
    return _advance(placement, S.COMPLETED, by=by, action="complete")


@transaction.atomic
def mark_presented(placement, *, by) -> CommunityPlacement:
    """Seed 000: "At the conclusion of this placement the students prepare a short
    presentation"; recorded once they have given it."""
    return _advance(placement, S.PRESENTED, by=by, action="present")
