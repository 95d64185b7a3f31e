"""Reads for presentations, reflections, feedback and the cohort reports.

Querysets here are scoped to the person asking: another partner's invitation or another
officer's placement is simply not in them, so the page answers 404 (STYLE.md)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from ..enums import NOT_REPLIED, PLACE_HOLDING_STATUSES, PlacementStatus, RsvpStatus
from ..models import Cohort, CommunityPlacement, PartnerOrganisation, PresentationInvitation, PresentationSession

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


# --- the back office's view of a session (issue 9) -------------------------------------


@dataclass
class SessionReplies:
    """A session's invitations by reply. ``waiting`` is in the order seats are given
    (first come, first served: waiting_since, then the invitation's number, as
    services.presentations.waiting_position counts), each with its ``position``."""

    attending: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    declined: list = field(default_factory=list)
    not_replied: list = field(default_factory=list)

    @property
    def replied(self) -> list:
        """Everyone who replied: issue 9, "tells everyone who replied" when the session moves."""
        return [*self.attending, *self.waiting, *self.declined]


def session_replies(session, *, with_contacts=False) -> SessionReplies:
    """One query (two ``with_contacts``, for emailing the organisations' contacts)."""
    invitations = session.invitations.select_related("partner").order_by("partner__name", "pk")
    if with_contacts:
        invitations = invitations.prefetch_related("partner__contacts")
    replies = SessionReplies()
    kinds = {
        RsvpStatus.ATTENDING: replies.attending,
        RsvpStatus.WAITING: replies.waiting,
        RsvpStatus.CANCELLED: replies.declined,
        NOT_REPLIED: replies.not_replied,
    }
    for invitation in invitations:
        kinds[invitation.rsvp_status].append(invitation)
    replies.waiting.sort(key=lambda invitation: (invitation.waiting_since, invitation.pk))
    for position, invitation in enumerate(replies.waiting, start=1):
        invitation.position = position
    return replies


def sessions_for_staff():
    """The sessions with what the staff list shows of their replies, counted in the
    same query: (coming, soonest first), (past, latest first)."""
    sessions = PresentationSession.objects.select_related("cohort").annotate(
        waiting_count=Count("invitations", filter=Q(invitations__rsvp_status=RsvpStatus.WAITING)),
        not_replied_count=Count("invitations", filter=Q(invitations__rsvp_status=NOT_REPLIED)),
    )
    today = timezone.localdate()
    return sessions.filter(date__gte=today).order_by("date", "starts_at"), sessions.filter(date__lt=today).order_by(
        "-date", "-starts_at"
    )
