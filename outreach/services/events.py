"""An outreach event's own changes (issue 12): the Diversity Placements Officer publishes
it (the public listing shows it from then), changes its number of places, or cancels it,
which tells everyone registered or waiting. Each locks the event's row, as every change
to its registrations does (outreach.services.registrations)."""

from django.db import transaction
from django.utils import timezone

from accounts.audit import move_status, record_action
from kentplacements.workflow import DomainError

from ..emails import email_registrant
from ..enums import EVENT_WORKFLOW, LIVE, REGISTRATION_WORKFLOW, EventStatus, RegistrationStatus
from ..models import MAX_PLACES, EventRegistration, OutreachEvent
from .registrations import fill_free_places


def _locked(event) -> OutreachEvent:
    return OutreachEvent.objects.select_for_update().get(pk=event.pk)


def _not_started(event, what: str) -> None:
    if event.starts_at <= timezone.now():
        raise DomainError(f"{event} has already started: it can no longer be {what}.")


@transaction.atomic
def publish_event(event, *, by) -> OutreachEvent:
    """From draft to the public listing, where people register."""
    event = _locked(event)
    if event.status != EventStatus.DRAFT:
        raise DomainError(f"{event} is {event.get_status_display().lower()}: only a draft can be published.")
    _not_started(event, "published")
    move_status(event, EventStatus.PUBLISHED, workflow=EVENT_WORKFLOW, by=by, action="publish_event")
    return event


def places_problem(event, capacity) -> str:
    """Why ``event`` cannot have ``capacity`` places, or "" (the admin's form says it too)."""
    if capacity is None or not 1 <= capacity <= MAX_PLACES:
        return f"Give a number of places from 1 to {MAX_PLACES}."
    if capacity < event.places_taken:
        return f"{event.places_taken} people already have a place: the event needs at least {event.places_taken}."
    return ""


@transaction.atomic
def change_places(event, *, by, capacity: int) -> int:
    """More or fewer places. Never fewer than the people holding one (the database refuses
    it too); new places go to the waiting list first come, first served, each person
    emailed. Returns how many were given a place from the waiting list."""
    event = _locked(event)
    if event.status == EventStatus.CANCELLED:
        raise DomainError(f"{event} is cancelled.")
    _not_started(event, "changed")
    if problem := places_problem(event, capacity):
        raise DomainError(problem)
    if capacity == event.capacity:
        raise DomainError(f"{event} has {capacity} places already.")
    before, event.capacity = event.capacity, capacity
    event.save(update_fields=["capacity"])
    record_action(event, action="change_places", by=by, reason=f"{before} → {capacity} places")
    return fill_free_places(event, by=by)


@transaction.atomic
def cancel_event(event, *, by, reason: str) -> int:
    """The event is called off: everyone registered or waiting is emailed the reason and
    their registration is cancelled (their calendar file too). Returns how many were told."""
    event = _locked(event)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why the event is cancelled: the people registered read it in their email.")
    if event.status == EventStatus.CANCELLED:
        raise DomainError(f"{event} is cancelled already.")
    _not_started(event, "cancelled")
    move_status(
        event,
        EventStatus.CANCELLED,
        workflow=EVENT_WORKFLOW,
        by=by,
        action="cancel_event",
        reason=reason,
        cancellation_reason=reason[:300],
        places_taken=0,
    )
    told = 0
    now = timezone.now()
    for registration in EventRegistration.objects.select_for_update().filter(event=event, status__in=LIVE):
        registration.event = event
        held = registration.status == RegistrationStatus.REGISTERED
        move_status(
            registration,
            RegistrationStatus.CANCELLED,
            workflow=REGISTRATION_WORKFLOW,
            by=by,
            action="cancel_registration",
            reason="The event was cancelled.",
            cancelled_at=now,
            waiting_since=None,
        )
        email_registrant(
            registration,
            "event_cancelled",
            key=f"outreach-event-cancelled-{registration.pk}",
            ics_status="CANCELLED" if held else None,
            reason=reason,
            had_place=held,
        )
        told += 1
    return told
