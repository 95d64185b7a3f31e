"""The offer of a place (issue 11): made when the vetting officer clears the last check
(volunteers/vetted.py), then answered by the candidate alone, from "Your volunteer
applications": accepted, they go on to training; declined, the application is withdrawn
with that reason. Each answer is kept with its time (offered_at, offer_answered_at)."""

from django.db import transaction
from django.utils import timezone

from kentplacements.workflow import DomainError
from vetting.services.checks import vetting_cleared

from ..enums import VolunteerApplicationStatus
from .applications import email_applicant, locked_application, move_application

S = VolunteerApplicationStatus
DECLINED_REASON = "Declined the offer"


def _training_context(application) -> dict:
    day = application.campaign.training_starts_on
    return {"training_starts": f"{day:%A %-d %B %Y}" if day else ""}


@transaction.atomic
def make_offer(application, *, by):
    """vetting -> offered, once every required check is cleared; the candidate is emailed
    the offer and where to answer it."""
    application = locked_application(application)
    if not vetting_cleared(application):
        raise DomainError("The vetting checks are not all cleared.")
    application = move_application(application, S.OFFERED, by=by, action="make_offer", offered_at=timezone.now())
    email_applicant(application, "offer", **_training_context(application))
    return application


def _offer_to_answer(application, by):
    if by is None or by.pk != application.applicant_id:
        raise DomainError("Only the applicant can answer the offer of a place.")
    application = locked_application(application)
    if application.status != S.OFFERED:
        raise DomainError("There is no offer waiting for your answer on this application.")
    return application


@transaction.atomic
def accept_offer(application, *, by):
    """offered -> in training. A clearance withdrawn or refused since the offer (vetting
    can still change) stops the acceptance, and says nothing of why."""
    application = _offer_to_answer(application, by)
    if not vetting_cleared(application):
        raise DomainError("We cannot take your answer just now: the recruitment team will contact you.")
    application = move_application(
        application, S.IN_TRAINING, by=by, action="accept_offer", offer_answered_at=timezone.now()
    )
    email_applicant(application, "offer_accepted", **_training_context(application))
    return application


@transaction.atomic
def decline_offer(application, *, by):
    application = _offer_to_answer(application, by)
    application = move_application(
        application,
        S.WITHDRAWN,
        by=by,
        action="decline_offer",
        reason=DECLINED_REASON,
        offer_answered_at=timezone.now(),
    )
    email_applicant(application, "offer_declined")
    return application
