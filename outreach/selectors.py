"""Reads of the outreach pages and the back office, each fetching what its rows show up
front (STYLE.md "Reads": one number of queries for 1 event or 50)."""

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from .enums import EventStatus, RegistrationStatus
from .models import EventRegistration, OutreachEvent


def with_waiting(events):
    return events.annotate(waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)))


def public_events():
    """Events the public may open: published, or cancelled (an emailed link still works)."""
    return OutreachEvent.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])


def coming_events(now=None):
    """The public listing: published events not yet started, soonest first."""
    return OutreachEvent.objects.filter(status=EventStatus.PUBLISHED, starts_at__gt=now or timezone.now())


def staff_events(now=None):
    """Every event with its waiting list's length: coming ones first, soonest first, then
    past ones, latest first."""
    now = now or timezone.now()
    past = Case(When(starts_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField())
    coming_at = Case(When(starts_at__gte=now, then=F("starts_at")))
    events = OutreachEvent.objects.alias(past=past, coming_at=coming_at)
    return with_waiting(events).order_by("past", F("coming_at").asc(nulls_last=True), "-starts_at", "pk")


def waiting_list(event):
    return EventRegistration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "waiting_since", "pk"
    )
