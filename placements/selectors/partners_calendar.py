from ..enums import PLACE_HOLDING_STATUSES
from ..models import CommunityPlacement


def partner_calendar_placements(partner):
    """The partner's confirmed placements, those awaiting its reply included (it was asked):
    officer name, dates and type only."""
    return (
        CommunityPlacement.objects.filter(partner=partner, status__in=PLACE_HOLDING_STATUSES)
        .select_related("officer")
        .order_by("starts_on")
    )
