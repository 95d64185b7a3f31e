"""The placement allocator (placements/allocator.py): hard rules and objectives as properties over random
small rounds, checked against independent references, then examples a Diversity Placements Officer would
recognise. Pure functions: no database."""

import re
from collections import Counter
from datetime import date, timedelta
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from placements.allocator import (
    Allocation,
    OfferSlot,
    OfficerNeed,
    ProposedPlacement,
    Window,
    _spread_cost,  # the allocator's own costs, for the flow reference below
    _Weights,
    allocate,
    first_fit,
    variety_share,
)

COMMUNITIES = ("mental_ill_health", "physical_disability", "learning_disability", "older_people", "dementia", "other")
MONDAY = date(2025, 3, 3)

PROPERTY = settings(max_examples=200, deadline=None)


class Round(NamedTuple):
    officers: list[OfficerNeed]
    offers: list[OfferSlot]
    window: Window
    length_days: int

    def run(self, allocator) -> Allocation:
        return allocator(self.officers, self.offers, self.window, self.length_days)


@st.composite
def rounds(draw, max_officers=10, max_offers=6, max_places=3):
    """Small rounds with few partners (so exclusions and shared partners are common) and dates that often,
    but not always, leave enough days inside the window."""
    partner_ids = st.integers(1, 4)
    served = st.frozensets(st.sampled_from(COMMUNITIES), max_size=3)
    offer_ids = draw(st.lists(st.integers(1, 99), max_size=max_offers, unique=True))
    offers = []
    for offer_id in offer_ids:
        available_from = MONDAY + timedelta(days=draw(st.integers(0, 10)))
        available_until = available_from + timedelta(days=draw(st.integers(-1, 8)))
        places = draw(st.integers(0, max_places))
        offers.append(OfferSlot(offer_id, draw(partner_ids), draw(served), places, available_from, available_until))
    officer_ids = draw(st.lists(st.integers(1, 99), max_size=max_officers, unique=True))
    officers = [
        OfficerNeed(officer_id, draw(st.frozensets(partner_ids, max_size=2)), draw(served))
        for officer_id in officer_ids
    ]
    start = MONDAY + timedelta(days=draw(st.integers(0, 6)))
    end = start + timedelta(days=draw(st.integers(0, 8)))
    # Offers and windows cross weekends; a bank holiday or two falls on any day, weekends included.
    bank_holidays = draw(st.frozensets(st.sampled_from([start + timedelta(days=n) for n in range(9)]), max_size=2))
    window = Window(start, end, bank_holidays)
    return Round(officers, offers, window, draw(st.integers(1, 4)))


# --- Independent references -------------------------------------------------------------------------------------


def earliest_working_run(offer: OfferSlot, window: Window, length_days: int) -> tuple[date, date] | None:
    """Every first day tried in turn: the earliest whose ``length_days`` days are all weekdays that are not
    bank holidays, inside both the window and the offer's dates."""
    first_day, last_day = max(window.start, offer.available_from), min(window.end, offer.available_until)
    for offset in range((last_day - first_day).days + 1):
        days = [first_day + timedelta(days=offset + n) for n in range(length_days)]
        if days[-1] <= last_day and all(d.isoweekday() <= 5 and d not in window.bank_holidays for d in days):
            return days[0], days[-1]
    return None


def fits(offer: OfferSlot, window: Window, length_days: int) -> bool:
    return earliest_working_run(offer, window, length_days) is not None


def usable_offers(round_: Round) -> list[OfferSlot]:
    return [offer for offer in round_.offers if offer.places and fits(offer, round_.window, round_.length_days)]


def maximum_placements(round_: Round) -> int:
    """Kuhn's augmenting-path matching, one node per free place."""
    places = [offer for offer in usable_offers(round_) for _ in range(offer.places)]
    holder: list[OfficerNeed | None] = [None] * len(places)

    def place(officer: OfficerNeed, tried: set[int]) -> bool:
        for index, offer in enumerate(places):
            if index in tried or offer.partner_id in officer.excluded_partner_ids:
                continue
            tried.add(index)
            if holder[index] is None or place(holder[index], tried):
                holder[index] = officer
                return True
        return False

    return sum(place(officer, set()) for officer in round_.officers)


