"""An outreach event's own changes (publish, places, cancel) and the reminder two days
before (issue 12), through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.audit import history_for
from kentplacements.workflow import DomainError
from notifications.models import Notification
from outreach.enums import EventStatus, RegistrationStatus
from outreach.models import EventRegistration
from outreach.services.events import cancel_event, change_places, publish_event
from outreach.services.registrations import cancel_from_link, open_cancel_link, send_event_reminders
from outreach.tasks import send_event_reminders as reminder_task
from vetting.links import LinkNotFound

from .factories import OutreachEventFactory, emailed_cancel_token, registrations, started

pytestmark = pytest.mark.django_db
R = RegistrationStatus


def test_a_draft_is_published_once(diversity_officer):
    event = OutreachEventFactory(status=EventStatus.DRAFT)

    publish_event(event, by=diversity_officer)

    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    [entry] = history_for(event).filter(action="publish_event")
    assert (entry.actor, entry.from_state, entry.to_state) == (diversity_officer, "draft", "published")
    with pytest.raises(DomainError, match="only a draft can be published"):
        publish_event(event, by=diversity_officer)


def test_more_places_go_to_the_waiting_list_in_order(diversity_officer):
    event = OutreachEventFactory(capacity=1)
    _holder, first, second, third = registrations(event, 4)

    promoted = change_places(event, by=diversity_officer, capacity=3)

    assert promoted == 2
    statuses = dict(EventRegistration.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in (first, second, third)] == [R.REGISTERED, R.REGISTERED, R.WAITING]
    event.refresh_from_db()
    assert (event.capacity, event.places_taken) == (3, 3)
    assert sorted(Notification.objects.filter(template="outreach/promoted").values_list("recipient", flat=True)) == (
        sorted([first.email, second.email])
    )
    [entry] = history_for(event).filter(action="change_places")
    assert entry.reason == "1 → 3 places"


@pytest.mark.parametrize(
    ("capacity", "problem"), [(1, "2 people already have a place"), (0, "from 1 to 500"), (2, "2 places already")]
)
def test_places_never_fewer_than_the_people_holding_one(diversity_officer, capacity, problem):
    event = OutreachEventFactory(capacity=2)
    registrations(event, 2)

    with pytest.raises(DomainError, match=problem):
        change_places(event, by=diversity_officer, capacity=capacity)
    event.refresh_from_db()
    assert event.capacity == 2


def test_cancelling_an_event_tells_everyone_registered_or_waiting_and_frees_nothing_for_later(diversity_officer):
    event = OutreachEventFactory(capacity=1, title="Engagement day, Gravesend")
    holder, waiting = registrations(event, 2)
    token = emailed_cancel_token(holder)

    told = cancel_event(event, by=diversity_officer, reason="  The hall is flooded.  ")

    assert told == 2
    event.refresh_from_db()
    assert (event.status, event.places_taken, event.cancellation_reason) == (
        EventStatus.CANCELLED,
        0,
        "The hall is flooded.",
    )
    assert set(EventRegistration.objects.values_list("status", flat=True)) == {R.CANCELLED}
    emails = {n.recipient: n for n in Notification.objects.filter(template="outreach/event_cancelled")}
    assert set(emails) == {holder.email, waiting.email}
    assert "Why: The hall is flooded." in emails[holder.email].body_text
    assert emails[holder.email].subject == "Cancelled: Engagement day, Gravesend"
    assert emails[holder.email].attachments and not emails[waiting.email].attachments
    with pytest.raises(DomainError, match="already"):
        open_cancel_link(token)
    with pytest.raises(DomainError, match="Say why"):
        cancel_event(OutreachEventFactory(), by=diversity_officer, reason=" ")


def test_an_event_that_has_started_is_no_longer_changed(diversity_officer):
    event = started(OutreachEventFactory(status=EventStatus.DRAFT))
    for change in (
        lambda: publish_event(event, by=diversity_officer),
        lambda: change_places(event, by=diversity_officer, capacity=20),
        lambda: cancel_event(event, by=diversity_officer, reason="Too late"),
    ):
        with pytest.raises(DomainError, match="has already started"):
            change()


# --- the reminder two days before -----------------------------------------------------------------


def test_each_person_with_a_place_is_reminded_once_two_days_before_with_a_new_link():
    event = OutreachEventFactory(capacity=1, starts_at=timezone.now() + timedelta(days=5))
    holder, waiting = registrations(event, 2)
    old_token = emailed_cancel_token(holder)

    assert send_event_reminders(now=timezone.now() + timedelta(days=2)) == 0  # three days before: not yet
    assert send_event_reminders(now=event.starts_at - timedelta(days=2)) == 1
    assert send_event_reminders(now=event.starts_at - timedelta(days=1)) == 0  # once

    [reminder] = Notification.objects.filter(template="outreach/reminder")
    assert reminder.recipient == holder.email and reminder.sensitive
    assert "A reminder that you have a place at" in reminder.body_text
    new_token = emailed_cancel_token(holder, "outreach/reminder")
    assert open_cancel_link(new_token) == holder
    with pytest.raises(LinkNotFound):
        open_cancel_link(old_token)
    assert EventRegistration.objects.get(pk=waiting.pk).reminded_at is None


def test_no_reminder_for_a_cancelled_event_or_registration(diversity_officer):
    cancelled_event = OutreachEventFactory(starts_at=timezone.now() + timedelta(days=1, hours=12))
    registrations(cancelled_event, 1)
    kept = OutreachEventFactory(starts_at=timezone.now() + timedelta(days=1, hours=12))
    [gone, coming] = registrations(kept, 2)
    cancel_event(cancelled_event, by=diversity_officer, reason="Snow.")
    cancel_from_link(emailed_cancel_token(gone))
    EventRegistration.objects.update(reminded_at=None)

    assert send_event_reminders() == 1
    assert list(Notification.objects.filter(template="outreach/reminder").values_list("recipient", flat=True)) == [
        coming.email
    ]


@pytest.mark.django_db(transaction=True)
def test_the_beat_task_reminds_and_the_email_is_delivered():
    event = OutreachEventFactory(starts_at=timezone.now() + timedelta(days=1, hours=12))
    [holder] = registrations(event, 1)
    EventRegistration.objects.update(reminded_at=None)

    reminder_task()

    [sent] = [m for m in mail.outbox if m.subject.startswith("Reminder:")]
    assert sent.to == [holder.email]
    [(filename, content, mimetype)] = sent.attachments
    assert (filename, mimetype) == ("kent-police-event.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content and "/positive-action/cancel/" not in content
