"""Registering for an outreach event, the waiting list, cancelling and the attendance
register, through the services (issue 12 "Events")."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar

from accounts.audit import history_for
from kentplacements.workflow import DomainError
from notifications.models import Notification
from outreach.enums import EventStatus, RegistrationStatus
from outreach.models import EventRegistration, OutreachEvent
from outreach.services.registrations import (
    EXPIRED,
    NOT_STARTED,
    USED,
    cancel_from_link,
    cancel_registration,
    open_cancel_link,
    record_attendance,
    register,
    waiting_position,
)
from vetting.links import LinkExpired, LinkNotFound, LinkUsed, token_hash

from .factories import (
    OutreachEventFactory,
    details,
    emailed_cancel_link,
    emailed_cancel_token,
    registered,
    registrations,
    started,
)

pytestmark = pytest.mark.django_db
R = RegistrationStatus


def emails(template, recipient=None):
    rows = Notification.objects.filter(template=f"outreach/{template}")
    return list(rows.filter(recipient=recipient) if recipient else rows)


def ics_of(notification):
    [attached] = notification.attachments
    assert (attached["filename"], attached["mimetype"]) == ("kent-police-event.ics", "text/calendar")
    [event] = Calendar.from_ical(attached["content"]).walk("VEVENT")
    return event


# --- registering -------------------------------------------------------------------------------


def test_a_person_with_a_place_is_emailed_the_event_its_calendar_file_and_a_link_to_cancel():
    event = OutreachEventFactory(title="SEARCH assessment workshop, Canterbury", capacity=2)

    registration = register(
        event, **details(full_name="Amara Okafor", email="Amara@Example.org", access_needs="A hearing loop, please.")
    )

    assert registration.status == R.REGISTERED
    event.refresh_from_db()
    assert event.places_taken == 1
    [email] = emails("registered")
    assert email.recipient == "Amara@Example.org" and email.sensitive
    assert email.subject == "Your place at SEARCH assessment workshop, Canterbury"
    body = email.body_text
    assert "Dear Amara Okafor" in body and "you have a place at SEARCH assessment workshop, Canterbury" in body
    assert "Where: Kent Police College, Sutton Road, Maidstone, ME15 9BZ" in body
    assert "Access: Step-free access throughout" in body
    assert "Your access needs, which we will arrange: A hearing loop, please." in body
    assert f"/positive-action/events/{event.pk}/event.ics" in body
    # the link in the email opens this registration; only its hash is kept
    token = emailed_cancel_token(registration)
    assert len(token) >= 40 and token not in str(EventRegistration.objects.values().get(pk=registration.pk))
    assert open_cancel_link(token) == registration
    registration.refresh_from_db()
    assert registration.token_hash == token_hash(token)
    assert registration.link_expires_at == event.starts_at
    calendar_event = ics_of(email)
    assert str(calendar_event["summary"]) == "SEARCH assessment workshop, Canterbury"
    assert calendar_event.decoded("dtstart") == event.starts_at
    assert str(calendar_event["status"]) == "CONFIRMED"
    assert token not in email.attachments[0]["content"]
    [entry] = history_for(registration)
    assert (entry.action, entry.actor, entry.to_state) == ("register_for_event", None, R.REGISTERED)


def test_a_full_event_puts_people_on_its_waiting_list_in_order():
    event = OutreachEventFactory(capacity=1)
    first, second, third = registrations(event, 3)

    assert [r.status for r in (first, second, third)] == [R.REGISTERED, R.WAITING, R.WAITING]
    assert [waiting_position(second), waiting_position(third)] == [1, 2]
    email = emails("registered", third.email)[0]
    assert email.subject.startswith("You are on the waiting list:")
    assert "you are number 2" in email.body_text
    assert str(ics_of(email)["status"]) == "TENTATIVE"
    event.refresh_from_db()
    assert event.places_taken == 1


def test_registering_again_with_the_same_address_keeps_one_registration_and_sends_a_new_link():
    event = OutreachEventFactory()
    first = registered(event, email="sam@example.org")
    old_link = emailed_cancel_link(first)

    again = register(event, **details(email="SAM@example.org", full_name="Sam Someone Else"))

    assert again == first and EventRegistration.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.places_taken == 1
    assert len(emails("registered", "sam@example.org")) == 2
    new_link = emailed_cancel_link(first)
    assert new_link != old_link
    with pytest.raises(LinkNotFound):
        open_cancel_link(old_link.rstrip("/").rsplit("/", 1)[1])


def test_the_database_refuses_two_live_registrations_of_one_address_and_more_places_than_the_capacity():
    event = OutreachEventFactory(capacity=1)
    first = registered(event)
    with pytest.raises(IntegrityError), transaction.atomic():
        waiting = {"status": R.WAITING, "waiting_since": timezone.now()}
        EventRegistration.objects.create(event=event, **details(email=first.email.upper()), **waiting)
    with pytest.raises(IntegrityError), transaction.atomic():
        OutreachEvent.objects.filter(pk=event.pk).update(places_taken=2)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"status": EventStatus.DRAFT}, "This event is not open for registration."),
        ({"status": EventStatus.CANCELLED}, "This event has been cancelled."),
        ({"starts_at": timezone.now() - timedelta(minutes=1)}, "This event has already started"),
    ],
)
def test_nobody_registers_for_a_draft_cancelled_or_started_event(change, problem):
    event = OutreachEventFactory(**change, ends_at=timezone.now() + timedelta(days=30))

    with pytest.raises(DomainError, match=problem):
        register(event, **details())

    assert not EventRegistration.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize(
    ("blank", "problem"),
    [("full_name", "needed so we can contact you"), ("role_considered", "Choose the role you are considering")],
)
def test_the_service_refuses_missing_details(blank, problem):
    with pytest.raises(DomainError, match=problem):
        register(OutreachEventFactory(), **details(**{blank: " "}))


def test_a_place_given_within_two_days_of_the_event_needs_no_reminder():
    soon = OutreachEventFactory(starts_at=timezone.now() + timedelta(days=1))
    later = OutreachEventFactory()

    assert registered(soon).reminded_at is not None
    assert registered(later).reminded_at is None


# --- cancelling from the link, and the waiting list ---------------------------------------------


def test_cancelling_a_place_promotes_the_first_waiting_and_emails_them():
    event = OutreachEventFactory(capacity=1, title="Interview workshop, Medway")
    holder, first_waiting, second_waiting = registrations(event, 3)
    token = emailed_cancel_token(holder)

    cancel_from_link(token)

    holder.refresh_from_db()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert holder.status == R.CANCELLED and holder.link_used_at is not None
    assert (first_waiting.status, first_waiting.waiting_since) == (R.REGISTERED, None)
    assert second_waiting.status == R.WAITING and waiting_position(second_waiting) == 1
    event.refresh_from_db()
    assert event.places_taken == 1
    [cancelled] = emails("registration_cancelled", holder.email)
    assert "is cancelled, as you asked" in cancelled.body_text and not cancelled.sensitive
    assert str(ics_of(cancelled)["status"]) == "CANCELLED"
    [promoted] = emails("promoted")
    assert promoted.recipient == first_waiting.email and promoted.sensitive
    assert promoted.subject == "A place is now yours: Interview workshop, Medway"
    assert "it is now yours" in promoted.body_text and str(ics_of(promoted)["status"]) == "CONFIRMED"
    # the promoted person's new link cancels their place in turn
    assert open_cancel_link(emailed_cancel_token(first_waiting, "outreach/promoted")) == first_waiting
    actions = [e.action for e in history_for(first_waiting).order_by("pk")]
    assert actions == ["register_for_event", "promote_from_waiting_list"]
    assert [e.action for e in history_for(holder).order_by("pk")] == ["register_for_event", "cancel_own_registration"]


def test_leaving_the_waiting_list_promotes_nobody():
    event = OutreachEventFactory(capacity=1)
    holder, waiting, behind = registrations(event, 3)

    cancel_from_link(emailed_cancel_token(waiting))

    waiting.refresh_from_db()
    assert waiting.status == R.CANCELLED
    assert EventRegistration.objects.get(pk=holder.pk).status == R.REGISTERED
    assert waiting_position(EventRegistration.objects.get(pk=behind.pk)) == 1
    assert emails("promoted") == []
    [cancelled] = emails("registration_cancelled")
    assert "You are no longer on its waiting list." in cancelled.body_text and cancelled.attachments == []


def test_a_cancel_link_works_once():
    registration = registered()
    token = emailed_cancel_token(registration)
    cancel_from_link(token)

    with pytest.raises(LinkUsed, match=USED):
        open_cancel_link(token)
    with pytest.raises(LinkUsed, match=USED):
        cancel_from_link(token)
    assert len(emails("registration_cancelled")) == 1


def test_a_cancel_link_stops_when_the_event_starts():
    registration = registered()
    token = emailed_cancel_token(registration)
    started(registration.event)
    EventRegistration.objects.filter(pk=registration.pk).update(link_expires_at=registration.event.starts_at)

    with pytest.raises(LinkExpired, match=EXPIRED[:30]):
        cancel_from_link(token)


def test_a_cancel_link_of_a_registration_the_team_cancelled_says_so(diversity_officer):
    registration = registered()
    token = emailed_cancel_token(registration)
    cancel_registration(registration, by=diversity_officer)

    with pytest.raises(LinkUsed, match=USED):
        open_cancel_link(token)
    [email] = emails("registration_cancelled")
    assert "As you asked us, we have cancelled" in email.body_text


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "../../etc"])
def test_a_mistyped_link_opens_nothing(token):
    registered()
    with pytest.raises(LinkNotFound):
        open_cancel_link(token)


# --- the attendance register ---------------------------------------------------------------------


def test_staff_take_and_correct_the_attendance_register(diversity_officer):
    event = OutreachEventFactory()
    came, absent = registrations(event, 2)
    waiting_is_not_on_it = OutreachEventFactory(capacity=1)
    started(event)

    assert record_attendance(event, {came.pk}, by=diversity_officer) == 2
    assert record_attendance(event, {came.pk}, by=diversity_officer) == 0  # saved again: nothing changes
    assert record_attendance(event, {came.pk, absent.pk}, by=diversity_officer) == 1

    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.status, absent.status) == (R.ATTENDED, R.ATTENDED)
    assert [e.action for e in history_for(absent).order_by("pk")][-2:] == ["record attendance", "correct attendance"]
    assert waiting_is_not_on_it.registrations.count() == 0


def test_the_register_opens_when_the_event_starts_and_takes_only_those_on_it(diversity_officer):
    event = OutreachEventFactory(capacity=1)
    holder, waiting = registrations(event, 2)

    with pytest.raises(DomainError, match=NOT_STARTED):
        record_attendance(event, {holder.pk}, by=diversity_officer)
    started(event)
    with pytest.raises(DomainError, match="no longer registered"):
        record_attendance(event, {waiting.pk}, by=diversity_officer)
    assert EventRegistration.objects.get(pk=holder.pk).status == R.REGISTERED
