"""Reads for a cohort's page (issue 9; seed 000: "every student officer has to complete these
community placements"): where each officer stands with their 2-day and 4-day placement and
its presentation, and which officers are at risk of missing a placement."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..enums import PartnerResponse, PlacementStatus, PlacementType
from ..models import CommunityPlacement, PresentationSession, StudentOfficer
from .presentations import FINISHED_STATUSES

S, R = PlacementStatus, PartnerResponse
NOT_PLACED = "not placed"
# A placement's state in words, as the cohort page says it (statuses and the partner's reply together).
WORDS = {S.PROPOSED: "proposed", S.COMPLETED: "completed", S.PRESENTED: "presented"}


def status_in_words(placement) -> str:
    if placement is None:
        return NOT_PLACED
    if placement.status == S.CANCELLED:
        return "declined by the partner" if placement.partner_response == R.DECLINED else "cancelled"
    if placement.status == S.CONFIRMED:
        return "accepted" if placement.partner_response == R.ACCEPTED else "awaiting the partner's reply"
    return WORDS[placement.status]


def at_risk_reason(placement) -> str:
    """Why an officer whose round has started is at risk of missing the placement, or "" when they have one
    (proposed or later: a proposal is the allocation under way)."""
    if placement is None:
        return "Never placed."
    if placement.status != S.CANCELLED:
        return ""
    if placement.partner_response == R.DECLINED:
        return f"Declined by the partner, {placement.partner}: {placement.partner_response_reason}"
    return f"Cancelled at {placement.partner}: {placement.cancel_reason}"


def allocation_started(cohort, placement_type, placements, today: date) -> bool:
    """Issue 9: officers are at risk only once their cohort's round of this type has started: the cohort has a
    placement of the type (in any state, so a round whose placements were all declined counts), or the
    window has begun (from then on, each day without a placement is a day lost). ``placements``: the
    cohort's placements, of every type and state."""
    has_any = any(placement.placement_type == placement_type for placement in placements)
    return has_any or cohort.window(placement_type)[0] <= today


@dataclass(frozen=True)
class Presentation:
    """Seed 000: "At the conclusion of this placement the students prepare a short presentation"."""

    session: PresentationSession | None  # the cohort's first session of the type after the placement
    finished: bool  # the placement has taken place: a presentation and a reflection are due
    presented: bool
    reflection_submitted: bool


@dataclass(frozen=True)
class Standing:
    """Where an officer stands with one placement type."""

    placement_type: PlacementType
    placement: CommunityPlacement | None  # the live one, else the latest cancelled one, else none
    words: str
    presentation: Presentation | None  # for a live placement


@dataclass(frozen=True)
class OfficerRow:
    officer: StudentOfficer
    standings: tuple[Standing, ...]  # the 2-day, then the 4-day


@dataclass(frozen=True)
class AtRisk:
    officer: StudentOfficer
    reason: str


@dataclass(frozen=True)
class Round:
    """A cohort's 2-day or 4-day round."""

    placement_type: PlacementType
    window: tuple[date, date]
    started: bool
    ended: bool  # no day of the window is left to place anyone (a placement starts tomorrow at the soonest)
    at_risk: tuple[AtRisk, ...]


@dataclass(frozen=True)
class CohortOverview:
    rows: list[OfficerRow]
    rounds: tuple[Round, ...]
    awaiting_reply: list[CommunityPlacement]


def _officers_with_placements(cohort):
    """The cohort's officers, each with ``all_placements`` (every state, oldest first). Two queries."""
    placements = CommunityPlacement.objects.select_related("partner", "reflection").order_by("pk")
    return list(
        cohort.officers.order_by("full_name", "pk").prefetch_related(
            Prefetch("placements", queryset=placements, to_attr="all_placements")
        )
    )


def _current(officer, placement_type):
    """The officer's live placement of the type (the database allows one), else their latest cancelled one."""
    of_type = [p for p in officer.all_placements if p.placement_type == placement_type]
    live = [p for p in of_type if p.status != S.CANCELLED]
    return (live or of_type or [None])[-1]


def _presentation(placement, sessions) -> Presentation | None:
    if placement is None or placement.status == S.CANCELLED:
        return None
    session = next(
        (s for s in sessions if s.placement_type == placement.placement_type and s.date >= placement.ends_on), None
    )
    return Presentation(
        session=session,
        finished=placement.status in FINISHED_STATUSES,
        presented=placement.status == S.PRESENTED,
        reflection_submitted=getattr(placement, "reflection", None) is not None,
    )


def _at_risk(cohort, officers, today) -> tuple[Round, ...]:
    placements = [placement for officer in officers for placement in officer.all_placements]
    rounds = []
    for placement_type in PlacementType:
        started = allocation_started(cohort, placement_type, placements, today)
        at_risk = ()
        if started:
            reasons = ((officer, at_risk_reason(_current(officer, placement_type))) for officer in officers)
            at_risk = tuple(AtRisk(officer, reason) for officer, reason in reasons if reason)
        window = cohort.window(placement_type)
        rounds.append(Round(placement_type, window, started, window[1] <= today, at_risk))
    return tuple(rounds)


def cohort_round(cohort, placement_type, today=None) -> Round:
    """The cohort's round of this type, with the officers at risk of missing it and why."""
    today = today or timezone.localdate()
    rounds = _at_risk(cohort, _officers_with_placements(cohort), today)
    return next(r for r in rounds if r.placement_type == placement_type)


def cohort_overview(cohort, today=None) -> CohortOverview:
    """Every officer's 2-day and 4-day standing and presentation, the rounds with their officers at risk, and
    the placements awaiting the partner's reply. Three queries, however many officers."""
    today = today or timezone.localdate()
    officers = _officers_with_placements(cohort)
    sessions = list(cohort.presentation_sessions.order_by("date", "starts_at"))
    rows, awaiting = [], []
    for officer in officers:
        standings = []
        for placement_type in PlacementType:
            placement = _current(officer, placement_type)
            presentation = _presentation(placement, sessions)
            standings.append(Standing(placement_type, placement, status_in_words(placement), presentation))
            if placement is not None and placement.status == S.CONFIRMED and placement.partner_response == R.AWAITING:
                awaiting.append(placement)
        rows.append(OfficerRow(officer, tuple(standings)))
    return CohortOverview(rows, _at_risk(cohort, officers, today), awaiting)


def officers_missing_a_placement():
    """Seed 000: "every student officer has to complete these community placements". The officers still
    missing either placement (none, or only cancelled ones)."""

    def placed(kind):
        return Exists(
            CommunityPlacement.objects.filter(officer=OuterRef("pk"), placement_type=kind).exclude(status=S.CANCELLED)
        )

    return StudentOfficer.objects.exclude(placed(PlacementType.TWO_DAY) & placed(PlacementType.FOUR_DAY))


def with_officers_missing_a_placement(cohorts):
    """Each cohort with ``missing_count``: its officers missing either placement (the cohort list, where the
    staff home's work queue of them leads)."""
    missing = (
        officers_missing_a_placement()
        .filter(cohort=OuterRef("pk"))
        .order_by()
        .values("cohort")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return cohorts.annotate(missing_count=Coalesce(Subquery(missing), 0))
