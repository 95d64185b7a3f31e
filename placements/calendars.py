"""Placements as iCalendar (RFC 5545) all-day events, and the presentation sessions a
partner's representatives come to (or wait for a seat at) as timed events."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from kentplacements.calendars import event_uid, new_calendar, timed_event

from .enums import RsvpStatus


def placements_calendar(name, placements, *, summary, location, presentations=()) -> Calendar:
    """``presentations``: invitations (with their sessions) shown as the session's event."""
    calendar = new_calendar(name)
    stamp = timezone.now()
    for placement in placements:
        event = Event()
        # A stable UID lets calendar apps update the event when the dates change.
        event.add("uid", event_uid("placement", placement.pk))
        event.add("dtstamp", stamp)
        event.add("summary", summary(placement))
        event.add("dtstart", placement.starts_on)
        event.add("dtend", placement.ends_on + timedelta(days=1))  # all-day DTEND is exclusive
        event.add("location", location(placement))
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    for invitation in presentations:
        calendar.add_component(_presentation_event(invitation, stamp))
    return calendar


def _presentation_event(invitation, stamp) -> Event:
    """The session at the time and in the room it has now: when change_session moves it,
    the same UID lets the calendar app move the event (issue 9). A session has a start
    and no set end, so the event has no DTEND."""
    session = invitation.session
    return timed_event(
        uid=event_uid("presentation", session.pk),
        stamp=stamp,
        starts=session.starts,
        summary=f"Student officers' presentations ({session.cohort.name})",
        location=f"{session.venue}, {session.room}",
        # on the waiting list: the seats are not theirs yet
        status="CONFIRMED" if invitation.rsvp_status == RsvpStatus.ATTENDING else "TENTATIVE",
    )
