"""Reads for what a student officer may see of their own placements."""

from django.db.models import Prefetch

from ..enums import PlacementStatus
from ..models import CommunityPlacement, PartnerContact

# Proposals are drafts until the Diversity Placements Officer confirms them.
OFFICER_VISIBLE = (PlacementStatus.CONFIRMED, PlacementStatus.COMPLETED, PlacementStatus.PRESENTED)


def visible_placements(officer):
    return (
        CommunityPlacement.objects.filter(officer=officer, status__in=OFFICER_VISIBLE)
        .select_related("partner", "offer")
        .prefetch_related(
            "partner__communities",
            Prefetch("partner__contacts", queryset=PartnerContact.objects.filter(is_primary=True), to_attr="hosts"),
        )
        .order_by("starts_on")
    )