def outcome(officers_and_offers: list[tuple[OfficerNeed, OfferSlot]]) -> tuple[int, int, int]:
    """(officers placed, officers meeting a new community, new communities met in all): the allocator's
    objectives 1 and 2, compared in this order."""
    new = [len(offer.communities - officer.communities_met) for officer, offer in officers_and_offers]
    return len(new), sum(1 for count in new if count), sum(new)


def best_outcome(round_: Round) -> tuple[int, int, int]:
    """Every valid allocation tried by brute force (tiny rounds only)."""
    offers = usable_offers(round_)
    free = {offer.offer_id: offer.places for offer in offers}
    chosen: list[tuple[OfficerNeed, OfferSlot]] = []
    best = (0, 0, 0)

    def choose(position: int) -> None:
        nonlocal best
        if position == len(round_.officers):
            best = max(best, outcome(chosen))
            return
        choose(position + 1)  # this officer left out
        officer = round_.officers[position]
        for offer in offers:
            if free[offer.offer_id] and offer.partner_id not in officer.excluded_partner_ids:
                free[offer.offer_id] -= 1
                chosen.append((officer, offer))
                choose(position + 1)
                chosen.pop()
                free[offer.offer_id] += 1

    choose(0)
    return best


def cheapest_flow_cost(round_: Round) -> tuple[int, int]:
    """(officers placed, total cost) of a min-cost maximum flow over the allocator's own costs, found the plain
    way: Bellman-Ford on the whole graph, source → officer → offer → partner → one arc per place → sink."""
    offers = usable_offers(round_)
    weights = _Weights.for_round(len(round_.officers), offers, sum(offer.places for offer in offers))
    partner_places = Counter()
    for offer in offers:
        partner_places[offer.partner_id] += offer.places
    arcs: list[list] = []  # [tail, head, capacity left, cost]; arc i ^ 1 is its reverse

    def arc(tail, head, capacity, cost):
        arcs.extend([[tail, head, capacity, cost], [head, tail, 0, -cost]])

    for officer in round_.officers:
        arc("source", officer, 1, 0)
        for offer in offers:
            if offer.partner_id not in officer.excluded_partner_ids:
                arc(officer, offer, 1, weights.variety_cost(officer, offer))
    for offer in offers:
        arc(offer, ("partner", offer.partner_id), offer.places, 0)
    for partner_id, places in partner_places.items():
        for kth in range(1, places + 1):
            arc(("partner", partner_id), "sink", 1, _spread_cost(kth, places))

    placed = total = 0
    while True:
        distance, via = {"source": 0}, {}
        for _ in range(len(arcs)):  # Bellman-Ford: relax until nothing changes
            changed = False
            for index, (tail, head, capacity, cost) in enumerate(arcs):
                if (
                    capacity
                    and tail in distance
                    and distance[tail] + cost < distance.get(head, distance[tail] + cost + 1)
                ):
                    distance[head], via[head], changed = distance[tail] + cost, index, True
            if not changed:
                break
        if "sink" not in distance:
            return placed, total
        node = "sink"
        while node != "source":
            arcs[via[node]][2] -= 1
            arcs[via[node] ^ 1][2] += 1
            node = arcs[via[node]][0]
        placed, total = placed + 1, total + distance["sink"]


def allocation_cost(allocation: Allocation, round_: Round) -> int:
    offers = usable_offers(round_)
    weights = _Weights.for_round(len(round_.officers), offers, sum(offer.places for offer in offers))
    officer_by_id = {officer.officer_id: officer for officer in round_.officers}
    offer_by_id = {offer.offer_id: offer for offer in offers}
    partner_places = Counter()
    for offer in offers:
        partner_places[offer.partner_id] += offer.places
    variety = sum(
        weights.variety_cost(officer_by_id[p.officer_id], offer_by_id[p.offer_id]) for p in allocation.placements
    )
    placed = Counter(placement.partner_id for placement in allocation.placements)
    spread = sum(_spread_cost(kth, partner_places[p]) for p, count in placed.items() for kth in range(1, count + 1))
    return variety + spread


def achieved_outcome(allocation: Allocation, round_: Round) -> tuple[int, int, int]:
    officer_by_id = {officer.officer_id: officer for officer in round_.officers}
    offer_by_id = {offer.offer_id: offer for offer in round_.offers}
    return outcome([(officer_by_id[p.officer_id], offer_by_id[p.offer_id]) for p in allocation.placements])


# --- Hard rules, for the allocator and the baseline alike ----------------------------------------------------------

