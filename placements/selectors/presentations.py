"""Reads for presentations, reflections, feedback and the cohort reports.

Querysets here are scoped to the person asking: another partner's invitation or another
officer's placement is simply not in them, so the page answers 404 (STYLE.md)."""

from django.db.models import Count, Q

from ..enums import PLACE_HOLDING_STATUSES, PlacementStatus
from ..models import Cohort, CommunityPlacement, PartnerOrganisation, PresentationInvitation

# Placements that have taken place: only these have a reflection, feedback and a
# presentation (seed 000: "At the conclusion of this placement ... a short presentation").
FINISHED_STATUSES = (PlacementStatus.COMPLETED, PlacementStatus.PRESENTED)


def partners_of_round(session):
    """Seed 000: representatives "from each partner organisation" that hosted officers of
    the session's cohort for its placement type (confirmed, completed or presented)."""
    return PartnerOrganisation.objects.filter(
        placements__officer__cohort_id=session.cohort_id,
        placements__placement_type=session.placement_type,
        placements__status__in=PLACE_HOLDING_STATUSES,
    ).distinct()


def invitations_for_contact(user):
    """The invitations of every organisation the user speaks for."""
    return PresentationInvitation.objects.filter(partner__contacts__user=user).select_related(
        "session__cohort", "partner"
    )


def with_optional(placements, *relations) -> list:
    """The placements as a list, each of the named one-to-one rows that may not exist
    yet (``reflection``, ``feedback``) also set as ``<name>_given``, or None: a template
    cannot ask for a missing one safely."""
    rows = list(placements)
    for placement in rows:
        for relation in relations:
            setattr(placement, f"{relation}_given", getattr(placement, relation, None))
    return rows


def placements_hosted_for_contact(user):
    """Finished placements at the user's organisations, for their feedback."""
    return (
        CommunityPlacement.objects.filter(partner__contacts__user=user, status__in=FINISHED_STATUSES)
        .select_related("officer", "partner", "feedback")
        .order_by("-starts_on", "pk")
    )


def finished_placements_of_officer(user):
    return CommunityPlacement.objects.filter(officer__user=user, status__in=FINISHED_STATUSES).select_related(
        "officer", "partner", "reflection"
    )


def reflections_and_feedback(cohort) -> list:
    """A cohort's finished placements with what the officer and the partner said."""
    placements = (
        CommunityPlacement.objects.filter(officer__cohort=cohort, status__in=FINISHED_STATUSES)
        .select_related("officer", "partner", "reflection", "feedback")
        .order_by("placement_type", "officer__full_name", "pk")
    )
    return with_optional(placements, "reflection", "feedback")


def cohorts_for_reports():
    """Cohorts with their officers and their confirmed (or later) placements counted."""
    return Cohort.objects.annotate(
        officer_count=Count("officers", distinct=True),
        placement_count=Count(
            "officers__placements",
            filter=Q(officers__placements__status__in=PLACE_HOLDING_STATUSES),
            distinct=True,
        ),
    ).order_by("-course_start")
