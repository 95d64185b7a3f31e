from ..enums import PLACE_HOLDING_STATUSES, RsvpStatus
from ..models import CommunityPlacement, PresentationInvitation


def partner_calendar_placements(partner):
    """The partner's confirmed placements, those awaiting its reply included (it was asked):
    officer name, dates and type only."""
    return (
        CommunityPlacement.objects.filter(partner=partner, status__in=PLACE_HOLDING_STATUSES)
        .select_related("officer")
        .order_by("starts_on")
    )


def partner_calendar_presentations(partner):
    """The presentation sessions the partner is coming to or waiting for a seat at."""
    return (
        PresentationInvitation.objects.filter(
            partner=partner, rsvp_status__in=(RsvpStatus.ATTENDING, RsvpStatus.WAITING)
        )
        .select_related("session__cohort")
        .order_by("session__date", "session__starts_at")
    )
