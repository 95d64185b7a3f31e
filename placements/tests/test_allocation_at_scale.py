"""Allocation at cohort scale (issue 9): running the allocator and confirming write the whole cohort at
once, in a number of queries that does not grow with the officers, and keep every rule and record of the
one-placement services: the seed's rules, capacity, history, the action log and the partners' emails."""

import re
from datetime import date
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.enums import PlacementStatus, PlacementType
from placements.models import CommunityPlacement
from placements.services.allocation import confirm_allocation, run_allocation
from placements.services.placements import propose_placements

from .factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
)

pytestmark = pytest.mark.django_db
TWO_DAY = PlacementType.TWO_DAY


def cohort_of(officers: int):
    cohort = CohortFactory()
    for n in range(officers):
        StudentOfficerFactory(cohort=cohort, user=None, full_name=f"Officer {n} of {cohort.name}")
    return cohort


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries.captured_queries)


@pytest.fixture
def offers():
    """Three partners with someone to confirm, 20 places each: room for every cohort below."""
    return [
        HostingOfferFactory(places=20, partner=PartnerFactory(communities=[code], contact=True))
        for code in ("dementia", "older_people", "other")
    ]


def test_running_and_confirming_cost_the_same_queries_for_5_and_40_officers(offers, diversity_officer):
    warm = cohort_of(1)  # content types and the like, as in a running site
    run_allocation(warm, TWO_DAY, by=diversity_officer)
    confirm_allocation(warm, TWO_DAY, by=diversity_officer)

    counts = {}
    for officers in (5, 40):
        cohort = cohort_of(officers)
        run = partial(run_allocation, cohort, TWO_DAY, by=diversity_officer)
        confirm = partial(confirm_allocation, cohort, TWO_DAY, by=diversity_officer)
        counts[officers] = (queries_of(run), queries_of(run), queries_of(confirm))  # run again: replacing
        assert CommunityPlacement.objects.filter(officer__cohort=cohort, status=PlacementStatus.CONFIRMED).count() == (
            officers
        )
    # Each pinned, so a query added anywhere is seen (it was about 7 and 16 per officer: issue 9).
    assert counts == {5: (15, 17, 13), 40: (15, 17, 13)}


def test_confirming_a_cohort_keeps_every_record_of_the_one_placement_service(
    offers, diversity_officer, django_capture_on_commit_callbacks, mailoutbox
):
    cohort = cohort_of(4)
    for offer in offers:
        PartnerContactFactory(organisation=offer.partner, is_primary=False)
    run_allocation(cohort, TWO_DAY, by=diversity_officer)
    with django_capture_on_commit_callbacks(execute=True):
        result = confirm_allocation(cohort, TWO_DAY, by=diversity_officer)

    placements = list(CommunityPlacement.objects.filter(officer__cohort=cohort).select_related("officer", "partner"))
    assert result.confirmed == 4 and not result.refused
    for placement in placements:
        assert placement.status == PlacementStatus.CONFIRMED and placement.confirmed_at
        # the history: created by the run, changed by the confirmation, both by the officer who did it
        assert [(h.history_type, h.status, h.history_user) for h in placement.history.order_by("history_id")] == [
            ("+", PlacementStatus.PROPOSED, diversity_officer),
            ("~", PlacementStatus.CONFIRMED, diversity_officer),
        ]
        logged = ActionLog.objects.filter(object_id=str(placement.pk), content_type__model="communityplacement")
        assert sorted(logged.values_list("action", "from_state", "to_state", "actor")) == [
            ("confirm", "proposed", "confirmed", diversity_officer.pk),
            ("propose", "", "proposed", diversity_officer.pk),
        ]
        # the offer's counter: one place logged per placement, as take() logs it
        assert ActionLog.objects.filter(
            content_type__model="hostingoffer",
            object_id=str(placement.offer_id),
            action="take places_taken",
            reason=f"1 for {placement}",
        ).exists()
    for offer in offers:
        offer.refresh_from_db()
        assert offer.places_taken == sum(p.offer_id == offer.pk for p in placements)
    # Each of the partner's two contacts is asked to accept each officer, on the page where they answer, once
    # the confirmation has committed; the officers are not told until a partner accepts (issue 9).
    asked = sorted((m.to[0], m.subject) for m in mailoutbox)
    assert asked == sorted(
        (contact.email, f"Please accept a student officer placement: {p.officer.full_name}, {p.starts_on:%-d %B}")
        for p in placements
        for contact in p.partner.contacts.all()
    )
    assert Notification.objects.count() == len(asked) == 8
    for placement in placements:
        [mail, _] = [m for m in mailoutbox if f"/partners/portal/placements/{placement.pk}/" in m.body]
        assert placement.officer.full_name in mail.body
    # Nothing is left to confirm, and nothing more is sent.
    with pytest.raises(DomainError, match="no proposals to confirm"):
        confirm_allocation(cohort, TWO_DAY, by=diversity_officer)


