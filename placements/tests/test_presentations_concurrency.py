"""The session's seats under simultaneous replies: the database, not a count in Python,
keeps the presentations from being overbooked (STYLE.md). PostgreSQL only."""

from datetime import time

import pytest
from django.db.models import Sum

from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.capacity import counter_drift
from placements.enums import RsvpStatus
from placements.models import PresentationInvitation
from placements.services.presentations import change_session, reply_to_invitation, waiting_position
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory

from .factories import PartnerContactFactory
from .presentation_factories import BEFORE_CUTOFF, PresentationInvitationFactory, PresentationSessionFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_twenty_organisations_asking_for_two_seats_at_once_seat_seven_and_queue_thirteen(time_machine):
    time_machine.move_to(BEFORE_CUTOFF)
    session = PresentationSessionFactory(capacity=15)
    invitations = [PresentationInvitationFactory(session=session) for _ in range(20)]
    representative = UserFactory()

    def two_people(invitation):
        return reply_to_invitation(
            invitation, by=representative, attending=True, attendees=2, attendee_names="Ann Lee\nRaj Patel"
        )

    outcomes = at_once(two_people, invitations, refusal=DomainError)

    # Issue 9: a full session is a waiting list, not a refusal.
    assert [outcome.rsvp_status for outcome in outcomes].count(RsvpStatus.WAITING) == 13
    session.refresh_from_db()
    assert session.seats_taken == 14
    attending = session.invitations.filter(rsvp_status=RsvpStatus.ATTENDING)
    assert attending.aggregate(seats=Sum("attendees"))["seats"] == 14
    assert sorted(waiting_position(i) for i in session.invitations.filter(rsvp_status=RsvpStatus.WAITING)) == list(
        range(1, 14)
    )


def test_cancellations_at_once_promote_the_waiting_list_without_overfilling(time_machine):
    time_machine.move_to(BEFORE_CUTOFF)
    session = PresentationSessionFactory(capacity=6)
    representative = UserFactory()
    seated = [PresentationInvitationFactory(session=session) for _ in range(3)]
    queued = [PresentationInvitationFactory(session=session) for _ in range(4)]
    for invitation in seated + queued:
        reply_to_invitation(invitation, by=representative, attending=True, attendees=2, attendee_names="Ann\nRaj")

    at_once(lambda i: reply_to_invitation(i, by=representative, attending=False), seated[:2], refusal=DomainError)

    session.refresh_from_db()
    assert session.seats_taken == 6
    # First come: the two that queued first have the four seats given back.
    statuses = [PresentationInvitation.objects.get(pk=invitation.pk).rsvp_status for invitation in queued]
    assert statuses == ["attending", "attending", "waiting", "waiting"]
    assert counter_drift() == []


def test_a_session_moved_while_partners_reply_tells_each_of_them_the_new_time(time_machine):
    """Issue 9: "tells everyone who replied". A reply and a move of the same session wait
    for each other (both lock the session first): an organisation whose reply comes after
    the move has the new time in its confirmation; one whose reply came first is emailed
    the change. Nobody is left with the old time."""
    time_machine.move_to(BEFORE_CUTOFF)
    session = PresentationSessionFactory(capacity=30)
    invitations = [PresentationInvitationFactory(session=session) for _ in range(12)]
    people = UserFactory()
    for invitation in invitations:
        PartnerContactFactory(organisation=invitation.partner, user=None, email=f"org{invitation.pk}@example.org")

    def act(invitation):
        if invitation is None:
            return change_session(session, by=people, reason="Exams", starts_at=time(15))
        return reply_to_invitation(invitation, by=people, attending=True, attendees=1, attendee_names="Ann Lee")

    at_once(act, [None, *invitations], refusal=DomainError)

    for invitation in invitations:
        mails = Notification.objects.filter(related_id=str(invitation.pk)).order_by("pk")
        told = [m.template for m in mails if "15:00" in m.body_text]
        assert told, f"invitation {invitation.pk} never heard of the new time: {[m.template for m in mails]}"
