"""Interviews (issue 11: "staff publish slots within the interview period; shortlisted
candidates book, move or cancel their slot themselves (no double booking under
concurrency); a reminder the day before; staff record the outcome"). One function per
change (STYLE.md): checks, a transaction, the action log and an email to the candidate.

A slot is taken by a conditional UPDATE (``application IS NULL``), so of two people
clicking the same slot at the same moment exactly one has it; the other is told."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import record_action
from kentplacements.workflow import DomainError

from ..enums import VolunteerApplicationStatus, next_stage
from ..models import InterviewSlot, VolunteerApplication
from .applications import email_applicant, move_application, reject_application

S = VolunteerApplicationStatus
TAKEN = "That interview time has just been taken by someone else. Choose another time."


def period_problem(campaign, starts_at, ends_at) -> str:
    """Why a slot at these times cannot be published for the campaign, or ""."""
    if ends_at <= starts_at:
        return "The interview must end after it starts."
    first, last = campaign.interviews_start_on, campaign.interviews_end_on
    if first is None:
        return f"Set the interview period of {campaign} in the back office first."
    if not first <= timezone.localdate(starts_at) <= timezone.localdate(ends_at) <= last:
        return f"Interviews for {campaign} take place from {first:%-d %B %Y} to {last:%-d %B %Y}."
    return ""


@transaction.atomic
def publish_slots(campaign, *, by, day, first_start, minutes: int, count: int, location: str) -> list[InterviewSlot]:
    """``count`` back-to-back slots of ``minutes`` on ``day`` from ``first_start``, each
    within the campaign's interview period (seed 002: "Interviews ... during February")."""
    if minutes < 1 or count < 1:
        raise DomainError("Give a length and a number of interviews of at least 1.")
    start = timezone.make_aware(datetime.combine(day, first_start))
    length = timedelta(minutes=minutes)
    times = [(start + length * n, start + length * (n + 1)) for n in range(count)]
    if problem := period_problem(campaign, times[0][0], times[-1][1]):
        raise DomainError(problem)
    slots = InterviewSlot.objects.bulk_create(
        InterviewSlot(campaign=campaign, starts_at=begins, ends_at=ends, location=location) for begins, ends in times
    )
    record_action(campaign, action="publish_interview_slots", by=by, reason=f"{count} on {day:%-d %B %Y}, {location}")
    return slots


def _own_application(application, by, status) -> VolunteerApplication:
    """The candidate's application, locked, at ``status``: only they book, move or cancel."""
    if by != application.applicant:
        raise DomainError("Only the candidate can book, move or cancel their interview.")
    application = (
        VolunteerApplication.objects.select_for_update(of=("self",))
        .select_related("campaign__role", "applicant")
        .get(pk=application.pk)
    )
    if application.status != status:
        raise DomainError(f"Your application is {application.get_status_display().lower()}.")
    return application


def _take(slot, application) -> InterviewSlot:
    """The slot for the application, or DomainError(TAKEN) if someone else has it."""
    free = InterviewSlot.objects.filter(
        pk=slot.pk, campaign_id=application.campaign_id, application__isnull=True, starts_at__gt=timezone.now()
    )
    try:
        with transaction.atomic():
            taken = free.update(application=application, reminded_at=None)
    except IntegrityError as exc:  # the application holds another slot already
        raise DomainError("You already have an interview booked.") from exc
    if not taken:
        raise DomainError(TAKEN)
    return InterviewSlot.objects.get(pk=slot.pk)


def _email(application, name, slot) -> None:
    email_applicant(
        application,
        f"interview_{name}",
        key_suffix=f"-{slot.pk}-{timezone.now():%Y%m%d%H%M%S%f}",
        when=f"{timezone.localtime(slot.starts_at):%A %-d %B %Y at %H:%M}",
        ends=f"{timezone.localtime(slot.ends_at):%H:%M}",
        location=slot.location,
    )


@transaction.atomic
def book_interview(application, slot, *, by) -> InterviewSlot:
    application = _own_application(application, by, S.SHORTLISTED)
    slot = _take(slot, application)
    move_application(application, S.INTERVIEW_BOOKED, by=by, action="book_interview", reason=str(slot))
    _email(application, "booked", slot)
    return slot


@transaction.atomic
def move_interview(application, slot, *, by) -> InterviewSlot:
    """To another free slot: the old one is freed and the new one taken together, or neither."""
    application = _own_application(application, by, S.INTERVIEW_BOOKED)
    InterviewSlot.objects.filter(application=application).update(application=None, reminded_at=None)
    slot = _take(slot, application)
    record_action(application, action="move_interview", by=by, reason=str(slot))
    _email(application, "moved", slot)
    return slot


@transaction.atomic
def cancel_interview(application, *, by) -> VolunteerApplication:
    """Back to shortlisted, the slot free for someone else; the candidate may book again."""
    application = _own_application(application, by, S.INTERVIEW_BOOKED)
    slot = InterviewSlot.objects.select_for_update().get(application=application)
    InterviewSlot.objects.filter(pk=slot.pk).update(application=None, reminded_at=None)
    application = move_application(application, S.SHORTLISTED, by=by, action="cancel_interview", reason=str(slot))
    _email(application, "cancelled", slot)
    return application


@transaction.atomic
def record_interview_outcome(application, *, by, passed: bool, reason: str = "") -> VolunteerApplication:
    """After the interview: passed moves the application to its next stage (next_stage:
    interviewed); not passed rejects it with the reason, which the candidate is emailed."""
    slot = InterviewSlot.objects.filter(application=application).first()
    if application.status != S.INTERVIEW_BOOKED or slot is None:
        raise DomainError("This application has no interview booked.")
    if slot.starts_at > timezone.now():
        raise DomainError(f"The interview is on {slot}; record its outcome once it has taken place.")
    if not passed:
        return reject_application(application, by=by, reason=reason)
    application = move_application(application, next_stage(application), by=by, action="pass_interview")
    email_applicant(application, "interview_passed")
    return application


def send_interview_reminders(now=None) -> int:
    """Run by celery beat every hour: each booked candidate is reminded once, from the day
    before their interview (issue 11); ``reminded_at`` records that it went."""
    now = now or timezone.now()
    tomorrow_ends = timezone.make_aware(
        datetime.combine(timezone.localdate(now) + timedelta(days=2), datetime.min.time())
    )
    due = InterviewSlot.objects.filter(
        reminded_at__isnull=True, application__status=S.INTERVIEW_BOOKED, starts_at__gt=now, starts_at__lt=tomorrow_ends
    ).values_list("pk", flat=True)
    return sum(_remind(slot_id, now) for slot_id in due)


@transaction.atomic
def _remind(slot_id, now) -> bool:
    slot = (
        InterviewSlot.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("application__campaign__role", "application__applicant")
        .filter(pk=slot_id, reminded_at__isnull=True, application__isnull=False)
        .first()
    )
    if slot is None:
        return False
    InterviewSlot.objects.filter(pk=slot.pk).update(reminded_at=now)
    _email(slot.application, "reminder", slot)
    return True
