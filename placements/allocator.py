"""Proposes community placements for one cohort and one placement type (DOMAIN.md §3, seed 000).

The Diversity Placements Officer runs this for a cohort's 2-day or 4-day round; staff then review the
proposal, adjust it by hand and confirm it. This module is pure: standard library only, no Django, no
database. The caller turns rows into ``OfficerNeed``/``OfferSlot`` values and the result back into rows.

What a proposal must respect, always: an offer never gets more officers than its free places; an officer
never goes to an organisation they are excluded from (the one of their other placement: seed 000 wants
them to meet "every community", so never the same organisation twice); each officer gets at most one
placement; the placement's days lie inside both the cohort's window and the offer's dates, and are consecutive
working days (seed 000 rule kept by issue 9: no weekend, no England and Wales bank holiday).

What it aims for, in this order:

1. place as many officers as possible;
2. variety: as many officers as possible meet a community they have not met before, then as many new
   communities in total as possible;
3. spread: every partner filled to about the same share of its places, rather than everyone piled on the
   biggest offer;
4. the same input always gives the same proposal (officers and offers are sorted by id first, so even the
   order of the input does not matter).

How, and why this way. Objective 1 alone is a bipartite matching problem, and greedy choices can strand an
officer whose only possible partner was taken by someone who had other options (``first_fit`` shows this).
Objectives 2 and 3 are costs on top of that matching, so the whole thing is a min-cost maximum flow:
officers → offers (cost: variety) → partners → sink (cost: spread). Three cost weights, each larger than
anything the ones below it can add up to, turn the priority order into one number to minimise, so the
result is exactly optimal for 1, then 2, then 3 — not a heuristic that is usually good.

The flow is built one officer at a time, as in the Hungarian method: each new officer takes the cheapest
route to a free place, which may move officers already placed along the way (an augmenting path); node
potentials keep every cost non-negative so Dijkstra finds that route, and the search stops as soon as it
reaches the sink. When no route to a free place exists (more officers than usable places), the new officer
may still take the place of one already placed if that makes the proposal more varied or better spread
(a cheaper cycle), so who is left out is also chosen well. Each step leaves an optimal flow for the
officers seen so far, so the last step leaves an optimal one for all.

Why not the simpler "scarcest officer first" greedy with repair and swap passes: it still needs
augmenting paths for objective 1, and its variety and spread are only usually good, with no way to say how
far from the best a given proposal is. The flow is exact and fast enough: on ``bench/allocator.py`` (400
officers, 150 offers) it takes about 0.3 s against a 2-second budget, on a 2-CPU machine. The potentials
are what make it fast (without them the same searches take about four times as long).

Limitation: spread only decides between choices equally good for variety. Partners serving two or three
communities are new to more officers, so they fill completely before one-community partners (which the
benchmark fills to between half and all of their places). If staff would rather trade "more new
communities per officer" for an even spread, lower the weight per new community in ``_Weights`` below the
spread costs.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class OfficerNeed:
    officer_id: int
    # The partner of their other placement: an officer never goes to the same organisation twice.
    excluded_partner_ids: frozenset[int] = frozenset()
    # Communities served at their other placement: the 4-day round prefers new ones.
    communities_met: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OfferSlot:
    offer_id: int
    partner_id: int
    communities: frozenset[str]
    places: int  # places still free on this offer (>= 0)
    available_from: date
    available_until: date  # inclusive


@dataclass(frozen=True)
class Window:
    """The cohort's window for this placement type, inclusive."""

    start: date
    end: date
    # England and Wales bank holidays in the window. The caller looks them up in the maintained holiday
    # library (placements/working_days.py), so this module stays pure and fast.
    bank_holidays: frozenset[date] = frozenset()


@dataclass(frozen=True)
class ProposedPlacement:
    officer_id: int
    offer_id: int
    partner_id: int
    start: date
    end: date  # inclusive: start + length_days - 1


@dataclass(frozen=True)
class Allocation:
    placements: tuple[ProposedPlacement, ...]  # sorted by officer id
    unallocated: tuple[int, ...]  # officer ids that could not be placed, sorted
    warnings: tuple[str, ...]  # plain English, for the staff review page


