"""What outreach holds about a person, for subject access and erasure (accounts.personal_data,
issue 13): event registrations (by email: registering needs no account), the Positive Action
Programme and businesses' contacts. Equality answers are not here, by design: nothing links
them to a person (outreach/equality/models.py), and the export says so."""

from accounts.personal_data import ERASED_NAME, PersonalData, erased_email, register

register(
    PersonalData(
        "outreach.EventRegistration",
        "Event registrations",
        fields=("event", "full_name", "email", "phone", "role_considered", "access_needs", "status", "registered_at"),
        email="email",
        erase={"full_name": ERASED_NAME, "email": erased_email, "phone": "", "access_needs": "", "token_hash": None},
    ),
    PersonalData(
        "outreach.ProgrammeEnrolment",
        "Positive Action Programme",
        fields=("intake", "status", "why", "stages_wanted", "phone", "access_needs", "buddy", "applied_at"),
        user="candidate",
        erase={"why": "", "phone": "", "access_needs": "", "decline_reason": ""},
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
