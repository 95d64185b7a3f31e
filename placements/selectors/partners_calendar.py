from ..models import CommunityPlacement
from .officers import OFFICER_VISIBLE


def partner_calendar_placements(partner):
    """The partner's confirmed placements: officer name, dates and type only."""
    return (
        CommunityPlacement.objects.filter(partner=partner, status__in=OFFICER_VISIBLE)
        .select_related("officer")
        .order_by("starts_on")
    )
