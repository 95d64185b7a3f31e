"""Capacity under concurrency: the database, not a count in Python, keeps an offer from
being overfilled (STYLE.md). Runs with real simultaneous connections on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from kentplacements.workflow import DomainError
from placements.enums import PlacementStatus
from placements.models import CommunityPlacement
from placements.services.placements import confirm_placement

from .factories import CommunityPlacementFactory, HostingOfferFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent connections to one database; CI runs the suite on PostgreSQL",
    ),
]


def test_fifty_simultaneous_confirmations_fill_ten_places_exactly(diversity_officer):
    offer = HostingOfferFactory(places=10)
    proposals = [CommunityPlacementFactory(offer=offer) for _ in range(50)]
    start = threading.Barrier(len(proposals))
    outcomes = []

    def confirm(placement):
        try:
            start.wait()
            confirm_placement(placement, by=diversity_officer)
            outcomes.append("confirmed")
        except DomainError:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(p,)) for p in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    offer.refresh_from_db()
    assert outcomes.count("confirmed") == 10 and outcomes.count("full") == 40
    assert offer.places_taken == 10
    assert CommunityPlacement.objects.filter(offer=offer, status=PlacementStatus.CONFIRMED).count() == 10
