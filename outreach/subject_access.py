"""What outreach holds about a person, for subject access and erasure (accounts.personal_data,
issue 13): event registrations (by email: registering needs no account), the Positive Action
Programme and businesses' contacts. Equality answers are not here, by design: nothing links
them to a person (outreach/equality/models.py), and the export says so."""

from django.utils import timezone

from accounts.personal_data import ERASED_NAME, Ending, PersonalData, erased_email, register

from .enums import REGISTRATION_WORKFLOW, RegistrationStatus
from .programme.enums import ENROLMENT_WORKFLOW, EnrolmentStatus
from .programme.services import withdraw_for_erasure
from .services.registrations import cancel_for_erasure


def _live_registrations(rows):
    """A place or a waiting-list entry for an event still to come; once an event has started,
    its register is taken instead (and cancelling is refused)."""
    cancellable = REGISTRATION_WORKFLOW.leading_to(RegistrationStatus.CANCELLED)
    return rows.filter(status__in=cancellable, event__starts_at__gt=timezone.now())


register(
    PersonalData(
        "outreach.EventRegistration",
        "Event registrations",
        fields=("event", "full_name", "email", "phone", "role_considered", "access_needs", "status", "registered_at"),
        email="email",
        erase={"full_name": ERASED_NAME, "email": erased_email, "phone": "", "access_needs": "", "token_hash": None},
        ending=Ending(
            live=_live_registrations,
            end=cancel_for_erasure,
            noun="event registration",
            ended_as="cancelled",
            then="a place held goes to the first on the event's waiting list, who is emailed as usual",
        ),
    ),
    PersonalData(
        "outreach.ProgrammeEnrolment",
        "Positive Action Programme",
        fields=("intake", "status", "why", "stages_wanted", "phone", "access_needs", "buddy", "applied_at"),
        user="candidate",
        erase={"why": "", "phone": "", "access_needs": "", "decline_reason": ""},
        ending=Ending(
            live=lambda rows: rows.filter(status__in=ENROLMENT_WORKFLOW.leading_to(EnrolmentStatus.WITHDRAWN)),
            end=withdraw_for_erasure,
            noun="Positive Action Programme enrolment",
            ended_as="withdrawn",
            then="a buddy is released, and told",
        ),
    ),
    PersonalData(
        "outreach.SupportSession",
        "One-to-one support sessions",
        fields=("held_on", "channel", "notes"),
        user="enrolment__candidate",
        erase={"notes": ""},
    ),
    PersonalData(
        "outreach.BusinessInterest",
        "Business support offered",
        fields=("business_name", "contact_name", "job_title", "email", "phone", "area", "offer_details", "status"),
        email="email",
        erase={"contact_name": ERASED_NAME, "job_title": "", "email": erased_email, "phone": ""},
    ),
)
