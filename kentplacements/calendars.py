"""iCalendar (RFC 5545) files, made one way for every app (STACK.md: icalendar): the
calendar around the events, a timed event, and the response that offers the file.
Placements' feeds (placements/calendars.py) and outreach's event files use these."""

from datetime import UTC

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Kent Police//Kent Placements//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def event_uid(kind: str, pk) -> str:
    """A stable UID lets calendar apps update the event when its time or place changes."""
    return f"{kind}-{pk}@{settings.CALENDAR_UID_DOMAIN}"


def timed_event(
    *, uid, stamp, starts, summary, location, ends=None, description="", status="CONFIRMED", sequence=0
) -> Event:
    """An event at a time of day. In UTC: a time with a TZID would need the file to carry
    the zone's rules (VTIMEZONE). Without ``ends`` it takes no time (RFC 5545 3.6.1).
    ``sequence`` goes up each time the event is moved, so that a calendar app takes the
    new file as an update of the one it holds (RFC 5545 3.8.7.4)."""
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", starts.astimezone(UTC))
    if ends is not None:
        event.add("dtend", ends.astimezone(UTC))
    event.add("location", location)
    if description:
        event.add("description", description)
    event.add("status", status)
    return event


def ics_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
