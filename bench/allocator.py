"""Benchmark the placement allocator on a realistic 4-day round: 400 officers, 150 offers.

Run from the repo root: `.venv/bin/python bench/allocator.py [--seed N] [--runs N]`. No Django, no
database: the allocator is a pure module. Prints the time of `allocate` (best and median of the runs),
how many officers it placed, rule violations counted independently of the allocator (all must be 0),
and variety and spread next to the naive `first_fit` baseline. Exits non-zero if the median time is over
the budget or any rule is broken. See bench/README.md.
"""

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Needs the repo root on sys.path (above); the allocator is pure Python, so no Django set-up.
from placements.allocator import (
    Allocation,
    OfferSlot,
    OfficerNeed,
    Window,
    allocate,
    first_fit,
    placement_dates,
    variety_share,
)
from placements.working_days import bank_holidays

BUDGET_SECONDS = 2.0
COMMUNITIES = ("mental_ill_health", "physical_disability", "learning_disability", "older_people", "dementia", "other")
OFFICERS = 400
PARTNERS = 120
OFFERS = 150
LENGTH_DAYS = 4  # the 4-day placement, a few months after the officers become operational
# Late August, so the window holds the Summer bank holiday (25 August 2025) as well as weekends.
WINDOW = Window(date(2025, 8, 18), date(2025, 9, 12), bank_holidays(date(2025, 8, 18), date(2025, 9, 12)))
SHARE_NOT_FITTING = 0.08  # offers whose dates leave no 4 days inside the window


def make_round(rng: random.Random) -> tuple[list[OfficerNeed], list[OfferSlot]]:
    partner_communities = {
        partner_id: frozenset(rng.sample(COMMUNITIES, rng.randint(1, 3))) for partner_id in range(1, PARTNERS + 1)
    }
    # Every partner makes one offer, some make a second; places 1-6 (about 525 in all).
    hosts = list(partner_communities) + rng.sample(list(partner_communities), OFFERS - PARTNERS)
    offers = []
    for offer_id, partner_id in enumerate(hosts, start=1):
        available_from, available_until = offer_dates(rng, fits=rng.random() >= SHARE_NOT_FITTING)
        places = rng.randint(1, 6)
        offers.append(
            OfferSlot(offer_id, partner_id, partner_communities[partner_id], places, available_from, available_until)
        )
    officers = []
    for officer_id in range(1, OFFICERS + 1):
        # Their 2-day placement: never the same organisation again; prefer communities not met there.
        first_partner = rng.randint(1, PARTNERS)
        served = sorted(partner_communities[first_partner])
        met = frozenset(rng.sample(served, min(len(served), rng.randint(1, 2))))
        officers.append(OfficerNeed(officer_id, frozenset({first_partner}), met))
    return officers, offers


def offer_dates(rng: random.Random, *, fits: bool) -> tuple[date, date]:
    """Dates that leave at least LENGTH_DAYS inside WINDOW, or dates that do not."""
    latest_start = WINDOW.end - timedelta(days=LENGTH_DAYS - 1)
    if fits:
        available_from = WINDOW.start + timedelta(days=rng.randint(-14, (latest_start - WINDOW.start).days - 3))
        first_day = max(available_from, WINDOW.start)
        return available_from, first_day + timedelta(days=LENGTH_DAYS - 1 + rng.randint(0, 20))
    if rng.random() < 0.5:  # starts too late in the window
        available_from = latest_start + timedelta(days=rng.randint(1, 10))
        return available_from, available_from + timedelta(days=rng.randint(LENGTH_DAYS, 20))
    available_until = WINDOW.start + timedelta(days=rng.randint(-10, LENGTH_DAYS - 2))  # ends too early
    return available_until - timedelta(days=rng.randint(LENGTH_DAYS, 20)), available_until


def time_allocate(officers, offers, runs: int) -> tuple[Allocation, list[float]]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        allocation = allocate(officers, offers, WINDOW, LENGTH_DAYS)
        timings.append(time.perf_counter() - started)
    return allocation, timings


