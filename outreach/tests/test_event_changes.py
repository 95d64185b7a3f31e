"""Moving an event (issue 12, and what a registrant expects: their confirmation gave them a
time, a place and a calendar file). Through the service and through the back office's
change form, which calls it: everyone registered or waiting is emailed the new time or
place, a calendar file that updates the one they hold and a new cancel link; a change
nobody needs to hear of tells nobody; a started or cancelled event is not moved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.audit import history_for
from kentplacements.workflow import DomainError
from notifications.models import Notification
from outreach.enums import EventStatus, RegistrationStatus
from outreach.models import EventRegistration
from outreach.services.events import cancel_event, change_event_details
from outreach.services.registrations import cancel_from_link, open_cancel_link
from vetting.links import LinkNotFound

from .factories import OutreachEventFactory, emailed_cancel_token, registrations, started
from .test_registrations import ics_of
from .test_staff_pages import add_form

pytestmark = pytest.mark.django_db
R = RegistrationStatus


def changed_emails():
    return {n.recipient: n for n in Notification.objects.filter(template="outreach/event_changed")}


def test_a_new_time_is_emailed_to_everyone_registered_or_waiting_with_a_calendar_update(diversity_officer):
    event = OutreachEventFactory(title="Interview workshop, Ashford", capacity=1)
    holder, waiting = registrations(event, 2)
    old_token = emailed_cancel_token(holder)
    later = event.starts_at + timedelta(days=7)

    told = change_event_details(
        event, by=diversity_officer, changes={"starts_at": later, "ends_at": later + timedelta(hours=3)}
    )

    assert told == 2
    emails = changed_emails()
    assert set(emails) == {holder.email, waiting.email}
    mine = emails[holder.email]
    assert mine.subject == "Changed: Interview workshop, Ashford"
    assert "We have changed the time of Interview workshop, Ashford" in mine.body_text
    assert "Your place is kept." in mine.body_text
    assert "You are still on the waiting list" in emails[waiting.email].body_text
    calendar = ics_of(mine)
    assert (calendar.decoded("dtstart"), str(calendar["status"]), calendar["sequence"]) == (later, "CONFIRMED", 1)
    assert str(ics_of(emails[waiting.email])["status"]) == "TENTATIVE"
    # the new link cancels (until the new start); the old one no longer does
    with pytest.raises(LinkNotFound):
        open_cancel_link(old_token)
    cancel_from_link(emailed_cancel_token(holder, "outreach/event_changed"))
    assert EventRegistration.objects.get(pk=waiting.pk).status == R.REGISTERED
    [entry] = history_for(event).filter(action="change_event_details")
    assert (entry.actor, entry.reason) == (diversity_officer, "Changed: starts at, ends at")


def test_a_new_place_says_so_and_a_corrected_title_tells_nobody(diversity_officer):
    event = OutreachEventFactory()
    [holder] = registrations(event)

    assert change_event_details(event, by=diversity_officer, changes={"title": "Engagement day, Dover"}) == 0
    assert change_event_details(event, by=diversity_officer, changes={"venue": event.venue}) == 0  # the same
    assert not changed_emails()

    change_event_details(event, by=diversity_officer, changes={"venue": "Dover Police Station", "address": "Ladywell"})
    body = changed_emails()[holder.email].body_text
    assert "We have changed the place of Engagement day, Dover" in body
    assert "Where: Dover Police Station, Ladywell" in body


def test_a_draft_is_changed_quietly(diversity_officer):
    event = OutreachEventFactory(status=EventStatus.DRAFT)
    assert change_event_details(event, by=diversity_officer, changes={"venue": "Maidstone"}) == 0
    event.refresh_from_db()
    assert event.venue == "Maidstone"


def test_a_place_reminded_already_is_reminded_again_when_the_event_moves_further_off(diversity_officer):
    event = OutreachEventFactory(
        starts_at=timezone.now() + timedelta(days=1), ends_at=timezone.now() + timedelta(days=1, hours=2)
    )
    [holder] = registrations(event)  # within two days: its confirmation counts as the reminder
    assert EventRegistration.objects.get(pk=holder.pk).reminded_at is not None

    later = timezone.now() + timedelta(days=10)
    change_event_details(
        event, by=diversity_officer, changes={"starts_at": later, "ends_at": later + timedelta(hours=2)}
    )

    assert EventRegistration.objects.get(pk=holder.pk).reminded_at is None


def test_a_started_or_cancelled_event_keeps_its_time(diversity_officer):
    running = started(OutreachEventFactory())
    with pytest.raises(DomainError, match="already started: its time and place can no longer be changed"):
        change_event_details(running, by=diversity_officer, changes={"venue": "Elsewhere"})
    called_off = OutreachEventFactory()
    cancel_event(called_off, by=diversity_officer, reason="No room.")
    with pytest.raises(DomainError, match="is cancelled"):
        change_event_details(called_off, by=diversity_officer, changes={"title": "New"})


# --- the back office ---------------------------------------------------------------------------------


def change_form(event, **changes):
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    data = add_form(
        kind=event.kind,
        title=event.title,
        starts_at_0=starts.strftime("%d/%m/%Y"),
        starts_at_1=starts.strftime("%H:%M"),
        ends_at_0=ends.strftime("%d/%m/%Y"),
        ends_at_1=ends.strftime("%H:%M"),
        venue=event.venue,
        address=event.address,
        access_information=event.access_information,
        audience=event.audience,
        description=event.description,
    )
    del data["capacity"]  # read-only once added
    return {**data, **changes}


def test_the_change_form_moves_the_event_through_the_service(client, diversity_officer):
    event = OutreachEventFactory()
    [holder] = registrations(event)
    client.force_login(diversity_officer)

    url = reverse("admin:outreach_outreachevent_change", args=[event.pk])
    response = client.post(url, change_form(event, starts_at_1="09:00"), follow=True)

    assert "1 people registered or waiting have been emailed the change." in response.content.decode()
    assert timezone.localtime(fresh(event).starts_at).strftime("%H:%M") == "09:00"
    assert set(changed_emails()) == {holder.email}


def test_the_change_form_refuses_to_move_an_event_that_has_started(client, diversity_officer):
    event = started(OutreachEventFactory())
    client.force_login(diversity_officer)

    url = reverse("admin:outreach_outreachevent_change", args=[event.pk])
    response = client.post(url, change_form(event, venue="Elsewhere"))

    assert response.status_code == 200
    assert "its time and place can no longer be changed" in str(response.context["adminform"].form.non_field_errors())
    assert fresh(event).venue != "Elsewhere"


def fresh(event):
    return type(event).objects.get(pk=event.pk)
