"""Moving a presentation session (issue 9: "Changing a session's date, time or room goes
through a service that tells everyone who replied"): change_session's checks, the row
and the action log, the email each kind of reply gets (and nobody else), the partner's
calendar, and the reminder two days before the new time."""

from datetime import date, time

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.audit import history_for
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.models import PresentationSession
from placements.services.presentations import change_session, reply_to_invitation, send_presentation_reminders

from .factories import PartnerContactFactory
from .presentation_factories import BEFORE_CUTOFF, PresentationInvitationFactory, london, session_with_every_reply

pytestmark = pytest.mark.django_db
REASON = "The lecture theatre is being refurbished."


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    return time_machine


@pytest.fixture
def world(clock, partner_contact):
    return session_with_every_reply(partner_contact)


@pytest.fixture
def session(world):
    return world[0]


@pytest.fixture
def invitations(world):
    return world[1]


def changed_mails():
    return {n.recipient: n for n in Notification.objects.filter(template="placements/presentation_changed")}


def moves(session):
    return list(history_for(session).filter(action="change_session"))


def move(session, by, **changes):
    return change_session(session, by=by, reason=REASON, **changes)


# --- who is told, and what ---------------------------------------------------------------


def test_every_contact_of_each_organisation_that_replied_is_emailed_once(session, diversity_officer):
    told = move(session, diversity_officer, starts_at=time(14), room="Main hall")

    assert told == 4  # coming, the full house (no contacts), waiting, declined
    assert sorted(changed_mails()) == [
        "coming.too@example.org",
        "coming@example.org",
        "declined@example.org",
        "waiting@example.org",
    ]
    assert Notification.objects.filter(template="placements/presentation_changed").count() == 4
    assert "silent@example.org" not in {n.recipient for n in Notification.objects.all()}


def test_those_coming_keep_their_seats_and_are_asked_to_change_their_reply_if_it_does_not_suit(
    session, invitations, diversity_officer
):
    move(session, diversity_officer, starts_at=time(14), room="Main hall")

    mail = changed_mails()["coming@example.org"]
    assert mail.subject == (
        "Changed: the student officers' presentations are now on Wednesday 14 April 2027 at 14:00, Main hall"
    )
    body = mail.body_text
    assert "Time: 14:00 (was 10:00)\nRoom: Main hall (was Lecture theatre 2)\n" in body
    assert "Date:" not in body  # the date did not change
    assert f"Why: {REASON}" in body
    assert "When: Wednesday 14 April 2027 at 14:00\nWhere: Kent Police College, Maidstone, Main hall" in body
    assert "We have kept 2 seats for The Coming Trust:\n- Ann Lee\n- Raj Patel\n" in body
    assert "If the new time does not suit everyone, please change or cancel your reply" in body
    assert "You can change your reply on Kent Placements until Wednesday 7 April 2027, 17:00:" in body
    assert f"http://127.0.0.1:8000/partners/presentations/{invitations['coming'].pk}/rsvp/" in body
    assert not mail.sensitive  # the reply page asks the contact to log in: no key in the link


def test_those_waiting_keep_their_place_and_are_told_its_number(session, invitations, diversity_officer):
    move(session, diversity_officer, date=date(2027, 4, 16))

    body = changed_mails()["waiting@example.org"].body_text
    assert "Date: Friday 16 April 2027 (was Wednesday 14 April 2027)" in body
    assert "The Waiting Trust keeps its place on the waiting list, number 1, for 2 seats." in body
    assert "If the new time does not suit you, please change or cancel your reply." in body
    assert f"/partners/presentations/{invitations['waiting'].pk}/rsvp/" in body
    invitations["waiting"].refresh_from_db()
    assert invitations["waiting"].rsvp_status == "waiting"  # the move gives nobody a seat, nor takes one


def test_those_who_declined_are_told_in_case_the_new_time_suits_them(session, invitations, diversity_officer):
    move(session, diversity_officer, date=date(2027, 4, 16))

    body = changed_mails()["declined@example.org"].body_text
    assert "You told us that nobody from The Declined Trust could attend. If the new time suits you" in body
    assert "We have kept" not in body and "waiting list, number" not in body
    assert f"/partners/presentations/{invitations['declined'].pk}/rsvp/" in body


def test_the_second_on_the_waiting_list_is_told_it_is_number_2(session, partner_contact, diversity_officer):
    later = PresentationInvitationFactory(session=session)
    PartnerContactFactory(organisation=later.partner, user=None, email="later@example.org")
    reply_to_invitation(later, by=partner_contact, attending=True, attendees=1, attendee_names="Kim")

    move(session, diversity_officer, room="Main hall")

    assert "waiting list, number 2, for 1 seat." in changed_mails()["later@example.org"].body_text


def test_after_the_cutoff_the_email_says_to_contact_the_officer(session, diversity_officer, time_machine):
    time_machine.move_to(london(2027, 4, 8, 9, 0), tick=False)

    move(session, diversity_officer, room="Main hall")

    body = changed_mails()["coming@example.org"].body_text
    assert "Replies closed on Wednesday 7 April 2027, 17:00: to change your reply, contact the Diversity" in body


# --- the record ------------------------------------------------------------------------