def rule_violations(allocation: Allocation, officers, offers) -> dict[str, int]:
    """Counted from the placements alone, without trusting the allocator's bookkeeping."""
    officer_by_id = {officer.officer_id: officer for officer in officers}
    offer_by_id = {offer.offer_id: offer for offer in offers}
    per_offer = Counter(placement.offer_id for placement in allocation.placements)
    per_officer = Counter(placement.officer_id for placement in allocation.placements)
    outside_dates = not_working_days = 0
    for placement in allocation.placements:
        days = [placement.start + timedelta(days=n) for n in range(LENGTH_DAYS)]
        not_working_days += any(day.isoweekday() > 5 or day in WINDOW.bank_holidays for day in days)
        offer = offer_by_id[placement.offer_id]
        latest = min(WINDOW.end, offer.available_until)
        earliest = max(WINDOW.start, offer.available_from)
        right_length = placement.end - placement.start == timedelta(days=LENGTH_DAYS - 1)
        if not (right_length and earliest <= placement.start and placement.end <= latest):
            outside_dates += 1
    return {
        "capacity": sum(max(0, count - offer_by_id[offer_id].places) for offer_id, count in per_offer.items()),
        "excluded partner": sum(
            placement.partner_id in officer_by_id[placement.officer_id].excluded_partner_ids
            for placement in allocation.placements
        ),
        "outside dates": outside_dates,
        "not working days": not_working_days,
        "officer twice": sum(count - 1 for count in per_officer.values()),
    }


def fill_spread(allocation: Allocation, offers) -> tuple[float, float]:
    """Max minus min, and standard deviation, of partners' fill shares (placed / usable places)."""
    usable = {offer.offer_id for offer in offers if offer.places and _fits(offer)}
    places = Counter()
    for offer in offers:
        if offer.offer_id in usable:
            places[offer.partner_id] += offer.places
    placed = Counter(placement.partner_id for placement in allocation.placements)
    shares = [placed[partner_id] / count for partner_id, count in places.items()]
    return max(shares) - min(shares), statistics.pstdev(shares)


def _fits(offer: OfferSlot) -> bool:
    return placement_dates(offer, WINDOW, LENGTH_DAYS) is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    officers, offers = make_round(random.Random(args.seed))  # noqa: S311  (seeded test data, not secrets)
    usable_places = sum(offer.places for offer in offers if _fits(offer))
    print(
        f"Input: {len(officers)} officers, {len(offers)} offers from {len({o.partner_id for o in offers})} partners, "
        f"{sum(o.places for o in offers)} places ({usable_places} on offers whose dates fit the window)"
    )

    allocation, timings = time_allocate(officers, offers, args.runs)
    baseline = first_fit(officers, offers, WINDOW, LENGTH_DAYS)
    median = statistics.median(timings)
    print(f"allocate: best {min(timings):.3f} s, median {median:.3f} s of {args.runs} runs (budget {BUDGET_SECONDS} s)")
    print(f"placed: allocate {len(allocation.placements)}/{len(officers)}, first_fit {len(baseline.placements)}")

    violations = rule_violations(allocation, officers, offers)
    print("violations: " + ", ".join(f"{rule} {count}" for rule, count in violations.items()))

    print(
        f"variety share (placed officers meeting a new community): allocate "
        f"{variety_share(allocation, officers, offers):.3f}, first_fit {variety_share(baseline, officers, offers):.3f}"
    )
    for name, result in (("allocate", allocation), ("first_fit", baseline)):
        spread, deviation = fill_spread(result, offers)
        print(f"partner fill share, {name}: max - min {spread:.2f}, standard deviation {deviation:.3f}")
    print(f"warnings from allocate: {len(allocation.warnings)}")

    failed = median > BUDGET_SECONDS or any(violations.values())
    if failed:
        print("FAILED: over budget or a rule broken", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