both_allocators = pytest.mark.parametrize("allocator", [allocate, first_fit], ids=["allocate", "first_fit"])


@both_allocators
@PROPERTY
@given(round_=rounds())
def test_an_offer_never_gets_more_officers_than_its_places(allocator, round_):
    places = {offer.offer_id: offer.places for offer in round_.offers}
    taken = Counter(placement.offer_id for placement in round_.run(allocator).placements)
    assert all(count <= places[offer_id] for offer_id, count in taken.items())


@both_allocators
@PROPERTY
@given(round_=rounds())
def test_an_officer_never_goes_to_an_excluded_partner(allocator, round_):
    excluded = {officer.officer_id: officer.excluded_partner_ids for officer in round_.officers}
    offer_partner = {offer.offer_id: offer.partner_id for offer in round_.offers}
    for placement in round_.run(allocator).placements:
        assert placement.partner_id == offer_partner[placement.offer_id]
        assert placement.partner_id not in excluded[placement.officer_id]


@both_allocators
@PROPERTY
@given(round_=rounds())
def test_placement_days_are_the_earliest_run_of_working_days_inside_window_and_offer(allocator, round_):
    offer_by_id = {offer.offer_id: offer for offer in round_.offers}
    for placement in round_.run(allocator).placements:
        offer = offer_by_id[placement.offer_id]
        assert (placement.start, placement.end) == earliest_working_run(offer, round_.window, round_.length_days)
        days = [placement.start + timedelta(days=n) for n in range(round_.length_days)]
        assert all(day.weekday() < 5 and day not in round_.window.bank_holidays for day in days)


@both_allocators
@PROPERTY
@given(round_=rounds())
def test_every_officer_is_either_placed_once_or_listed_unallocated(allocator, round_):
    allocation = round_.run(allocator)
    placed = [placement.officer_id for placement in allocation.placements]
    assert len(placed) == len(set(placed))
    assert sorted(placed + list(allocation.unallocated)) == sorted(officer.officer_id for officer in round_.officers)


# --- Objectives --------------------------------------------------------------------------------------------------


@PROPERTY
@given(round_=rounds())
def test_places_as_many_officers_as_a_maximum_matching(round_):
    assert len(round_.run(allocate).placements) == maximum_placements(round_)


@PROPERTY
@given(round_=rounds(max_officers=5, max_offers=4, max_places=2))
def test_variety_is_the_best_possible_among_allocations_placing_the_most(round_):
    assert achieved_outcome(round_.run(allocate), round_) == best_outcome(round_)


@PROPERTY
@given(round_=rounds(max_officers=8, max_offers=5))
def test_the_allocation_is_a_cheapest_flow_counting_spread_too(round_):
    # Checks the fast flow (potentials, early stop, swaps, moves within a partner) against the plain one.
    allocation = round_.run(allocate)
    assert (len(allocation.placements), allocation_cost(allocation, round_)) == cheapest_flow_cost(round_)


@PROPERTY
@given(round_=rounds())
def test_same_input_gives_the_same_allocation(round_):
    assert round_.run(allocate) == round_.run(allocate)


@PROPERTY
@given(round_=rounds(), data=st.data())
def test_order_of_officers_and_offers_does_not_change_the_allocation(round_, data):
    shuffled = Round(
        data.draw(st.permutations(round_.officers)), data.draw(st.permutations(round_.offers)), *round_[2:]
    )
    assert shuffled.run(allocate) == round_.run(allocate)


# --- Examples ------------------------------------------------------------------------------------------------------

WINDOW = Window(MONDAY, MONDAY + timedelta(days=13))


def offer(offer_id, partner_id, communities, places, *, available_from=MONDAY, available_until=WINDOW.end):
    return OfferSlot(offer_id, partner_id, frozenset(communities), places, available_from, available_until)


def officers(*officer_ids, met=(), excluded=()):
    return [OfficerNeed(officer_id, frozenset(excluded), frozenset(met)) for officer_id in officer_ids]


def per_partner(allocation: Allocation) -> dict[int, int]:
    return dict(Counter(placement.partner_id for placement in allocation.placements))


def test_an_officer_who_met_dementia_goes_to_a_partner_serving_another_community():
    officer = officers(1, met=["dementia"])
    offers = [offer(10, 1, ["dementia"], 5), offer(20, 2, ["older_people"], 5)]

    allocation = allocate(officer, offers, WINDOW, 4)

    assert allocation.placements == (ProposedPlacement(1, 20, 2, MONDAY, MONDAY + timedelta(days=3)),)
    assert variety_share(allocation, officer, offers) == 1.0
    assert variety_share(first_fit(officer, offers, WINDOW, 4), officer, offers) == 0.0