def test_the_session_moves_and_the_action_log_says_what_changed_from_what_to_what(session, diversity_officer):
    move(session, diversity_officer, date=date(2027, 4, 16), starts_at=time(14), venue=" Canterbury Police Station ")

    session.refresh_from_db()
    assert (session.date, session.starts_at, session.venue, session.room) == (
        date(2027, 4, 16),
        time(14),
        "Canterbury Police Station",
        "Lecture theatre 2",
    )
    assert session.seats_taken == 3
    [entry] = moves(session)
    assert (entry.action, entry.actor) == ("change_session", diversity_officer)
    assert entry.reason == (
        "date: Wednesday 14 April 2027 → Friday 16 April 2027; time: 10:00 → 14:00; "
        f"venue: Kent Police College, Maidstone → Canterbury Police Station. Reason: {REASON}"
    )


def test_the_partners_calendar_shows_the_session_at_its_new_time_and_place(
    client, session, invitations, diversity_officer
):
    coming = invitations["coming"].partner.contacts.get(email="coming@example.org")
    PartnerContactFactory(organisation=invitations["waiting"].partner, email="feed@example.org")
    waiting = invitations["waiting"].partner.contacts.get(email="feed@example.org")
    coming.user = waiting.user  # a contact with an account: the feed answers active accounts only
    coming.save()

    move(session, diversity_officer, date=date(2027, 4, 16), starts_at=time(14), room="Main hall")

    def event(contact):
        feed = client.get(reverse("partner_calendar", args=[contact.calendar_token]))
        [event] = Calendar.from_ical(feed.content).walk("VEVENT")
        return event

    seated, waiting_event = event(coming), event(waiting)
    assert seated.decoded("dtstart") == london(2027, 4, 16, 14, 0)
    assert str(seated["location"]) == "Kent Police College, Maidstone, Main hall"
    assert str(seated["uid"]) == waiting_event["uid"] == f"presentation-{session.pk}@kentplacements.kent.police.uk"
    assert (str(seated["status"]), str(waiting_event["status"])) == ("CONFIRMED", "TENTATIVE")


def test_the_declined_and_the_silent_have_no_session_in_their_calendar(client, session, invitations):
    for kind in ("declined", "silent"):
        contact = PartnerContactFactory(organisation=invitations[kind].partner, email=f"{kind}.feed@example.org")
        feed = client.get(reverse("partner_calendar", args=[contact.calendar_token]))
        assert Calendar.from_ical(feed.content).walk("VEVENT") == []


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "Nothing has changed: give a new date, time, venue or room."),
        ({"date": date(2027, 4, 14), "starts_at": time(10), "room": "Lecture theatre 2"}, "Nothing has changed"),
        ({"date": date(2027, 3, 31)}, "The new date must be today or later."),
        ({"date": date(2029, 4, 2)}, "The new date can be at most two years ahead: 1 April 2029 or earlier."),
        ({"date": date(2027, 4, 1), "starts_at": time(8, 59)}, "That time has already passed: choose a later time."),
        ({"date": date(2027, 4, 6)}, "Replies close on 7 April 2027, 17:00: the session must start after that."),
        ({"room": "  "}, "Enter the room."),
        ({"venue": ""}, "Enter the venue."),
    ],
)
def test_a_change_that_breaks_a_rule_is_refused_and_changes_nothing(session, diversity_officer, changes, message):
    before = PresentationSession.objects.filter(pk=session.pk).values().get()
    emails = Notification.objects.count()

    with pytest.raises(DomainError, match=message):
        move(session, diversity_officer, **changes)

    assert PresentationSession.objects.filter(pk=session.pk).values().get() == before
    assert Notification.objects.count() == emails
    assert not moves(session)


def test_a_change_needs_a_reason_for_the_partners(session, diversity_officer):
    with pytest.raises(DomainError, match="Say why the session changes"):
        change_session(session, by=diversity_officer, reason="  ", room="Main hall")
    session.refresh_from_db()
    assert session.room == "Lecture theatre 2"


def test_a_session_that_has_started_cannot_be_moved(session, diversity_officer, time_machine):
    time_machine.move_to(london(2027, 4, 14, 10, 0), tick=False)
    with pytest.raises(DomainError, match="This session has already started"):
        move(session, diversity_officer, date=date(2027, 4, 21))


# --- the reminder two days before ---------------------------------------------------------


def reminders():
    return sorted(Notification.objects.filter(template="placements/presentation_reminder").values_list("recipient"))


def test_moved_later_after_its_reminder_a_session_is_reminded_again_before_the_new_time(session, diversity_officer):
    assert send_presentation_reminders(now=london(2027, 4, 12, 10, 0)) == 1
    assert len(reminders()) == 2  # the two contacts of the organisation coming

    move(session, diversity_officer, date=date(2027, 4, 21))

    session.refresh_from_db()
    assert session.reminder_sent_at is None
    assert send_presentation_reminders(now=london(2027, 4, 19, 9, 59)) == 0
    assert send_presentation_reminders(now=london(2027, 4, 19, 10, 0)) == 1
    assert len(reminders()) == 4
    last = Notification.objects.filter(template="placements/presentation_reminder").latest("pk")
    assert "When: Wednesday 21 April 2027 at 10:00" in last.body_text


def test_moved_to_within_two_days_the_change_email_is_the_reminder(session, diversity_officer, time_machine):
    now = london(2027, 4, 11, 10, 0)
    time_machine.move_to(now, tick=False)

    move(session, diversity_officer, date=date(2027, 4, 12), starts_at=time(14))

    session.refresh_from_db()
    assert session.reminder_sent_at == now
    assert send_presentation_reminders(now=london(2027, 4, 12, 9, 0)) == 0
    assert reminders() == []
    assert "coming@example.org" in changed_mails()
