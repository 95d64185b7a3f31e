"""The session's seats under simultaneous replies: the database, not a count in Python,
keeps the presentations from being overbooked (STYLE.md). PostgreSQL only."""

import pytest
from django.db.models import Sum

from kentplacements.workflow import DomainError
from placements.services.presentations import reply_to_invitation
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory

from .presentation_factories import BEFORE_CUTOFF, PresentationInvitationFactory, PresentationSessionFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_twenty_organisations_asking_for_two_seats_at_once_fill_fifteen_seats_with_fourteen(time_machine):
    time_machine.move_to(BEFORE_CUTOFF)
    session = PresentationSessionFactory(capacity=15)
    invitations = [PresentationInvitationFactory(session=session) for _ in range(20)]
    representative = UserFactory()

    def two_people(invitation):
        return reply_to_invitation(
            invitation, by=representative, attending=True, attendees=2, attendee_names="Ann Lee\nRaj Patel"
        )

    outcomes = at_once(two_people, invitations, refusal=DomainError)

    refused = [str(outcome) for outcome in outcomes if isinstance(outcome, DomainError)]
    assert refused == ["Sorry, the session is nearly full: your organisation can bring at most 1."] * 13
    session.refresh_from_db()
    assert session.seats_taken == 14
    assert session.invitations.aggregate(seats=Sum("attendees"))["seats"] == 14
