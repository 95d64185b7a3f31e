"""Reads for what a student officer may see of their own placements."""

from django.db.models import Prefetch

from ..models import CommunityPlacement, PartnerContact
from ..models.placements import OFFICER_TOLD


def visible_placements(officer):
    """The placements the officer has been told of (their page and calendar feed). Issue 9
    decided to leave out those awaiting the partner's reply rather than label them: the
    officer is told a placement is confirmed only once the partner accepts, and hears
    nothing of one the partner declines, so showing it would announce what may not happen."""
    return (
        CommunityPlacement.objects.filter(OFFICER_TOLD, officer=officer)
        .select_related("partner", "offer")
        .prefetch_related(
            "partner__communities",
            Prefetch("partner__contacts", queryset=PartnerContact.objects.filter(is_primary=True), to_attr="hosts"),
        )
        .order_by("starts_on")
    )
