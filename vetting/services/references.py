"""References (issue 10 "References"; protocol 3.3.2: "once the necessary checks and
references have been completed"). Staff ask a referee; the referee answers through a
single-use emailed link, without an account; a reminder goes once if they have not
answered; staff may withdraw a request. One function per change (STYLE.md)."""

from datetime import timedelta

import rules
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.audit import move_status, record_action
from kentplacements.workflow import DomainError
from notifications.services import notify

from .. import links, subjects
from ..enums import REFERENCE_WORKFLOW, ReferenceStatus
from ..models import Reference
from ..models.references import ANSWER_FIELDS

# Issue 10: "a single-use link ... expiring after 14 days"; "Reminder after 5 days".
LINK_VALID_FOR = timedelta(days=14)
REMIND_AFTER = timedelta(days=5)

EXPIRED = (
    "This link has expired. If you would still like to give a reference, reply to the email "
    "that brought you here and the Corporate Recruitment Team will send you a new link."
)
USED = "This reference has already been sent. Thank you: there is nothing more to do."
WITHDRAWN = "This reference is no longer needed, so there is nothing to do. Thank you for your time."


def references_for(record):
    """The references asked for ``record``, oldest first, with who asked."""
    return Reference.objects.filter(**subjects.pointer(record)).select_related("requested_by")


def references_by_status():
    """Every reference waiting for its referee or received, newest first: the staff list."""
    return Reference.objects.exclude(status=ReferenceStatus.WITHDRAWN).order_by("-requested_at", "-pk")


def references_received(record) -> bool:
    """Protocol 3.3.2, for confirming a place: at least one reference asked for and every
    request still standing has been answered (a withdrawn one does not count)."""
    statuses = set(references_for(record).values_list("status", flat=True))
    statuses.discard(ReferenceStatus.WITHDRAWN)
    return statuses == {ReferenceStatus.RECEIVED}


def references_received_where(model) -> Q:
    """``references_received`` in SQL, for a queryset of ``model``."""
    references = Reference.objects.filter(**subjects.pointing_at_outer(model))
    answered = [ReferenceStatus.RECEIVED, ReferenceStatus.WITHDRAWN]
    return Q(Exists(references.filter(status=ReferenceStatus.RECEIVED))) & ~Exists(
        references.exclude(status__in=answered)
    )


def _link_url(token: str) -> str:
    return settings.SITE_URL + reverse("reference_form", args=[token])


def _referee_context(reference, subject, token) -> dict:
    return {
        "referee_name": reference.referee_name,
        "person_name": subject.person_name,
        "title": subject.title,
        "relationship": reference.relationship,
        "link_url": _link_url(token),
        "expires_on": date_format(timezone.localtime(reference.link_expires_at), "j F Y"),
    }


def _check_staff(by):
    if not rules.has_perm("vetting.manage_references", by):
        raise DomainError("Only the Corporate Recruitment Team and the vetting officer can ask for references.")


@transaction.atomic
def request_reference(record, *, by, referee_name: str, referee_email: str, relationship: str) -> Reference:
    """Ask a referee about the person ``record`` vets: the referee is emailed a link to the
    reference form, valid for 14 days."""
    _check_staff(by)
    referee_name, relationship = referee_name.strip(), relationship.strip()
    referee_email = referee_email.strip().lower()
    if not (referee_name and referee_email and relationship):
        raise DomainError("Enter the referee's name, email address and relationship to the applicant.")
    subject = subjects.describe(record)
    if referee_email == subject.email.lower():
        raise DomainError("A referee cannot be the applicant themselves: enter someone who knows them.")
    reference = Reference(
        **subjects.pointer(record),
        about=f"{subject.person_name}, {subject.title}"[:300],
        referee_name=referee_name,
        referee_email=referee_email,
        relationship=relationship,
        requested_by=by,
        requested_at=timezone.now(),
    )
    token = links.issue_link(reference, valid_for=LINK_VALID_FOR)
    try:
        with transaction.atomic():
            reference.save(force_insert=True)
    except IntegrityError:  # reference_one_live_request_per_referee
        raise DomainError(f"{referee_email} has already been asked for a reference for this application.") from None
    record_action(reference, action="request_reference", by=by, to_state=reference.status)
    notify(
        recipient=reference.referee_email,
        template="vetting/reference_request",
        context=_referee_context(reference, subject, token),
        key=f"reference-request-{reference.pk}",
        related=reference,
    )
    return reference


def open_reference(token: str) -> Reference:
    """The reference a link opens, for the form's GET: raises a DomainError (links.LinkNotFound,
    LinkExpired, LinkUsed) whose message the page shows."""
    reference = links.open_link(Reference.objects.all(), token, expired=EXPIRED, used=USED)
    if reference.status == ReferenceStatus.WITHDRAWN:
        raise links.LinkNotFound(WITHDRAWN)
    return reference


