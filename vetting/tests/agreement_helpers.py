"""Shared by the agreement's tests: an application at "agreement pending", its emails, and
the text of the rendered PDF."""

import re
from datetime import date

from django.core import mail

from notifications.models import Notification
from placements.enums import ApplicationStatus
from placements.services.work_experience import request_agreement
from placements.tests.work_experience_factories import ApplicationFactory
from vetting.services.agreements import agreement_of

ADULT_BIRTHDAY = date(2000, 1, 1)


def pending_application(recruiter, *, adult=False, **fields):
    """An application the recruitment team has asked to sign (17 on the first day unless
    ``adult``), with its agreement."""
    if adult:
        fields["date_of_birth"] = ADULT_BIRTHDAY
    application = ApplicationFactory(status=ApplicationStatus.CLEARED, **fields)
    request_agreement(application, by=recruiter)
    return application, agreement_of(application)


def email(recipient, template) -> Notification:
    return Notification.objects.get(recipient=recipient, template=template)


def consent_token(agreement) -> str:
    """The raw token, as the guardian reads it in the email (the only place it exists): from
    the outbox row, or once delivered (and its body erased) from the mail sent."""
    body = Notification.objects.get(template="vetting/guardian_consent", related_id=str(agreement.pk)).body_text
    if not body:
        body = [message.body for message in mail.outbox if agreement.guardian_email in message.to][-1]
    return re.search(r"/agreements/consent/([^/\s]+)/", body).group(1)


def page_texts(document) -> list[str]:
    """The text WeasyPrint laid out on each page (the same document ``write_pdf`` writes)."""

    def words(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            yield text
        for child in getattr(box, "children", ()):
            yield from words(child)

    return [" ".join(" ".join(words(page._page_box)).split()) for page in document.pages]
