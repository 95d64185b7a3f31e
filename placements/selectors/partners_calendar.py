from ..enums import RsvpStatus
from ..models import CommunityPlacement, PresentationInvitation
from .officers import OFFICER_VISIBLE


def partner_calendar_placements(partner):
    """The partner's confirmed placements: officer name, dates and type only."""
    return (
        CommunityPlacement.objects.filter(partner=partner, status__in=OFFICER_VISIBLE)
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
