"""Placements as iCalendar (RFC 5545) all-day events."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def placements_calendar(name, placements, *, summary, location) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Kent Police//Kent Placements//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for placement in placements:
        event = Event()
        # A stable UID lets calendar apps update the event when the dates change.
        event.add("uid", f"placement-{placement.pk}@{settings.CALENDAR_UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", summary(placement))
        event.add("dtstart", placement.starts_on)
        event.add("dtend", placement.ends_on + timedelta(days=1))  # all-day DTEND is exclusive
        event.add("location", location(placement))
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar
