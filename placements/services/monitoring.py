"""The review of the Work Experience Protocol (seed 001, 7.1): the Head of Resourcing
records each review and may move the date of the next one; the Heads of Resourcing are
emailed once when it falls due."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.audit import record_action
from accounts.roles import Role, has_role
from kentplacements.workflow import DomainError
from notifications.services import notify

from ..links import absolute_url
from ..models import ProtocolReview
from ..models.monitoring import NOTES_LENGTH
from ..selectors.monitoring import current_review, heads_of_resourcing


def two_years_after(day: date) -> date:
    """Protocol 7.1: "a review being undertaken every two years". 29 February falls on 28 February."""
    try:
        return day.replace(year=day.year + 2)
    except ValueError:
        return day.replace(year=day.year + 2, day=28)


def _require_head(by) -> None:
    if not has_role(by, Role.HEAD_OF_RESOURCING):
        raise DomainError("Only the Head of Resourcing monitors and reviews the protocol.")


def _check_next(reviewed_on: date, next_review_on: date) -> None:
    if next_review_on <= reviewed_on:
        raise DomainError(f"The next review must come after the last one, on {reviewed_on:%-d %B %Y}.")


@transaction.atomic
def record_protocol_review(*, by, reviewed_on: date, notes: str, next_review_on: date | None = None) -> ProtocolReview:
    """A review undertaken: by default the next falls due two years later (7.1)."""
    _require_head(by)
    notes = notes.strip()
    if not notes:
        raise DomainError("Say what the review looked at.")
    if len(notes) > NOTES_LENGTH:
        raise DomainError(f"Keep the notes to {NOTES_LENGTH} characters: they go in the action log.")
    if reviewed_on > timezone.localdate():
        raise DomainError("A review is recorded once it has taken place: the date cannot be in the future.")
    # the latest review is read under a lock, so two reviews recorded at once are put in order
    last = current_review(ProtocolReview.objects.select_for_update())
    if last is not None and reviewed_on < last.reviewed_on:
        raise DomainError(
            f"The last review recorded was on {last.reviewed_on:%-d %B %Y}: this one cannot come before it."
        )
    next_review_on = next_review_on or two_years_after(reviewed_on)
    _check_next(reviewed_on, next_review_on)
    review = ProtocolReview.objects.create(
        reviewed_on=reviewed_on, next_review_on=next_review_on, notes=notes, recorded_by=by
    )
    record_action(review, action="record_protocol_review", by=by, reason=notes)
    return review


@transaction.atomic
def reschedule_protocol_review(review, *, by, next_review_on: date, reason: str) -> ProtocolReview:
    """7.1: "or as appropriate due to significant change": the next review brought forward
    (or put back), with the reason. Its reminder goes again when the new date is near."""
    _require_head(by)
    reason = reason.strip()
    if not reason:
        raise DomainError("Give the reason for changing the date.")
    review = ProtocolReview.objects.select_for_update().get(pk=review.pk)
    _check_next(review.reviewed_on, next_review_on)
    previous = review.next_review_on
    review.next_review_on = next_review_on
    review.reminded_at = None
    review.save(update_fields=["next_review_on", "reminded_at"])
    record_action(
        review,
        action="reschedule_protocol_review",
        by=by,
        from_state=previous.isoformat(),
        to_state=next_review_on.isoformat(),
        reason=reason,
    )
    return review


def remind_protocol_review(now=None) -> int:
    """Run by celery beat daily: once the next review is within REVIEW_REMINDER_LEAD, email each Head
    of Resourcing, once (reminded_at). Returns how many were emailed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        review = current_review(ProtocolReview.objects.select_for_update(skip_locked=True))
        if review is None or review.reminded_at is not None or not review.is_due(today):
            return 0
        heads = list(heads_of_resourcing())
        for head in heads:
            notify(
                recipient=head.email,
                template="placements/protocol_review_due",
                context={
                    "name": head.full_name,
                    "reviewed_on": review.reviewed_on,
                    "next_review_on": review.next_review_on,
                    "page_url": absolute_url("we_monitoring"),
                },
                key=f"protocol-review-due-{review.pk}-{review.next_review_on.isoformat()}-{head.pk}",
                related=review,
            )
        review.reminded_at = now
        review.save(update_fields=["reminded_at"])
    return len(heads)