# --- Rules shared by the allocators -------------------------------------------------------------------------


def is_working_day(day: date, bank_holidays: frozenset[date]) -> bool:
    """Issue 9 (seed 000 rules): placement days are working days, Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays


def placement_dates(offer: OfferSlot, window: Window, length_days: int) -> tuple[date, date] | None:
    """The first and last day of the earliest run of ``length_days`` consecutive working days inside both the
    window and the offer's dates, or None when there is no such run (the offer is unusable for this round).

    Consecutive, because a placement is stored as a first and a last day: a 4-day placement is Monday to
    Thursday or Tuesday to Friday (a bank holiday in the week leaves only the run that avoids it)."""
    first, last = max(window.start, offer.available_from), min(window.end, offer.available_until)
    run_start = day = first
    while day <= last:
        if not is_working_day(day, window.bank_holidays):
            run_start = day + timedelta(days=1)
        elif (day - run_start).days + 1 == length_days:
            return run_start, day
        day += timedelta(days=1)
    return None


def new_communities(officer: OfficerNeed, offer: OfferSlot) -> frozenset[str]:
    """Communities the officer would meet at this offer that they did not meet at their other placement."""
    return offer.communities - officer.communities_met


def may_host(officer: OfficerNeed, offer: OfferSlot) -> bool:
    return offer.partner_id not in officer.excluded_partner_ids


def variety_share(allocation: Allocation, officers: Iterable[OfficerNeed], offers: Iterable[OfferSlot]) -> float:
    """Share (0..1) of the placed officers who meet at least one community new to them; 0.0 if none is placed."""
    officer_by_id = {officer.officer_id: officer for officer in officers}
    offer_by_id = {offer.offer_id: offer for offer in offers}
    if not allocation.placements:
        return 0.0
    meeting_new = sum(
        1
        for placement in allocation.placements
        if new_communities(officer_by_id[placement.officer_id], offer_by_id[placement.offer_id])
    )
    return meeting_new / len(allocation.placements)


def _check_input(officers: Sequence[OfficerNeed], offers: Sequence[OfferSlot], length_days: int) -> None:
    if length_days < 1:
        raise ValueError(f"A placement lasts at least one day, not {length_days}.")
    if len({officer.officer_id for officer in officers}) != len(officers):
        raise ValueError("Each officer may appear only once.")
    if len({offer.offer_id for offer in offers}) != len(offers):
        raise ValueError("Each offer may appear only once.")
    for offer in offers:
        if offer.places < 0:
            raise ValueError(f"Offer {offer.offer_id} has a negative number of places ({offer.places}).")


def _usable_offers(
    offers: Sequence[OfferSlot], window: Window, length_days: int
) -> tuple[dict[int, tuple[date, date]], list[str]]:
    """Dates per usable offer id (an offer with places whose dates fit), and a warning per offer that has
    places but whose dates do not fit, so staff can ask the partner for other dates."""
    dates: dict[int, tuple[date, date]] = {}
    warnings = []
    for offer in offers:
        if offer.places == 0:
            continue
        fitting = placement_dates(offer, window, length_days)
        if fitting is None:
            warnings.append(
                f"Offer {offer.offer_id} (partner {offer.partner_id}) is not used: its dates "
                f"({offer.available_from} to {offer.available_until}) leave no {length_days} consecutive working "
                f"days inside the window ({window.start} to {window.end})"
            )
        else:
            dates[offer.offer_id] = fitting
    return dates, warnings


def _officers(count: int) -> str:
    return "1 officer" if count == 1 else f"{count} officers"


def _unplaced_warning(unplaced: int, needed: int, free: int) -> list[str]:
    """Why officers were left out. Both allocators only leave an officer out when every usable offer with a
    free place is with an organisation they are excluded from, so beyond a plain shortage that is the reason."""
    if not unplaced:
        return []
    shortfall = max(0, needed - free)
    not_enough = f"not enough places (needed {needed}, free {free})"
    if shortfall >= unplaced:
        reason = not_enough
    elif shortfall == 0:
        reason = "the free places are all with organisations they have already been placed with"
    else:
        reason = f"{not_enough}, and the other free places are with organisations they have already been placed with"
    return [f"{_officers(unplaced)} could not be placed: {reason}"]


def _result(placements: list[ProposedPlacement], officers: Sequence[OfficerNeed], warnings: list[str]) -> Allocation:
    placed = {placement.officer_id for placement in placements}
    return Allocation(
        placements=tuple(sorted(placements, key=lambda placement: placement.officer_id)),
        unallocated=tuple(sorted(officer.officer_id for officer in officers if officer.officer_id not in placed)),
        warnings=tuple(warnings),
    )


# --- The naive baseline ---------------------------------------------------------------------------------------


def first_fit(
    officers: Sequence[OfficerNeed], offers: Sequence[OfferSlot], window: Window, length_days: int
) -> Allocation:
    """Each officer, in input order, takes the first offer (in input order) with a free place that they may go
    to and whose dates fit. Kept as the baseline the benchmark and tests compare ``allocate`` with."""
    officers, offers = list(officers), list(offers)
    _check_input(officers, offers, length_days)
    dates, warnings = _usable_offers(offers, window, length_days)
    free = {offer.offer_id: offer.places for offer in offers if offer.offer_id in dates}
    placements = []
    for officer in officers:
        for offer in offers:
            if free.get(offer.offer_id, 0) > 0 and may_host(officer, offer):
                free[offer.offer_id] -= 1
                start, end = dates[offer.offer_id]
                placements.append(ProposedPlacement(officer.officer_id, offer.offer_id, offer.partner_id, start, end))
                break
    usable_places = sum(offer.places for offer in offers if offer.offer_id in dates)
    warnings += _unplaced_warning(len(officers) - len(placements), len(officers), usable_places)
    return _result(placements, officers, warnings)


# --- The allocator ---------------------------------------------------------------------------------------------

# Spread cost of the k-th officer at a partner with C usable places: SPREAD_SCALE * (2k - 1) / C. These add up
# to SPREAD_SCALE * placed² / C, whose minimum for a given number placed has every partner at the same fill
# share; growing with k, they also keep the cost convex, which the flow needs.
_SPREAD_SCALE = 1000


@dataclass(frozen=True)
class _Weights:
    """Cost weights that make the priority order strict: each weight is larger than the most that every cost
    below it in the order can differ by, summed over the whole proposal."""

    most_new: int  # the most new communities any officer can meet at one offer
    per_missed_community: int
    nothing_new: int

    @classmethod
    def for_round(cls, officer_count: int, offers: Sequence[OfferSlot], total_places: int) -> _Weights:
        most_new = max((len(offer.communities) for offer in offers), default=0)
        per_missed_community = _SPREAD_SCALE * total_places + 1  # beats any difference in spread
        nothing_new = officer_count * most_new * per_missed_community + per_missed_community
        return cls(most_new, per_missed_community, nothing_new)

    def variety_cost(self, officer: OfficerNeed, offer: OfferSlot) -> int:
        new = len(new_communities(officer, offer))
        return (0 if new else self.nothing_new) + self.per_missed_community * (self.most_new - new)


def _spread_cost(kth: int, partner_places: int) -> int:
    return _SPREAD_SCALE * (2 * kth - 1) // partner_places


class _PlacementFlow:
    """The residual network officers → offers → partners → sink, with the flow kept as who is placed where.

    Nodes are numbered: the sink 0, then partners, offers, officers. Each officer node keeps its arcs to the
    offers it may take with their variety cost; the arcs back (offer → its officers, partner → its offers in
    use) and the capacity arcs (offer → partner, partner → sink) are read off the placement state.
    """

    SINK = 0

    def __init__(self, officers: Sequence[OfficerNeed], offers: Sequence[OfferSlot], weights: _Weights) -> None:
        partner_ids = sorted({offer.partner_id for offer in offers})
        partner_node = {partner_id: 1 + index for index, partner_id in enumerate(partner_ids)}
        self.first_offer = 1 + len(partner_ids)
        self.first_officer = self.first_offer + len(offers)
        node_count = self.first_officer + len(officers)

        self.potential = [0] * node_count  # keeps every residual arc's reduced cost >= 0
        self.places = [0] * node_count  # per offer node
        self.placed_count = [0] * node_count  # per offer node and per partner node
        self.partner_of = [0] * node_count  # per offer node
        self.partner_offers: list[list[int]] = [[] for _ in range(node_count)]  # per partner node
        self.officers_at: list[dict[int, None]] = [{} for _ in range(node_count)]  # per offer; dict keeps order
        self.placed_at = [-1] * node_count  # per officer node: the offer node, or -1
        self.placed_cost = [0] * node_count  # per officer node: variety cost of that arc

        for index, offer in enumerate(offers):
            node, partner = self.first_offer + index, partner_node[offer.partner_id]
            self.places[node] += offer.places
            self.places[partner] += offer.places
            self.partner_of[node] = partner
            self.partner_offers[partner].append(node)

        self.arcs: list[list[tuple[int, int]]] = [[] for _ in range(node_count)]
        for officer_index, officer in enumerate(officers):
            self.arcs[self.first_officer + officer_index] = [
                (self.first_offer + offer_index, weights.variety_cost(officer, offer))
                for offer_index, offer in enumerate(offers)
                if may_host(officer, offer)
            ]

    def add_officer(self, officer_index: int) -> None:
        """Place the officer by the cheapest augmenting path; failing that, let them take the place of an
        officer already placed if the swap lowers the total cost; failing that, leave them out."""
        source = self.first_officer + officer_index
        if not self.arcs[source]:
            return
        # Make the new officer's own arcs non-negative in reduced cost, as Dijkstra needs.
        self.potential[source] = max(self.potential[offer] - cost for offer, cost in self.arcs[source])
        distance, parent = self._cheapest_routes(source)
        if self.SINK in distance:
            target = self.SINK
        else:
            target = self._best_officer_to_replace(source, distance)
            if target is None:
                return
        self._reroute(self._path(parent, source, target))
        self._update_potentials(distance, distance[target])

    def offer_of(self, officer_index: int) -> int | None:
        node = self.placed_at[self.first_officer + officer_index]
        return None if node < 0 else node - self.first_offer

    def _cheapest_routes(self, source: int) -> tuple[dict[int, int], dict[int, int]]:
        """Dijkstra on reduced costs from ``source``, stopping at the sink. Ties pop the lowest node first,
        so the sink (node 0) wins a tie and the result is deterministic."""
        potential, first_offer, first_officer = self.potential, self.first_offer, self.first_officer
        distance, parent = {source: 0}, {}
        heap = [(0, source)]

        def reach(node: int, new_distance: int, via: int) -> None:
            if new_distance < distance.get(node, new_distance + 1):
                distance[node], parent[node] = new_distance, via
                heapq.heappush(heap, (new_distance, node))

        while heap:
            dist, node = heapq.heappop(heap)
            if dist != distance[node]:
                continue  # a stale heap entry
            if node == self.SINK:
                break
            base = dist + potential[node]
            if node >= first_officer:
                # The hot loop (most of the run time): relaxation written out rather than calling reach().
                current = self.placed_at[node]
                for offer, cost in self.arcs[node]:
                    new_distance = base + cost - potential[offer]
                    if new_distance < distance.get(offer, new_distance + 1) and offer != current:
                        distance[offer], parent[offer] = new_distance, node
                        heapq.heappush(heap, (new_distance, offer))
            elif node >= first_offer:
                if self.placed_count[node] < self.places[node]:
                    partner = self.partner_of[node]
                    reach(partner, base - potential[partner], node)
                for officer in self.officers_at[node]:  # moving a placed officer off this offer
                    reach(officer, base - self.placed_cost[officer] - potential[officer], node)
            else:  # a partner
                count = self.placed_count[node]
                if count < self.places[node]:
                    reach(self.SINK, base + _spread_cost(count + 1, self.places[node]) - potential[self.SINK], node)
                for offer in self.partner_offers[node]:  # another of the partner's offers gives up an officer
                    if self.placed_count[offer]:
                        reach(offer, base - potential[offer], node)
        return distance, parent

    def _best_officer_to_replace(self, source: int, distance: dict[int, int]) -> int | None:
        """The placed officer whose place the new one should take (by a chain of moves), if that lowers the
        total cost; None if no swap helps. Real cost of the chain = reduced distance corrected by potentials."""
        best = None
        for node, dist in distance.items():
            if node >= self.first_officer and self.placed_at[node] >= 0:
                saving = dist - self.potential[source] + self.potential[node]
                if saving < 0 and (best is None or (saving, node) < best):
                    best = (saving, node)
        return None if best is None else best[1]

    @staticmethod
    def _path(parent: dict[int, int], source: int, target: int) -> list[int]:
        path = [target]
        while path[-1] != source:
            path.append(parent[path[-1]])
        path.reverse()
        return path

    def _reroute(self, path: list[int]) -> None:
        """Push one unit along the path. Only officer ↔ offer arcs change who is where; the offer ↔ partner
        and partner → sink arcs follow from those counts."""
        for tail, head in itertools.pairwise(path):
            if tail >= self.first_officer:
                self._place(tail, head)
            elif head >= self.first_officer:
                self._unplace(head)

    def _place(self, officer: int, offer: int) -> None:
        self.placed_at[officer] = offer
        self.placed_cost[officer] = next(cost for node, cost in self.arcs[officer] if node == offer)
        self.officers_at[offer][officer] = None
        self.placed_count[offer] += 1
        self.placed_count[self.partner_of[offer]] += 1

    def _unplace(self, officer: int) -> None:
        offer = self.placed_at[officer]
        self.placed_at[officer] = -1
        del self.officers_at[offer][officer]
        self.placed_count[offer] -= 1
        self.placed_count[self.partner_of[offer]] -= 1

    def _update_potentials(self, distance: dict[int, int], limit: int) -> None:
        """Standard potential update for a search stopped at distance ``limit``: nodes settled closer than
        that move by their distance, all others by ``limit`` (left out here: a shift common to every node
        changes no reduced cost)."""
        for node, dist in distance.items():
            if dist < limit:
                self.potential[node] += dist - limit


def allocate(
    officers: Sequence[OfficerNeed], offers: Sequence[OfferSlot], window: Window, length_days: int
) -> Allocation:
    """Propose placements: as many officers as possible, then the most variety, then an even spread over
    partners. Deterministic, and independent of the order of ``officers`` and ``offers``."""
    officers = sorted(officers, key=lambda officer: officer.officer_id)
    offers = sorted(offers, key=lambda offer: offer.offer_id)
    _check_input(officers, offers, length_days)
    dates, warnings = _usable_offers(offers, window, length_days)
    usable = [offer for offer in offers if offer.offer_id in dates]
    usable_places = sum(offer.places for offer in usable)

    flow = _PlacementFlow(officers, usable, _Weights.for_round(len(officers), usable, usable_places))
    for index in range(len(officers)):
        flow.add_officer(index)

    placements = []
    for index, officer in enumerate(officers):
        offer_index = flow.offer_of(index)
        if offer_index is not None:
            offer = usable[offer_index]
            start, end = dates[offer.offer_id]
            placements.append(ProposedPlacement(officer.officer_id, offer.offer_id, offer.partner_id, start, end))

    warnings += _unplaced_warning(len(officers) - len(placements), len(officers), usable_places)
    warnings += _no_new_community_warnings(placements, officers, usable)
    return _result(placements, officers, warnings)


def _no_new_community_warnings(
    placements: Sequence[ProposedPlacement], officers: Sequence[OfficerNeed], offers: Sequence[OfferSlot]
) -> list[str]:
    """Names the placed officers who meet nothing new, in one line so a round where nobody can meet anything
    new does not bury the page. The allocation maximises variety, so for each of them every usable offer
    serving a community new to them is either taken by another officer or with an excluded partner."""
    officer_by_id = {officer.officer_id: officer for officer in officers}
    offer_by_id = {offer.offer_id: offer for offer in offers}
    nothing_new = [
        placement.officer_id
        for placement in placements
        if not new_communities(officer_by_id[placement.officer_id], offer_by_id[placement.offer_id])
    ]
    if not nothing_new:
        return []
    if len(nothing_new) == 1:
        who = f"Officer {nothing_new[0]} meets"
    else:
        who = f"{len(nothing_new)} officers ({', '.join(map(str, nothing_new))}) meet"
    return [
        f"{who} no new community: every offer serving a community new to them is taken by other officers "
        "or with an organisation they have already been placed with"
    ]