@transaction.atomic
def submit_reference(token: str, *, answers: dict) -> Reference:
    """The referee's answers, through their link: used once under the row's lock, so two
    POSTs at once save once and the second is told it was sent."""
    reference = links.use_link(Reference.objects.all(), token, expired=EXPIRED, used=USED)
    if reference.status == ReferenceStatus.WITHDRAWN:
        raise links.LinkNotFound(WITHDRAWN)
    unknown = set(answers) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"not answers: {sorted(unknown)}")
    now = reference.link_used_at
    changes = {name: str(answers.get(name) or "").strip() for name in ANSWER_FIELDS}
    move_status(
        reference,
        ReferenceStatus.RECEIVED,
        workflow=REFERENCE_WORKFLOW,
        by=None,
        action="submit_reference",
        received_at=now,
        link_used_at=now,
        **changes,
    )
    if reference.requested_by is not None and reference.requested_by.email:
        subject = subjects.describe(subjects.subject_of(reference))
        # To staff without the answers (issue 10: not in emails): they read them on the page.
        notify(
            recipient=reference.requested_by.email,
            template="vetting/reference_received",
            context={
                "staff_name": reference.requested_by.full_name,
                "referee_name": reference.referee_name,
                "person_name": subject.person_name,
                "title": subject.title,
                "page_url": settings.SITE_URL + references_page(reference),
            },
            key=f"reference-received-{reference.pk}",
            related=reference,
        )
    return reference


def references_page(record_or_reference) -> str:
    """The staff page of a record's references (given the record, or one of its references)."""
    if isinstance(record_or_reference, Reference):
        ids = (record_or_reference.content_type_id, record_or_reference.object_id)
    else:
        pointer = subjects.pointer(record_or_reference)
        ids = (pointer["content_type"].pk, pointer["object_id"])
    return reverse("record_references", args=ids)


@transaction.atomic
def withdraw_reference(reference, *, by) -> Reference:
    """Staff no longer need this reference (the link stops working); ask again if needed."""
    _check_staff(by)
    return _withdraw(reference, by=by)


def _withdraw(reference, *, by) -> Reference:
    reference = Reference.objects.select_for_update().get(pk=reference.pk)
    move_status(reference, ReferenceStatus.WITHDRAWN, workflow=REFERENCE_WORKFLOW, by=by, action="withdraw_reference")
    return reference


@transaction.atomic
def withdraw_waiting_references(record, *, by) -> list[Reference]:
    """The record has ended (the application was withdrawn, declined, discontinued or not
    cleared): every request still waiting for its referee is withdrawn, whoever ended it
    (the applicant withdrawing is not staff), and the referee is told in two lines that it
    is no longer needed, so they do not spend an evening on it. The email gives no reason:
    why an application ended is not the referee's business."""
    withdrawn = []
    # locked before reading their status, so a referee sending theirs at this moment either
    # lands first (and is kept) or finds the request withdrawn
    waiting = Reference.objects.select_for_update().filter(**subjects.pointer(record), status=ReferenceStatus.REQUESTED)
    for reference in waiting:
        reference = _withdraw(reference, by=by)
        notify(
            recipient=reference.referee_email,
            template="vetting/reference_withdrawn",
            context={"referee_name": reference.referee_name, "person_name": subjects.describe(record).person_name},
            key=f"reference-withdrawn-{reference.pk}",
            related=reference,
        )
        withdrawn.append(reference)
    return withdrawn


def references_to_remind(now=None):
    """Requested at least 5 days ago, not answered, link still valid, not yet reminded."""
    now = now or timezone.now()
    return Reference.objects.filter(
        status=ReferenceStatus.REQUESTED,
        reminded_at__isnull=True,
        requested_at__lte=now - REMIND_AFTER,
        link_expires_at__gt=now,
    )


def send_reference_reminders(now=None) -> int:
    """Run by celery beat: one reminder per unanswered reference, 5 days after the request
    (issue 10). The reminder carries a new link (the first one's token is kept only as its
    hash, so it cannot be sent again) with the same expiry; the first link stops working.
    Each reference is locked and reminded in its own transaction, so two sweeps at once
    remind it once. Returns how many were reminded."""
    now = now or timezone.now()
    reminded = 0
    for pk in references_to_remind(now).values_list("pk", flat=True):
        with transaction.atomic():
            reference = references_to_remind(now).select_for_update(skip_locked=True).filter(pk=pk).first()
            if reference is None:
                continue
            expires_at = reference.link_expires_at
            token = links.issue_link(reference, valid_for=LINK_VALID_FOR)
            reference.link_expires_at = expires_at  # a reminder does not lengthen the 14 days
            reference.reminded_at = now
            reference.save(update_fields=["token_hash", "link_expires_at", "link_used_at", "reminded_at"])
            record_action(reference, action="remind_referee")
            notify(
                recipient=reference.referee_email,
                template="vetting/reference_reminder",
                context=_referee_context(reference, subjects.describe(subjects.subject_of(reference)), token),
                key=f"reference-reminder-{reference.pk}",
                related=reference,
            )
            reminded += 1
    return reminded
