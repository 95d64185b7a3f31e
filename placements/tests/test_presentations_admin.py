"""The back office for presentation sessions: the Diversity Placements Officer invites
the partners of a round with an admin action, and the admin never overwrites or
undercuts the seats partners have taken."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains

from notifications.models import Notification
from placements.admin.presentations import PresentationSessionForm
from placements.models import PresentationSession
from placements.services.presentations import reply_to_invitation
from tests.admin_registry import changelist_url
from tests.factories import UserFactory

from .factories import PartnerContactFactory, PartnerFactory
from .presentation_factories import (
    BEFORE_CUTOFF,
    PresentationInvitationFactory,
    PresentationSessionFactory,
    finished_placement,
    session_with_every_reply,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_placements(time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)


def test_the_invite_action_invites_the_rounds_partners_and_says_how_many(client, diversity_officer):
    hosted = finished_placement()
    PartnerContactFactory(organisation=hosted.partner, user=None, email="host@example.org")
    session = PresentationSessionFactory(cohort=hosted.officer.cohort)
    client.force_login(diversity_officer)

    response = client.post(
        reverse("admin:placements_presentationsession_changelist"),
        {"action": "invite_partners_of_round", "_selected_action": [session.pk]},
        follow=True,
    )

    assertContains(response, f"{session}: 1 organisation newly invited; their contacts have been emailed.")
    assert [i.partner for i in session.invitations.all()] == [hosted.partner]
    [mail] = Notification.objects.filter(template="placements/presentation_invitation")
    assert mail.recipient == "host@example.org"


def test_the_head_of_resourcing_cannot_invite(client, head_of_resourcing):
    session = PresentationSessionFactory(cohort=finished_placement().officer.cohort)
    client.force_login(head_of_resourcing)

    client.post(
        reverse("admin:placements_presentationsession_changelist"),
        {"action": "invite_partners_of_round", "_selected_action": [session.pk]},
    )

    assert not session.invitations.exists()


def form_data(session, **changes):
    return {
        "cohort": session.cohort_id,
        "placement_type": session.placement_type,
        "date": session.date,
        "starts_at": session.starts_at,
        "venue": session.venue,
        "room": session.room,
        "capacity": session.capacity,
        "rsvp_cutoff": "2027-04-07 17:00",
        **changes,
    }


@pytest.fixture
def two_seats_taken(partner_contact):
    invitation = PresentationInvitationFactory(session__capacity=10)
    reply_to_invitation(invitation, by=partner_contact, attending=True, attendees=2, attendee_names="Ann\nRaj")
    return PresentationSession.objects.get(pk=invitation.session_id)  # as the change page loads it


def test_capacity_cannot_go_below_the_seats_taken(two_seats_taken):
    form = PresentationSessionForm(instance=two_seats_taken, data=form_data(two_seats_taken, capacity=1))

    assert form.errors == {"capacity": ["Partners have already taken 2 seats; the capacity cannot be lower."]}


def test_saving_in_the_admin_keeps_seats_taken_since_the_page_opened(diversity_officer, partner_contact):
    session = PresentationSessionFactory(capacity=10)
    opened = PresentationSession.objects.get(pk=session.pk)  # what the change page loaded
    invitation = PresentationInvitationFactory(session=session)
    reply_to_invitation(invitation, by=partner_contact, attending=True, attendees=2, attendee_names="Ann\nRaj")

    form = PresentationSessionForm(instance=opened, data=form_data(opened, capacity=15))
    assert form.is_valid(), form.errors
    request = RequestFactory().post("/")
    request.user = diversity_officer
    site._registry[PresentationSession].save_model(request, form.save(commit=False), form, change=True)

    session.refresh_from_db()
    assert (session.capacity, session.seats_taken) == (15, 2)


def test_invitations_are_neither_deleted_nor_added_on_the_session_page(client, two_seats_taken):
    """Issue 8 §2: an invitation comes from the invite action (which emails the contacts)
    and its reply holds seats; deleting it here would leave seats_taken wrong."""
    session = two_seats_taken
    invitation = session.invitations.get()
    client.force_login(UserFactory(is_superuser=True, mfa=True))
    url = reverse("admin:placements_presentationsession_change", args=[session.pk])
    [inline] = client.get(url).context["inline_admin_formsets"]
    assert not inline.has_add_permission and not inline.has_delete_permission
    client.post(
        url,
        {
            **form_data(session, rsvp_cutoff_0="2027-04-07", rsvp_cutoff_1="17:00"),
            "invitations-TOTAL_FORMS": "2",
            "invitations-INITIAL_FORMS": "1",
            "invitations-0-id": invitation.pk,
            "invitations-0-session": session.pk,
            "invitations-0-DELETE": "on",
            "invitations-1-session": session.pk,
            "invitations-1-partner": PartnerFactory().pk,
        },
    )
    assert list(session.invitations.values_list("pk", flat=True)) == [invitation.pk]
    session.refresh_from_db()
    assert session.seats_taken == 2


# --- the date, time and room: the service's (issue 9) ----------------------------------------


def test_the_date_time_venue_and_room_are_typed_when_adding_a_session_and_read_only_after(
    client, diversity_officer, two_seats_taken
):
    session = two_seats_taken
    client.force_login(diversity_officer)
    add_form = client.get(reverse("admin:placements_presentationsession_add")).context["adminform"].form
    assert {"date", "starts_at", "venue", "room"} <= set(add_form.fields)
    change_url = reverse("admin:placements_presentationsession_change", args=[session.pk])
    change_form = client.get(change_url).context["adminform"].form
    assert not {"date", "starts_at", "venue", "room"} & set(change_form.fields)

    typed = form_data(
        session, room="Main hall", date="2027-04-21", capacity=12, rsvp_cutoff_0="2027-04-07", rsvp_cutoff_1="17:00"
    )
    assert client.post(change_url, {**typed, **inline_management()}).status_code == 302  # saved

    session.refresh_from_db()
    assert (session.capacity, session.room, str(session.date)) == (12, "Lecture theatre 2", "2027-04-14")
    assert not Notification.objects.filter(template="placements/presentation_changed").exists()


def inline_management():
    return {"invitations-TOTAL_FORMS": "0", "invitations-INITIAL_FORMS": "0"}


def move_by_action(client, sessions, answers):
    chosen = {"action": "change_date_time_or_room", ACTION_CHECKBOX_NAME: [s.pk for s in sessions]}
    question = client.post(changelist_url(PresentationSession), chosen)
    assertContains(question, "Change them and email the partners")
    return client.post(changelist_url(PresentationSession), {**chosen, "apply": "1", **answers}, follow=True)


def test_the_change_action_moves_the_sessions_and_emails_those_who_replied(client, diversity_officer, partner_contact):
    replied, _ = session_with_every_reply(partner_contact)
    quiet = PresentationSessionFactory()
    client.force_login(diversity_officer)

    response = move_by_action(client, [replied, quiet], {"room": "Main hall", "reason": "Refurbishment"})

    assertContains(response, "2 presentation sessions changed; the contacts of each organisation that replied")
    for session in (replied, quiet):
        session.refresh_from_db()
        assert (session.room, session.date, session.starts_at.hour) == ("Main hall", replied.date, 10)
    sent = Notification.objects.filter(template="placements/presentation_changed")
    assert sorted(sent.values_list("recipient", flat=True)) == [
        "coming.too@example.org",
        "coming@example.org",
        "declined@example.org",
        "waiting@example.org",
    ]


def test_the_change_action_reports_a_refusal_by_session(client, diversity_officer):
    session = PresentationSessionFactory()
    client.force_login(diversity_officer)

    response = move_by_action(client, [session], {"date": "2027-04-06", "reason": "Earlier"})

    assertContains(response, f"{session}: Replies close on 7 April 2027, 17:00")
    session.refresh_from_db()
    assert str(session.date) == "2027-04-14"
