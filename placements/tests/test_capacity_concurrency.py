"""Capacity under concurrency: the database, not a count in Python, keeps an offer from
being overfilled (STYLE.md). Runs with real simultaneous connections on PostgreSQL."""

from functools import partial

import pytest

from kentplacements.workflow import DomainError
from placements.enums import PlacementStatus
from placements.models import CommunityPlacement
from placements.services.allocation import confirm_allocation
from placements.services.placements import confirm_placement
from tests.concurrency import at_once, needs_postgresql

from .factories import CohortFactory, CommunityPlacementFactory, HostingOfferFactory, StudentOfficerFactory

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


def test_cohorts_confirmed_at_once_with_single_confirmations_fill_a_shared_offer_exactly(diversity_officer):
    # Issue 9: a cohort is confirmed in one go (confirm_allocation). Four cohorts of five proposals and ten
    # proposals confirmed one by one, all at the same moment, on one offer of ten places: each takes its
    # locks in the same order (placements, then the offer), so nobody deadlocks and nobody overfills it.
    offer = HostingOfferFactory(places=10)
    cohorts = [CohortFactory() for _ in range(4)]
    for cohort in cohorts:
        for _ in range(5):
            CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort, user=None), offer=offer)
    singles = [CommunityPlacementFactory(offer=offer) for _ in range(10)]
    jobs = [partial(confirm_allocation, cohort, "two_day", by=diversity_officer) for cohort in cohorts] + [
        partial(confirm_placement, placement, by=diversity_officer) for placement in singles
    ]

    outcomes = at_once(lambda job: job(), jobs, refusal=DomainError)

    assert None not in outcomes  # every call answered: a result or a refusal, no deadlock or other error
    confirmed = sum(o.confirmed for o in outcomes[:4]) + sum(isinstance(o, CommunityPlacement) for o in outcomes[4:])
    assert confirmed == 10
    offer.refresh_from_db()
    assert offer.places_taken == 10
    assert CommunityPlacement.objects.filter(offer=offer, status=PlacementStatus.CONFIRMED).count() == 10
