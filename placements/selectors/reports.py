"""The staff report for one cohort: how its placements stand, which communities its
officers met (seed 000: "gain experience of every community that live and work in the
County"), which partners hosted them and how the partners rated the placements.

A fixed number of queries whatever the size of the cohort; each figure is an aggregate."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from ..enums import PLACE_HOLDING_STATUSES, PlacementStatus, PlacementType
from ..models import Community, CommunityPlacement, PartnerOrganisation, PlacementFeedback


@dataclass(frozen=True)
class StatusRow:
    placement_type: str
    counts: list[int]  # in PlacementStatus order
    total: int


@dataclass(frozen=True)
class CohortReport:
    cohort: object
    officer_count: int
    statuses: list[str]  # column headings
    status_rows: list[StatusRow]
    communities: list  # Community rows with .officers
    partners: list  # PartnerOrganisation rows with .two_day, .four_day, .average, .ratings
    average: float | None
    ratings: int


def _status_rows(cohort) -> list[StatusRow]:
    counts = {
        (row["placement_type"], row["status"]): row["n"]
        for row in CommunityPlacement.objects.filter(officer__cohort=cohort)
        .values("placement_type", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for placement_type in PlacementType:
        line = [counts.get((placement_type.value, status.value), 0) for status in PlacementStatus]
        rows.append(StatusRow(placement_type.label, line, sum(line)))
    return rows


def _communities(cohort) -> list:
    """Each community with the number of the cohort's officers whose confirmed (or later)
    placement was at an organisation serving it; an officer counts once per community."""
    met = Q(partners__placements__officer__cohort=cohort, partners__placements__status__in=PLACE_HOLDING_STATUSES)
    return list(Community.objects.annotate(officers=Count("partners__placements__officer", filter=met, distinct=True)))


def _partners(cohort) -> list:
    """Organisations that hosted the cohort's officers. The filter comes before the
    annotations, so they count only this cohort's placements."""
    return list(
        PartnerOrganisation.objects.filter(
            placements__officer__cohort=cohort, placements__status__in=PLACE_HOLDING_STATUSES
        )
        .annotate(
            two_day=Count("placements", filter=Q(placements__placement_type=PlacementType.TWO_DAY)),
            four_day=Count("placements", filter=Q(placements__placement_type=PlacementType.FOUR_DAY)),
            average=Avg("placements__feedback__rating"),
            ratings=Count("placements__feedback"),
        )
        .order_by("name")
    )


def cohort_report(cohort) -> CohortReport:
    feedback = PlacementFeedback.objects.filter(placement__officer__cohort=cohort).aggregate(
        average=Avg("rating"), ratings=Count("pk")
    )
    return CohortReport(
        cohort=cohort,
        officer_count=cohort.officers.count(),
        statuses=PlacementStatus.labels,
        status_rows=_status_rows(cohort),
        communities=_communities(cohort),
        partners=_partners(cohort),
        average=feedback["average"],
        ratings=feedback["ratings"],
    )
