"""Outreach events as the Diversity Placements Officer publishes them, and registrations as
people make them on the public form (through the service, so each has its emailed link)."""

import itertools
import re
from datetime import timedelta

import factory
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from outreach.enums import EventKind, EventStatus, RoleConsidered
from outreach.models import OutreachEvent
from outreach.services.registrations import register

numbers = itertools.count(1)


class OutreachEventFactory(factory.django.DjangoModelFactory):
    """Seed 004: a workshop "in the community" supporting candidates before they apply."""

    class Meta:
        model = OutreachEvent

    kind = EventKind.PRE_APPLICATION
    title = factory.Sequence(lambda n: f"Pre-application workshop in Maidstone, group {chr(65 + n % 26)}")
    description = "What the role of a police officer involves, and how to prepare your application."
    # an evening workshop in a fortnight: a fixed hour, so that moving it an hour or two
    # stays on the same day whenever the tests run
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() + timedelta(days=14)).replace(hour=18, minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    venue = "Kent Police College"
    address = "Sutton Road\nMaidstone\nME15 9BZ"
    access_information = "Step-free access throughout; parking on site; a quiet room is available."
    audience = "Anyone from an under-represented group thinking of applying to be a police officer."
    capacity = 10
    status = EventStatus.PUBLISHED


def details(**overrides) -> dict:
    """What a person types on the registration form, each person with their own address."""
    n = next(numbers)
    return {
        "full_name": f"Jordan Candidate {n}",
        "email": f"jordan.candidate{n}@example.org",
        "phone": "07911 123456",
        "role_considered": RoleConsidered.POLICE_OFFICER,
        "access_needs": "",
        **overrides,
    }


def registrations(event, count=1, **overrides):
    """``count`` people registering one after another, through the service."""
    return [register(event, **details(**overrides)) for _ in range(count)]


def registered(event=None, **overrides):
    [registration] = registrations(event or OutreachEventFactory(), **overrides)
    return registration


def started(event):
    """The event as it is once it has begun (test data: registering is closed by then)."""
    now = timezone.now()
    moved = {"starts_at": now - timedelta(hours=1), "ends_at": now + timedelta(hours=2)}
    OutreachEvent.objects.filter(pk=event.pk).update(**moved)
    event.refresh_from_db()
    return event


def attendance_to_record(capacity=10, people=2):
    """A published event that has started with ``people`` on its register, none recorded yet."""
    event = OutreachEventFactory(capacity=capacity)
    registrations(event, people)
    return started(event)


def emailed_cancel_link(registration, template=None) -> str:
    """The path of the cancel link in the latest email to the person: still in the outbox, or
    (when the test commits, so it was delivered and erased there) as it was sent."""
    rows = Notification.objects.filter(recipient=registration.email, template__startswith="outreach/")
    row = (rows.filter(template=template) if template else rows.filter(sensitive=True)).latest("pk")
    sent = (m.body for m in reversed(mail.outbox) if m.to == [row.recipient] and m.subject == row.subject)
    body = row.body_text or next(sent)
    return re.search(r"https?://[^/\s]+(/positive-action/cancel/\S+/)", body).group(1)


def emailed_cancel_token(registration, template=None) -> str:
    return emailed_cancel_link(registration, template).rstrip("/").rsplit("/", 1)[1]
