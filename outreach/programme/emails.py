"""The programme's emails to the candidate and to their buddy. Never a session's notes, a
decline's reason given to staff, or anything from the equality questions."""

from django.conf import settings
from django.urls import reverse

from notifications.services import notify

from ..emails import POSITIVE_ACTION_EMAIL


def _context(enrolment) -> dict:
    return {
        "intake": enrolment.intake.name,
        "candidate_name": enrolment.candidate.full_name or enrolment.candidate.email,
        "buddy_name": (enrolment.buddy.full_name or enrolment.buddy.email) if enrolment.buddy else "",
        "buddy_email": enrolment.buddy.email if enrolment.buddy else "",
        "programme_url": settings.SITE_URL + reverse("programme_mine"),
        "contact_email": POSITIVE_ACTION_EMAIL,
    }


def email_candidate(enrolment, name, *, key) -> None:
    notify(
        recipient=enrolment.candidate.email,
        template=f"outreach/programme/{name}",
        context=_context(enrolment),
        key=key,
        related=enrolment,
    )


def email_buddy(enrolment, name, *, key, buddy=None) -> None:
    """``buddy``: the one to tell, when it is not (or no longer) the enrolment's buddy."""
    buddy = buddy or enrolment.buddy
    context = {
        **_context(enrolment),
        "to_name": buddy.full_name or buddy.email,
        "enrolment_url": settings.SITE_URL + reverse("programme_staff_enrolment", args=[enrolment.pk]),
    }
    notify(recipient=buddy.email, template=f"outreach/programme/{name}", context=context, key=key, related=enrolment)
