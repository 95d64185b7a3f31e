"""Factories for presentations, reflections and feedback, and placements that have
taken place (moved there by the placement services, as in real life)."""

from datetime import date, datetime, time, timedelta

import factory
import time_machine
from django.utils import timezone

from placements.enums import PlacementStatus, PlacementType
from placements.models import PartnerContact, PresentationInvitation, PresentationSession
from placements.services.placements import complete_placement, confirm_placement, mark_presented
from placements.services.presentations import reply_to_invitation

from .factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
)

SESSION_DAY = date(2027, 4, 14)  # after the cohort factory's 2-day window in March 2027


def london(*args):
    return timezone.make_aware(datetime(*args))


# After the March placements, before the factory session's cut-off (7 April, 17:00).
BEFORE_CUTOFF = london(2027, 4, 1, 9, 0)


class PresentationSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PresentationSession

    cohort = factory.SubFactory(CohortFactory)
    placement_type = PlacementType.TWO_DAY
    date = SESSION_DAY
    starts_at = time(10, 0)
    room = "Lecture theatre 2"
    capacity = 20
    rsvp_cutoff = factory.LazyAttribute(
        lambda o: timezone.make_aware(datetime.combine(o.date - timedelta(days=7), time(17, 0)))
    )


class PresentationInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PresentationInvitation

    session = factory.SubFactory(PresentationSessionFactory)
    partner = factory.SubFactory(PartnerFactory)


def offer_in_window(cohort, placement_type, **kwargs):
    """An offer covering the cohort's window for ``placement_type``."""
    start, end = cohort.window(placement_type)
    return HostingOfferFactory(placement_type=placement_type, available_from=start, available_until=end, **kwargs)


def finished_placement(*, presented=False, **kwargs):
    """A confirmed placement completed the day after it ended (and presented if asked)."""
    placement = CommunityPlacementFactory(**kwargs)
    confirm_placement(placement, by=None)
    with time_machine.travel(timezone.make_aware(datetime.combine(placement.ends_on, time(18))) + timedelta(days=1)):
        complete_placement(placement, by=None)
    if presented:
        mark_presented(placement, by=None)
    placement.refresh_from_db()
    assert placement.status == (PlacementStatus.PRESENTED if presented else PlacementStatus.COMPLETED)
    return placement


def contact_of(organisation, user) -> PartnerContact:
    """``user`` speaks for ``organisation`` (they may already speak for others)."""
    existing = PartnerContact.objects.filter(organisation=organisation, user=user).first()
    return existing or PartnerContactFactory(organisation=organisation, user=user, is_primary=False)


def session_with_every_reply(by, *, capacity=3):
    """A session of ``capacity`` seats, full, and one organisation of each kind of reply,
    each with a contact whose address says which: "coming" (2 seats, and a second contact),
    "waiting" (asks for 2, first on the list), "declined" and "silent" (has not replied).
    ``by`` replies for them all. Returns the session and the invitations by kind."""
    session = PresentationSessionFactory(capacity=capacity)
    invitations = {}
    for kind in ("coming", "waiting", "declined", "silent"):
        invitation = PresentationInvitationFactory(session=session, partner__name=f"The {kind.title()} Trust")
        PartnerContactFactory(organisation=invitation.partner, user=None, email=f"{kind}@example.org")
        invitations[kind] = invitation
    PartnerContactFactory(organisation=invitations["coming"].partner, user=None, email="coming.too@example.org")
    filler = PresentationInvitationFactory(session=session, partner__name="The Full House Trust")
    replies = [
        (invitations["coming"], ["Ann Lee", "Raj Patel"]),
        (filler, ["F"] * (capacity - 2)),
        (invitations["waiting"], ["Wes Tan", "Zoe Hill"]),
        (invitations["declined"], []),
    ]
    for invitation, names in replies:
        reply_to_invitation(
            invitation, by=by, attending=bool(names), attendees=len(names), attendee_names="\n".join(names)
        )
    session.refresh_from_db()
    return session, invitations
