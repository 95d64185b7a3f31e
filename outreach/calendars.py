"""An outreach event as an iCalendar file: attached to the emails that give or confirm a
place, and offered on the event's public page (issue 12: "an .ics attachment and an .ics
link"). The same UID in each lets a calendar app update or cancel the one event."""

from django.utils import timezone
from icalendar import Calendar

from accounts.audit import history_for
from kentplacements.calendars import event_uid, new_calendar, timed_event
from notifications.services import attachment

from .enums import EventStatus

ICS_FILENAME = "kent-police-event.ics"


def one_line(address: str) -> str:
    return ", ".join(line.strip() for line in address.splitlines() if line.strip())


def event_calendar(event, *, status: str | None = None) -> Calendar:
    """``status``: CONFIRMED, TENTATIVE (a place on the waiting list) or CANCELLED; by
    default what the event itself is."""
    status = status or ("CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    calendar = new_calendar(event.title)
    description = event.description
    if event.access_information:
        description += f"\n\nAccess: {event.access_information}"
    calendar.add_component(
        timed_event(
            uid=event_uid("outreach-event", event.pk),
            stamp=timezone.now(),
            starts=event.starts_at,
            ends=event.ends_at,
            summary=event.title,
            location=f"{event.venue}, {one_line(event.address)}",
            description=description,
            status=status,
            sequence=history_for(event).filter(action="change_event_details").count(),
        )
    )
    return calendar


def ics_attachment(event, *, status: str | None = None) -> dict:
    """The event's file for ``notify(attachments=...)``: names, times and places only."""
    return attachment(ICS_FILENAME, event_calendar(event, status=status).to_ical().decode(), "text/calendar")
