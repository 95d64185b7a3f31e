"""Helpers for the reference tests: a reference asked for through the service, and its
link taken from the outbox, which is the only place the raw token exists."""

import re

from django.core import mail

from notifications.models import Notification
from placements.enums import ApplicationStatus
from placements.tests.work_experience_factories import ApplicationFactory
from vetting.services.references import request_reference

ANSWERS = {
    "known_for": "3 years",
    "known_as": "Her form tutor at Maidstone Grammar",
    "suitability": "Reliable, honest and kind to younger students.",
    "recommendation": "yes",
    "anything_else": "",
}


def ask_for_reference(by, application=None, **referee):
    application = application or ApplicationFactory(status=ApplicationStatus.VETTING)
    details = {"referee_name": "Rita Referee", "referee_email": "rita@school.example", "relationship": "Form tutor"}
    return request_reference(application, by=by, **{**details, **referee})


def emailed_link(reference, template="vetting/reference_request") -> str:
    """The reference form's address in the latest such email to the referee: still in the
    outbox, or (when the test commits, so it was delivered and erased there) as sent."""
    row = Notification.objects.filter(template=template, recipient=reference.referee_email).latest("pk")
    body = row.body_text or next(m.body for m in reversed(mail.outbox) if m.subject == row.subject)
    return re.search(r"https?://\S+(/reference/\S+/)", body).group(1)


def emailed_token(reference, template="vetting/reference_request") -> str:
    return emailed_link(reference, template).rstrip("/").rsplit("/", 1)[1]
