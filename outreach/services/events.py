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
from .registrations import fill_free_places, new_cancel_link, reminder_due_again

# What the people registered are told of when it changes, in their email's words: the time
# and the place, which their confirmation and its calendar file gave them (issue 12). A
# title or a description is corrected quietly.
TOLD_OF = {
    "starts_at": "time",
    "ends_at": "time",
    "venue": "place",
    "address": "place",
    "access_information": "access information",
}


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


def change_problem(event, changed) -> str:
    """Why the fields named in ``changed`` cannot change now, or "" (the admin's form says it
    too)."""
    if event.status == EventStatus.CANCELLED:
        return f"{event} is cancelled: it can no longer be changed."
    if set(changed) & set(TOLD_OF) and event.starts_at <= timezone.now():
        return f"{event} has already started: its time and place can no longer be changed."
    return ""


@transaction.atomic
def change_event_details(event, *, by, changes: dict) -> int:
    """The Diversity Placements Officer edits an event. Once it is published, a new time or
    place is emailed to everyone registered or waiting, with the calendar file that updates
    it (the same UID, a higher SEQUENCE) and a new cancel link (the old one expired at the
    old start). Returns how many were told."""
    event = _locked(event)
    changed = {name: value for name, value in changes.items() if getattr(event, name) != value}
    if problem := change_problem(event, changed):
        raise DomainError(problem)
    if not changed:
        return 0
    for name, value in changed.items():
        setattr(event, name, value)
    event.full_clean(exclude=[f.name for f in OutreachEvent._meta.fields if f.name not in changed])
    event.save(update_fields=list(changed))
    labels = [str(OutreachEvent._meta.get_field(name).verbose_name) for name in changed]
    record_action(event, action="change_event_details", by=by, reason="Changed: " + ", ".join(labels))
    told_of = list(dict.fromkeys(TOLD_OF[name] for name in changed if name in TOLD_OF))  # "time and place"
    if event.status != EventStatus.PUBLISHED or not told_of:
        return 0
    now = timezone.now()
    told = 0
    for registration in EventRegistration.objects.select_for_update().filter(event=event, status__in=LIVE):
        registration.event = event
        waiting = registration.status == RegistrationStatus.WAITING
        reminder_due_again(registration, now)
        token = new_cancel_link(registration, now, also=["reminded_at"])
        email_registrant(
            registration,
            "event_changed",
            key=f"outreach-event-changed-{registration.pk}-{now:%Y%m%d%H%M%S%f}",
            token=token,
            ics_status="TENTATIVE" if waiting else "CONFIRMED",
            waiting=waiting,
            what_changed=" and ".join(told_of),
        )
        told += 1
    return told
