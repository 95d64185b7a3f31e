"""The emails about an outreach event and a registration: what each may say (names, times,
places — JSON only, as notify stores it) and the links in them. A link to cancel carries
the registration's raw token, so those templates are in notifications.sensitive."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from notifications.services import notify

from .calendars import ics_attachment, one_line

# Seed 004: "If you are interested in finding out more information about Kent Police's
# Positive Action initiatives please email: kent.diversity@kent.pnn.police.uk"
POSITIVE_ACTION_EMAIL = "kent.diversity@kent.pnn.police.uk"


def when(event) -> str:
    """ "Saturday 3 May 2027, 10:00 to 13:00" (or to another day's time)."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    until = date_format(ends, "H:i") if starts.date() == ends.date() else date_format(ends, "l j F Y, H:i")
    return f"{date_format(starts, 'l j F Y, H:i')} to {until}"


def event_context(event) -> dict:
    return {
        "title": event.title,
        "kind": event.get_kind_display(),
        "when": when(event),
        "venue": event.venue,
        "address": one_line(event.address),
        "access_information": event.access_information,
        "ics_url": settings.SITE_URL + reverse("outreach_event_ics", args=[event.pk]),
        "events_url": settings.SITE_URL + reverse("outreach_events"),
        "contact_email": POSITIVE_ACTION_EMAIL,
    }


def email_registrant(registration, name, *, key, token=None, ics_status=None, **extra) -> None:
    """``outreach/<name>`` to the person who registered. ``token``: their new cancel link;
    ``ics_status``: attach the event's calendar file with that status."""
    event = registration.event
    context = {**event_context(event), "full_name": registration.full_name, **extra}
    if token is not None:
        context["cancel_url"] = settings.SITE_URL + reverse("outreach_cancel", args=[token])
    notify(
        recipient=registration.email,
        template=f"outreach/{name}",
        context=context,
        key=key,
        related=registration,
        attachments=[ics_attachment(event, status=ics_status)] if ics_status else (),
    )