def test_an_offer_serving_more_new_communities_is_preferred():
    offers = [offer(10, 1, ["dementia"], 5), offer(20, 2, ["dementia", "older_people", "other"], 5)]

    allocation = allocate(officers(1, met=["dementia"]), offers, WINDOW, 2)

    assert [placement.offer_id for placement in allocation.placements] == [20]


def test_officers_are_spread_evenly_over_two_partners_of_the_same_size():
    offers = [offer(10, 1, ["dementia"], 10), offer(20, 2, ["older_people"], 10)]
    cohort = officers(*range(1, 11), met=["other"])

    assert per_partner(allocate(cohort, offers, WINDOW, 2)) == {1: 5, 2: 5}
    assert per_partner(first_fit(cohort, offers, WINDOW, 2)) == {1: 10}


def test_partners_fill_to_the_same_share_of_their_places():
    offers = [offer(10, 1, ["dementia"], 4), offer(20, 2, ["dementia"], 8)]

    assert per_partner(allocate(officers(*range(1, 7)), offers, WINDOW, 2)) == {1: 2, 2: 4}


def test_an_officer_already_proposed_moves_partner_to_keep_the_spread_even():
    # Officer 1 is proposed first, at partner 1. Officer 2 met dementia and was with partner 2, so only offer
    # 20 (partner 1) is new to them; partner 1 would then hold both while partner 2 stays empty, unless
    # officer 1 moves to partner 2, which is just as new to them.
    offers = [offer(10, 1, ["dementia"], 1), offer(20, 1, ["older_people"], 3), offer(30, 2, ["dementia"], 3)]
    cohort = [OfficerNeed(1), OfficerNeed(2, frozenset({2}), frozenset({"dementia"}))]

    allocation = allocate(cohort, offers, WINDOW, 2)

    assert [(p.officer_id, p.offer_id) for p in allocation.placements] == [(1, 30), (2, 20)]


def test_variety_comes_before_spread():
    # Partner 2 serves nothing new to these officers: it is used only once partner 1 is full.
    offers = [offer(10, 1, ["older_people"], 3), offer(20, 2, ["dementia"], 10)]

    assert per_partner(allocate(officers(*range(1, 6), met=["dementia"]), offers, WINDOW, 2)) == {1: 3, 2: 2}


def test_allocate_places_everyone_where_first_fit_strands_an_officer():
    # Officer 1 could go to either partner; officer 2 only to partner 1, which first_fit gives to officer 1.
    cohort = [OfficerNeed(1), OfficerNeed(2, excluded_partner_ids=frozenset({2}))]
    offers = [offer(10, 1, ["dementia"], 1), offer(20, 2, ["dementia"], 1)]

    naive = first_fit(cohort, offers, WINDOW, 2)
    assert [(p.officer_id, p.offer_id) for p in naive.placements] == [(1, 10)]
    assert naive.unallocated == (2,)

    allocation = allocate(cohort, offers, WINDOW, 2)
    assert [(p.officer_id, p.offer_id) for p in allocation.placements] == [(1, 20), (2, 10)]
    assert allocation.unallocated == ()
    assert allocation.warnings == ()


def test_first_fit_takes_offers_in_input_order_whatever_the_variety():
    offers = [offer(30, 3, ["dementia"], 2), offer(10, 1, ["older_people"], 2)]

    naive = first_fit(officers(5, 4, 3, met=["dementia"]), offers, WINDOW, 2)

    assert [(p.officer_id, p.offer_id) for p in naive.placements] == [(3, 10), (4, 30), (5, 30)]


def test_when_places_run_short_the_officer_who_would_meet_something_new_is_placed():
    # One place, at a dementia charity: officer 1 met dementia before, officer 2 did not.
    cohort = [*officers(1, met=["dementia"]), *officers(2, met=["older_people"])]

    allocation = allocate(cohort, [offer(10, 1, ["dementia"], 1)], WINDOW, 2)

    assert [p.officer_id for p in allocation.placements] == [2]
    assert allocation.unallocated == (1,)