def test_an_offers_last_places_go_to_its_earliest_proposals(diversity_officer):
    offer = HostingOfferFactory(places=2)
    cohort = CohortFactory()
    proposals = [CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort), offer=offer) for _ in range(3)]

    result = confirm_allocation(cohort, TWO_DAY, by=diversity_officer)

    assert result.confirmed == 2
    assert result.refused == (f"{proposals[2].officer} at {offer.partner}: This offer has no places left.",)
    statuses = [p.status for p in CommunityPlacement.objects.filter(offer=offer).order_by("pk")]
    assert statuses == [PlacementStatus.CONFIRMED, PlacementStatus.CONFIRMED, PlacementStatus.PROPOSED]
    offer.refresh_from_db()
    assert offer.places_taken == 2


def test_a_new_run_records_the_proposals_it_replaces_in_their_history(offers, diversity_officer):
    cohort = cohort_of(3)
    run_allocation(cohort, TWO_DAY, by=diversity_officer)
    first = list(CommunityPlacement.objects.filter(officer__cohort=cohort))

    run_allocation(cohort, TWO_DAY, by=diversity_officer)

    assert not CommunityPlacement.objects.filter(pk__in=[p.pk for p in first]).exists()
    deleted = CommunityPlacement.history.filter(id__in=[p.pk for p in first], history_type="-")
    assert sorted(deleted.values_list("id", "history_user", "officer_id", "offer_id")) == sorted(
        (p.pk, diversity_officer.pk, p.officer_id, p.offer_id) for p in first
    )
    assert CommunityPlacement.objects.filter(officer__cohort=cohort).count() == 3


@pytest.mark.parametrize(
    ("case", "refusal"),
    [
        ("outside the window", "must fall between 1 March and 26 March 2027"),
        ("a bank holiday", "would include Friday 26 March 2027 (Good Friday)"),
        ("twice in the batch", "already has a 2-day placement"),
        ("back to the other placement's organisation", "choose another organisation"),
    ],
)
def test_a_batch_of_proposals_is_held_to_the_rules_of_one(diversity_officer, case, refusal):
    cohort = CohortFactory()  # the 2-day window: 1 to 26 March 2027
    officer, other = StudentOfficerFactory.create_batch(2, cohort=cohort, user=None)
    offer = HostingOfferFactory(available_until=date(2027, 4, 30))
    wanted = [(other, offer, date(2027, 3, 1))]
    if case == "outside the window":
        wanted.append((officer, offer, date(2027, 3, 29)))
    elif case == "a bank holiday":
        wanted.append((officer, offer, date(2027, 3, 25)))
    elif case == "twice in the batch":
        wanted += [(officer, offer, date(2027, 3, 1)), (officer, HostingOfferFactory(), date(2027, 3, 8))]
    else:
        four_day = HostingOfferFactory(
            partner=offer.partner,
            placement_type=PlacementType.FOUR_DAY,
            available_from=date(2027, 9, 6),
            available_until=date(2027, 10, 29),
        )
        CommunityPlacementFactory(officer=officer, offer=four_day)
        wanted.append((officer, offer, date(2027, 3, 1)))

    with pytest.raises(DomainError, match=re.escape(refusal)):
        propose_placements(wanted, by=diversity_officer)

    # a refusal refuses the whole batch: nothing written, nothing logged
    assert not CommunityPlacement.objects.filter(placement_type=TWO_DAY).exists()
    assert not ActionLog.objects.filter(action="propose").exists()
