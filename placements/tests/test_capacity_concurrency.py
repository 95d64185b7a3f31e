"""Capacity under concurrency: the database, not a count in Python, keeps an offer from
being overfilled (STYLE.md). Runs with real simultaneous connections on PostgreSQL."""

import pytest

from kentplacements.workflow import DomainError
from placements.enums import PlacementStatus
from placements.models import CommunityPlacement
from placements.services.placements import confirm_placement
from tests.concurrency import at_once, needs_postgresql

from .factories import CommunityPlacementFactory, HostingOfferFactory

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_fifty_simultaneous_confirmations_fill_ten_places_exactly(diversity_officer):
    offer = HostingOfferFactory(places=10)
    proposals = [CommunityPlacementFactory(offer=offer) for _ in range(50)]

    outcomes = at_once(lambda p: confirm_placement(p, by=diversity_officer), proposals, refusal=DomainError)

    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(refused) == 40 and all("no places left" in str(o) for o in refused)
    offer.refresh_from_db()
    assert offer.places_taken == 10
    assert CommunityPlacement.objects.filter(offer=offer, status=PlacementStatus.CONFIRMED).count() == 10
