"""The back office for presentation sessions: the Diversity Placements Officer invites
the partners of a round with an admin action, and the admin never overwrites or
undercuts the seats partners have taken."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains

from notifications.models import Notification
from placements.admin.presentations import PresentationSessionForm
from placements.models import PresentationSession
from placements.services.presentations import reply_to_invitation

from .factories import PartnerContactFactory
from .presentation_factories import (
    BEFORE_CUTOFF,
    PresentationInvitationFactory,
    PresentationSessionFactory,
    finished_placement,
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

    form = PresentationSessionForm(instance=opened, data=form_data(opened, room="Main hall"))
    assert form.is_valid(), form.errors
    request = RequestFactory().post("/")
    request.user = diversity_officer
    site._registry[PresentationSession].save_model(request, form.save(commit=False), form, change=True)

    session.refresh_from_db()
    assert (session.room, session.seats_taken) == ("Main hall", 2)
