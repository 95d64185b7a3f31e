"""The back office's pages for presentation sessions (issue 9): the sessions' list, a
session's replies with its waiting list, and the form that moves a session. Names of the
people coming are for the Diversity Placements Officer alone."""

import re
from datetime import date, time

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from notifications.models import Notification
from placements.models import PresentationSession
from placements.services.presentations import reply_to_invitation

from .form_markup import error_under_field
from .presentation_factories import (
    BEFORE_CUTOFF,
    PresentationInvitationFactory,
    PresentationSessionFactory,
    london,
    session_with_every_reply,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _before_cutoff(time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)


@pytest.fixture
def session(partner_contact):
    return session_with_every_reply(partner_contact)[0]


def page_url(session):
    return reverse("staff_presentation_session", args=[session.pk])


def change_url(session):
    return reverse("staff_presentation_change", args=[session.pk])


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- the list -------------------------------------------------------------------------------


def test_the_list_shows_each_session_with_its_seats_and_waiting_list_and_links_it(client, diversity_officer, session):
    past = PresentationSessionFactory(date=date(2027, 3, 1))
    client.force_login(diversity_officer)

    response = client.get(reverse("staff_presentations"))

    assertContains(response, f'href="{page_url(session)}"')
    assertContains(response, f'href="{page_url(past)}"')
    # seats taken, how many are waiting, how many have not replied
    assert "Wednesday 14 April 2027 at 10:00 : replies" in text(response)
    assert "Maidstone, Lecture theatre 2 3 of 3 1 1 Past sessions" in text(response)


def test_the_staff_home_and_the_bar_lead_to_the_sessions(client, diversity_officer):
    client.force_login(diversity_officer)
    home = client.get(reverse("staff_dashboard"))
    assert home.content.decode().count(f'href="{reverse("staff_presentations")}"') == 2  # bar and home


def test_the_list_query_count_is_the_same_for_1_and_50_sessions(client, diversity_officer, assert_query_count_constant):
    client.force_login(diversity_officer)

    def make_rows(n):
        for _ in range(n):
            PresentationInvitationFactory(rsvp_status="", session=PresentationSessionFactory())

    assert_query_count_constant(client, reverse("staff_presentations"), make_rows, queries=6)


# --- a session's replies ------------------------------------------------------------------


def test_the_officer_sees_who_is_coming_by_name_the_waiting_list_in_order_and_who_declined(
    client, diversity_officer, session, partner_contact, time_machine
):
    time_machine.move_to(london(2027, 4, 2, 11, 30), tick=False)
    later = PresentationInvitationFactory(session=session, partner__name="The Later Trust")
    reply_to_invitation(later, by=partner_contact, attending=True, attendees=1, attendee_names="Kim Lo")
    client.force_login(diversity_officer)

    page = text(client.get(page_url(session)))

    attending = page.split("the seats they hold")[1].split("Waiting list")[0]
    assert "The Coming Trust 2 Ann Lee Raj Patel None given 1 Apr 2027, 09:00" in attending
    waiting = page.split("in the order they replied")[1].split("Not attending")[0]
    assert "1 The Waiting Trust 2 Wes Tan Zoe Hill 1 Apr 2027, 09:00" in waiting
    assert "2 The Later Trust 1 Kim Lo 2 Apr 2027, 11:30" in waiting
    assert waiting.index("The Waiting Trust") < waiting.index("The Later Trust")
    declined = page.split("told us nobody can come")[1].split("Not replied yet")[0]
    assert "The Declined Trust 1 Apr 2027, 09:00" in declined
    assert "The Silent Trust" in page.split("Not replied yet")[1]
    assert "Change date, time or room" in page


def test_the_head_of_resourcing_reads_the_numbers_without_names_or_a_way_to_move_it(
    client, head_of_resourcing, session
):
    client.force_login(head_of_resourcing)

    response = client.get(page_url(session))

    assertContains(response, "The Coming Trust")
    assertContains(response, "The Waiting Trust")
    for personal in ("Ann Lee", "Raj Patel", "Wes Tan", "None given", "Access needs"):
        assertNotContains(response, personal)
    assertNotContains(response, change_url(session))


def test_a_session_that_has_started_offers_no_change(client, diversity_officer, session, time_machine):
    time_machine.move_to(london(2027, 4, 14, 10, 0), tick=False)
    client.force_login(diversity_officer)
    assertNotContains(client.get(page_url(session)), change_url(session))


def test_the_session_page_query_count_is_the_same_for_1_and_50_invitations(
    client, diversity_officer, assert_query_count_constant, partner_contact
):
    session = PresentationSessionFactory(capacity=30)
    client.force_login(diversity_officer)
    kinds = iter([1, 0, 2] * 20)  # attending, declined, waiting once the seats are gone

    def make_rows(n):
        for _ in range(n):
            invitation = PresentationInvitationFactory(session=session)
            people = next(kinds)
            names = "\n".join(f"Person {i}" for i in range(people))
            reply_to_invitation(
                invitation, by=partner_contact, attending=bool(people), attendees=people, attendee_names=names
            )

    assert_query_count_constant(client, page_url(session), make_rows, queries=7)
    assert session.invitations.filter(rsvp_status="waiting").exists()


# --- moving a session ------------------------------------------------------------------------

MOVE = {
    "date": "2027-04-16",
    "starts_at": "14:00",
    "venue": "Kent Police College, Maidstone",
    "room": "Main hall",
    "reason": "The lecture theatre is being refurbished.",
}


def test_the_form_shows_the_session_as_it_is(client, diversity_officer, session):
    client.force_login(diversity_officer)
    response = client.get(change_url(session))
    assertContains(response, 'value="2027-04-14"')
    assertContains(response, 'value="10:00"')
    assertContains(response, 'value="Lecture theatre 2"')


def test_moving_the_session_saves_it_emails_those_who_replied_and_returns_to_its_page(
    client, diversity_officer, session
):
    client.force_login(diversity_officer)

    response = client.post(change_url(session), MOVE, follow=True)

    assert response.redirect_chain[-1][0] == page_url(session)
    done = "The session has changed. We have emailed the contacts of every organisation that replied."
    assertContains(response, done)
    assertContains(response, "Friday 16 April 2027 at 14:00")
    assertContains(response, "time: 10:00 → 14:00; room: Lecture theatre 2 → Main hall. Reason: The lecture")
    session.refresh_from_db()
    assert (session.date, session.starts_at, session.room) == (date(2027, 4, 16), time(14), "Main hall")
    recipients = Notification.objects.filter(template="placements/presentation_changed").values_list("recipient")
    assert len(recipients) == 4


@pytest.mark.parametrize(
    ("changes", "field", "label", "message"),
    [
        ({"date": "2027-03-31"}, "date", "Date", "The new date must be today or later."),
        ({"date": "2027-02-31"}, "date", "Date", "Enter a real date, like 14/04/2027."),
        ({"starts_at": "25:99"}, "starts_at", "Start time", "Enter a time, like 14:00."),
        ({"date": "2027-04-01", "starts_at": "08:00"}, "starts_at", "Start time", "That time has already passed"),
        ({"date": "2027-04-06"}, "date", "Date", "Replies close on 7 April 2027, 17:00"),
        ({"room": ""}, "room", "Room", "Enter the room."),
        ({"room": "x" * 101}, "room", "Room", "Ensure this value has at most 100 characters"),
        ({"reason": ""}, "reason", "Why does it change?", "Say why the session changes."),
        ({"date": "9999-12-31"}, "date", "Date", "The new date can be at most two years ahead"),
    ],
)
def test_a_problem_is_shown_next_to_its_field_and_what_was_typed_is_kept(
    client, diversity_officer, session, changes, field, label, message
):
    client.force_login(diversity_officer)
    typed = {**MOVE, **changes}

    response = client.post(change_url(session), typed)

    assert response.status_code == 200
    assertContains(response, "There is a problem")
    [shown] = re.findall(rf'<a href="#id_{field}">{re.escape(label)}: ([^<]*)</a>', response.content.decode())
    assert shown.startswith(message.replace("'", "&#x27;"))
    assertContains(response, error_under_field(field, shown), html=True)
    assertContains(response, f"{typed['reason']}</textarea>")  # what was typed is kept
    for name in ("date", "starts_at", "venue", "room"):
        if typed[name]:
            assertContains(response, f'value="{typed[name]}"')
    assert PresentationSession.objects.get(pk=session.pk).room == "Lecture theatre 2"
    assert not Notification.objects.filter(template="placements/presentation_changed").exists()


def test_nothing_changed_is_said_at_the_top_of_the_form(client, diversity_officer, session):
    client.force_login(diversity_officer)
    unchanged = {**MOVE, "date": "2027-04-14", "starts_at": "10:00", "room": "Lecture theatre 2"}

    response = client.post(change_url(session), unchanged)

    assertContains(response, "Nothing has changed: give a new date, time, venue or room.")
    assert not Notification.objects.filter(template="placements/presentation_changed").exists()


def test_the_head_of_resourcing_cannot_move_a_session(client, head_of_resourcing, session):
    client.force_login(head_of_resourcing)
    assert client.post(change_url(session), MOVE).status_code == 403
    session.refresh_from_db()
    assert session.room == "Lecture theatre 2"


def test_a_session_that_does_not_exist_is_not_found(client, diversity_officer):
    client.force_login(diversity_officer)
    assert client.get(reverse("staff_presentation_session", args=[999999])).status_code == 404
    assert client.post(reverse("staff_presentation_change", args=[999999]), MOVE).status_code == 404
