"""Community placements: proposing, confirming (which takes one of the offer's places),
cancelling, completing and presenting (seed 000). One function per state change."""

from datetime import timedelta

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone

from accounts.audit import record_action
from kentplacements.workflow import DomainError
from notifications.services import notify

from ..capacity import OFFER_PLACES, release, take
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


def check_placement_rules(officer, offer, starts_on, *, replacing=None):
    """The seed's rules for one placement, as messages a person can act on. The database
    holds the same rules as constraints; this says *why* before it gets that far."""
    placement_type = PlacementType(offer.placement_type)
    starts_on, ends_on = placement_dates(placement_type, starts_on)
    window_start, window_end = officer.cohort.window(placement_type)
    if offer.partner.status not in HOSTING_PARTNER_STATUSES:
        raise DomainError(f"{offer.partner} is not an approved partner.")
    if not (window_start <= starts_on and ends_on <= window_end):
        raise DomainError(
            f"{officer}'s {placement_type.label} must fall between {window_start:%-d %B} and {window_end:%-d %B %Y}."
        )
    if problem := working_days_problem(placement_type, starts_on):
        raise DomainError(problem)
    if not (offer.available_from <= starts_on and ends_on <= offer.available_until):
        raise DomainError(
            f"{offer.partner} hosts between {offer.available_from:%-d %B} and {offer.available_until:%-d %B %Y}."
        )
    others = officer.placements.exclude(status=S.CANCELLED)
    if replacing is not None:
        others = others.exclude(pk=replacing.pk)
    if others.filter(placement_type=placement_type).exists():
        raise DomainError(f"{officer} already has a {placement_type.label}.")
    if others.filter(partner=offer.partner).exists():
        # Seed 000: the two placements let officers meet different communities.
        raise DomainError(f"{officer}'s other placement is already at {offer.partner}; choose another organisation.")
    return starts_on, ends_on


@transaction.atomic
def propose_placement(officer, offer, starts_on, *, by, reason="") -> CommunityPlacement:
    starts_on, ends_on = check_placement_rules(officer, offer, starts_on)
    placement = CommunityPlacement.objects.create(
        officer=officer,
        offer=offer,
        partner=offer.partner,
        placement_type=offer.placement_type,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    record_action(placement, action="propose", by=by, to_state=S.PROPOSED, reason=reason)
    return placement


@transaction.atomic
def move_proposal(placement, offer, starts_on, *, by) -> CommunityPlacement:
    """Staff adjust a proposal by hand before confirming it."""
    placement = CommunityPlacement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != S.PROPOSED:
        raise DomainError("Only a proposed placement can be moved; cancel a confirmed one instead.")
    if offer.placement_type != placement.placement_type:
        raise DomainError("Choose an offer for the same placement type.")
    placement.starts_on, placement.ends_on = check_placement_rules(
        placement.officer, offer, starts_on, replacing=placement
    )
    previous = placement.partner
    placement.offer, placement.partner = offer, offer.partner
    placement.save()
    record_action(placement, action="move", by=by, reason=f"from {previous} to {offer.partner}")
    return placement


@transaction.atomic
def confirm_placement(placement, *, by) -> CommunityPlacement:
    placement = CommunityPlacement.objects.select_for_update().select_related("officer", "partner").get(pk=placement.pk)
    PLACEMENT_WORKFLOW.check(placement.status, S.CONFIRMED)
    # The conditional UPDATE of the one counter helper; offer_capacity_never_exceeded stands behind it.
    if not take(OFFER_PLACES, placement.offer_id, by=by, holder=placement):
        raise DomainError("This offer has no places left.")
    placement.status = S.CONFIRMED
    placement.confirmed_at = timezone.now()
    placement.save(update_fields=["status", "confirmed_at"])
    record_action(placement, action="confirm", by=by, from_state=S.PROPOSED, to_state=S.CONFIRMED)
    _notify_confirmed(placement)
    return placement


def _notify_confirmed(placement):
    """Issue 9 (seed 000 rules): confirming asks the partner to accept, on the page where they
    answer; the officer is told only once the partner has accepted (notify_officer_accepted)."""
    context = {**placement_email_context(placement), "reply_url": absolute_url("partner_placement_reply", placement.pk)}
    notify_partner_contacts(placement, "confirmed", context)


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


def notify_partner_contacts(placement, event, context):
    """Each of the partner's contacts, from the template ``placement_<event>_partner``."""
    for contact in placement.partner.contacts.all():
        notify(
            recipient=contact.email,
            template=f"placements/placement_{event}_partner",
            context={**context, "contact_name": contact.full_name},
            key=f"placement-{event}-partner-{placement.pk}-{contact.pk}",
            related=placement,
        )


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
