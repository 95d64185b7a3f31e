"""Reads for the allocation pages."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from ..enums import HOSTING_PARTNER_STATUSES, PlacementStatus, PlacementType
from ..models import Cohort, CommunityPlacement, HostingOffer, PartnerContact

S = PlacementStatus
NOBODY_TO_CONFIRM = "Nobody to confirm: {partner} has no contact with an active account."


def has_active_contact(partner_field="partner_id"):
    """Whether the row's partner has someone to confirm a placement: a contact linked to an active account
    (issue 9: the allocator never places officers where nobody can answer)."""
    return Exists(PartnerContact.objects.filter(organisation=OuterRef(partner_field), user__is_active=True))


def proposals_for_review(cohort, placement_type):
    """The review page's rows, with everything it shows fetched up front."""
    return (
        CommunityPlacement.objects.filter(officer__cohort=cohort, placement_type=placement_type)
        .exclude(status=S.CANCELLED)
        .select_related("officer", "partner", "offer")
        .annotate(partner_has_active_contact=has_active_contact())
        .prefetch_related(
            Prefetch("partner__communities"),
            Prefetch(
                "officer__placements",
                queryset=CommunityPlacement.objects.exclude(status=S.CANCELLED)
                .exclude(placement_type=placement_type)
                .select_related("partner")
                .prefetch_related("partner__communities"),
                to_attr="other_placements",
            ),
        )
        .order_by("officer__full_name", "pk")
    )


@dataclass(frozen=True)
class ReviewRow:
    placement: CommunityPlacement
    communities: list  # (label, new to this officer?)
    other_placement: CommunityPlacement | None
    warnings: list


def review_rows(cohort, placement_type):
    """Each placement with what the reviewer weighs: which communities are new to the
    officer (seed 000: "every community that live and work in the County")."""
    rows = []
    for placement in proposals_for_review(cohort, placement_type):
        other = placement.officer.other_placements[0] if placement.officer.other_placements else None
        met = other.partner.community_codes if other else frozenset()
        communities = [(c.get_code_display(), c.code not in met) for c in placement.partner.communities.all()]
        warnings = []
        if other and not any(new for _, new in communities):
            warnings.append(f"Meets no new community: {other.partner} served the same.")
        if not placement.partner_has_active_contact:
            warnings.append(NOBODY_TO_CONFIRM.format(partner=placement.partner))
        if placement.partner_response == "declined":
            warnings.append(f"Declined by the partner: {placement.partner_response_reason}")
        rows.append(ReviewRow(placement, communities, other, warnings))
    return rows


def cohorts_with_counts():
    """Cohorts with their officers and live placements of each type counted."""
    live = ~Q(officers__placements__status=S.CANCELLED)
    return Cohort.objects.annotate(
        officer_count=Count("officers", distinct=True),
        two_day_count=Count(
            "officers__placements", filter=live & Q(officers__placements__placement_type=PlacementType.TWO_DAY)
        ),
        four_day_count=Count(
            "officers__placements", filter=live & Q(officers__placements__placement_type=PlacementType.FOUR_DAY)
        ),
    ).order_by("-course_start")


def open_offers(placement_type, window_start, window_end):
    """Offers from approved partners whose dates meet the window, with their free places."""
    return (
        HostingOffer.objects.filter(
            placement_type=placement_type,
            partner__status__in=HOSTING_PARTNER_STATUSES,
            available_from__lte=window_end,
            available_until__gte=window_start,
        )
        .select_related("partner")
        .prefetch_related("partner__communities")
        .annotate(
            proposed=Count("placements", filter=Q(placements__status=S.PROPOSED)),
            partner_has_active_contact=has_active_contact(),
        )
        .order_by("pk")
    )