def test_an_offer_whose_dates_leave_too_few_days_is_never_used():
    short = offer(10, 1, ["dementia"], 5, available_from=WINDOW.end - timedelta(days=2))  # Friday to Sunday
    fitting = offer(20, 2, ["dementia"], 5, available_from=MONDAY + timedelta(days=1))

    allocation = allocate(officers(1, 2), [short, fitting], WINDOW, 4)

    assert {placement.offer_id for placement in allocation.placements} == {20}
    assert allocation.placements[0].start == MONDAY + timedelta(days=1)
    assert allocation.warnings == (
        "Offer 10 (partner 1) is not used: its dates (2025-03-14 to 2025-03-16) leave no 4 consecutive working "
        "days inside the window (2025-03-03 to 2025-03-16)",
    )


def test_a_placement_never_runs_over_a_weekend():
    from_wednesday = offer(10, 1, ["dementia"], 1, available_from=MONDAY + timedelta(days=2))

    (placement,) = allocate(officers(1), [from_wednesday], WINDOW, 4).placements

    # Wednesday to Saturday would cross the weekend: the first run of four working days is Monday to Thursday.
    assert (placement.start, placement.end) == (date(2025, 3, 10), date(2025, 3, 13))


def test_a_placement_never_falls_on_a_bank_holiday():
    easter = Window(date(2027, 3, 22), date(2027, 4, 9), frozenset({date(2027, 3, 26), date(2027, 3, 29)}))
    from_wednesday = offer(10, 1, ["dementia"], 2, available_from=date(2027, 3, 24), available_until=easter.end)

    two_day = allocate(officers(1), [from_wednesday], easter, 2).placements[0]
    four_day = allocate(officers(1), [from_wednesday], easter, 4).placements[0]

    assert (two_day.start, two_day.end) == (date(2027, 3, 24), date(2027, 3, 25))  # before Good Friday
    assert (four_day.start, four_day.end) == (date(2027, 3, 30), date(2027, 4, 2))  # after Easter Monday


def test_shortage_of_places_is_explained():
    allocation = allocate(officers(*range(1, 6)), [offer(10, 1, ["dementia"], 3)], WINDOW, 2)

    assert len(allocation.placements) == 3
    assert len(allocation.unallocated) == 2
    assert allocation.warnings == ("2 officers could not be placed: not enough places (needed 5, free 3)",)


def test_officers_left_out_because_the_free_places_are_with_their_former_partner():
    cohort = [OfficerNeed(1), OfficerNeed(2, excluded_partner_ids=frozenset({1}))]

    allocation = allocate(cohort, [offer(10, 1, ["dementia"], 5)], WINDOW, 2)

    assert allocation.unallocated == (2,)
    assert allocation.warnings == (
        "1 officer could not be placed: the free places are all with organisations they have already been placed with",
    )


def test_officers_meeting_nothing_new_are_named_in_one_warning():
    offers = [offer(10, 1, ["dementia"], 3)]

    allocation = allocate(officers(7, 3, met=["dementia"]), offers, WINDOW, 2)

    assert allocation.warnings == (
        "2 officers (3, 7) meet no new community: every offer serving a community new to them is taken by other "
        "officers or with an organisation they have already been placed with",
    )
    assert variety_share(allocation, officers(7, 3, met=["dementia"]), offers) == 0.0


def test_variety_share_counts_any_community_as_new_for_an_officer_with_no_history():
    offers = [offer(10, 1, ["dementia"], 1), offer(20, 2, [], 1)]
    cohort = officers(1, 2)

    allocation = allocate(cohort, offers, WINDOW, 2)

    assert variety_share(allocation, cohort, offers) == 0.5
    assert variety_share(Allocation((), (1, 2), ()), cohort, offers) == 0.0


@pytest.mark.parametrize(
    ("cohort", "offers", "length_days", "message"),
    [
        (officers(1, 1), [], 2, "Each officer may appear only once."),
        ([], [offer(10, 1, [], 1), offer(10, 2, [], 1)], 2, "Each offer may appear only once."),
        ([], [offer(10, 1, [], -1)], 2, "Offer 10 has a negative number of places (-1)."),
        ([], [], 0, "A placement lasts at least one day, not 0."),
    ],
)
def test_impossible_input_is_refused(cohort, offers, length_days, message):
    for allocator in (allocate, first_fit):
        with pytest.raises(ValueError, match=re.escape(message)):
            allocator(cohort, offers, WINDOW, length_days)
