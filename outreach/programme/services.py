"""The programme's changes, one function per change (STYLE.md): applying, enrolling with a
buddy, changing the buddy, declining, withdrawing, completing, logging a one-to-one support
session and booking a familiarisation visit. Each locks the enrolment's row, checks the
transition (enums.ENROLMENT_WORKFLOW), writes the action log and queues the emails."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import move_status, record_action
from accounts.personal_data import check_may_erase
from accounts.roles import is_staff_member
from kentplacements.workflow import DomainError

from ..enums import EventKind, RoleConsidered
from ..services.registrations import register
from .emails import email_buddy, email_candidate
from .enums import ENROLMENT_WORKFLOW, EnrolmentStatus, SupportChannel
from .models import ProgrammeEnrolment, SupportSession, check_stages

S = EnrolmentStatus
ANSWERS = ("why", "stages_wanted", "phone", "access_needs")


def _locked(enrolment) -> ProgrammeEnrolment:
    return (
        # of=self: the buddy is a nullable join, which PostgreSQL will not lock
        ProgrammeEnrolment.objects.select_for_update(of=("self",))
        .select_related("intake", "candidate", "buddy")
        .get(pk=enrolment.pk)
    )


def closed_problem(intake, today=None) -> str:
    today = today or timezone.localdate()
    if today < intake.opens_on:
        return f"Applications to {intake} open on {intake.opens_on:%-d %B %Y}."
    if today > intake.closes_on:
        return f"Applications to {intake} closed on {intake.closes_on:%-d %B %Y}."
    return ""


@transaction.atomic
def apply_to_programme(intake, candidate, answers: dict) -> ProgrammeEnrolment:
    """The candidate applies (seed 004: "Enrolment for candidates into the Positive Action
    Programme"). One application or place per candidate and intake (the database says so too)."""
    if problem := closed_problem(intake):
        raise DomainError(problem)
    answers = {name: answers.get(name) for name in ANSWERS}
    if not str(answers["why"] or "").strip() or not str(answers["phone"] or "").strip():
        raise DomainError("Say why you would like the programme's support, and give a phone number.")
    stages = check_stages(answers["stages_wanted"] or [])
    if not stages or not set(stages) <= set(intake.stages):
        raise DomainError("Choose the stages you would like help with from those this intake supports.")
    enrolment = ProgrammeEnrolment(intake=intake, candidate=candidate, status=S.APPLIED, **answers)
    enrolment.stages_wanted = stages
    try:
        with transaction.atomic():
            enrolment.save(force_insert=True)
    except IntegrityError:
        raise DomainError(f"You have already applied to {intake}.") from None
    record_action(enrolment, action="apply_to_programme", by=candidate, to_state=S.APPLIED)
    email_candidate(enrolment, "applied", key=f"programme-applied-{enrolment.pk}")
    return enrolment


def _check_buddy(enrolment, buddy) -> None:
    if buddy is None or not buddy.is_active or not is_staff_member(buddy):
        raise DomainError("Choose a member of staff as the buddy.")
    if buddy.pk == enrolment.candidate_id:
        raise DomainError("A candidate cannot be their own buddy.")


@transaction.atomic
def enrol(enrolment, *, buddy, by) -> ProgrammeEnrolment:
    """The programme staff offer a place, with a buddy (seed 004: "Candidates being assigned
    to a buddy"); the candidate and the buddy are emailed."""
    enrolment = _locked(enrolment)
    _check_buddy(enrolment, buddy)
    entry = move_status(
        enrolment,
        S.ENROLLED,
        workflow=ENROLMENT_WORKFLOW,
        by=by,
        action="enrol_on_programme",
        buddy=buddy,
        enrolled_at=timezone.now(),
    )
    email_candidate(enrolment, "enrolled", key=f"programme-enrolled-{entry.pk}")
    email_buddy(enrolment, "buddy_assigned", key=f"programme-buddy-{entry.pk}")
    return enrolment


@transaction.atomic
def change_buddy(enrolment, *, buddy, by) -> ProgrammeEnrolment:
    """A new buddy for an enrolled candidate: the candidate, the new buddy and the previous
    one are told."""
    enrolment = _locked(enrolment)
    if enrolment.status != S.ENROLLED:
        raise DomainError("Only an enrolled candidate has a buddy to change.")
    _check_buddy(enrolment, buddy)
    previous = enrolment.buddy
    if previous == buddy:
        raise DomainError(f"{buddy} is already the buddy.")
    enrolment.buddy = buddy
    enrolment.save(update_fields=["buddy"])
    entry = record_action(enrolment, action="change_programme_buddy", by=by)
    email_candidate(enrolment, "buddy_changed", key=f"programme-buddy-changed-{entry.pk}")
    email_buddy(enrolment, "buddy_assigned", key=f"programme-buddy-{entry.pk}")
    email_buddy(enrolment, "buddy_released", key=f"programme-buddy-released-{entry.pk}", buddy=previous)
    return enrolment


@transaction.atomic
def decline_enrolment(enrolment, *, reason, by) -> ProgrammeEnrolment:
    """No place this time. The reason is kept for the programme staff; the candidate's email
    is neutral and points to the workshops, which stay open to them."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why the application is declined (the candidate is not told this reason).")
    enrolment = _locked(enrolment)
    entry = move_status(
        enrolment,
        S.DECLINED,
        workflow=ENROLMENT_WORKFLOW,
        by=by,
        action="decline_programme_application",
        reason=reason,
        decline_reason=reason[:500],
        closed_at=timezone.now(),
    )
    email_candidate(enrolment, "declined", key=f"programme-declined-{entry.pk}")
    return enrolment


def _withdraw(enrolment, *, by, action):
    """applied or enrolled -> withdrawn; a buddy is told they are released. Returns the
    enrolment and the log entry (the emails' keys)."""
    enrolment = _locked(enrolment)
    entry = move_status(
        enrolment, S.WITHDRAWN, workflow=ENROLMENT_WORKFLOW, by=by, action=action, closed_at=timezone.now()
    )
    if enrolment.buddy is not None:
        email_buddy(enrolment, "buddy_released", key=f"programme-withdrawn-buddy-{entry.pk}")
    return enrolment, entry


@transaction.atomic
def withdraw_enrolment(enrolment, *, by) -> ProgrammeEnrolment:
    """The candidate leaves the programme (or withdraws their application)."""
    enrolment, entry = _withdraw(enrolment, by=by, action="withdraw_from_programme")
    email_candidate(enrolment, "withdrawn", key=f"programme-withdrawn-{entry.pk}")
    return enrolment


@transaction.atomic
def withdraw_for_erasure(enrolment, *, by) -> ProgrammeEnrolment:
    """The candidate asked for their personal data to be erased (issue 13): the Head of
    Resourcing's erasure withdraws their application or place first, so it leaves the
    programme staff's queues and their buddy is released (and told). The candidate is not
    emailed: they asked to be forgotten, and the erasure deletes the outbox rows to their address
    anyway."""
    check_may_erase(by)
    enrolment, _entry = _withdraw(enrolment, by=by, action="withdraw_for_erasure")
    return enrolment


@transaction.atomic
def complete_enrolment(enrolment, *, by) -> ProgrammeEnrolment:
    enrolment = _locked(enrolment)
    entry = move_status(
        enrolment,
        S.COMPLETED,
        workflow=ENROLMENT_WORKFLOW,
        by=by,
        action="complete_programme",
        closed_at=timezone.now(),
    )
    email_candidate(enrolment, "completed", key=f"programme-completed-{entry.pk}")
    return enrolment


def may_support(enrolment, user) -> bool:
    """The enrolment's buddy and the programme staff log sessions and read their notes."""
    return user.has_perm("outreach.run_programme") or (enrolment.buddy_id is not None and enrolment.buddy_id == user.pk)


@transaction.atomic
def log_support_session(enrolment, *, by, held_on, channel, notes) -> SupportSession:
    """Seed 004: "One-to-one support". The action log records that a session was logged,
    never its notes."""
    enrolment = _locked(enrolment)
    if not may_support(enrolment, by):
        raise DomainError("Only the candidate's buddy or the programme staff log their support sessions.")
    if enrolment.status != S.ENROLLED:
        raise DomainError("Support sessions are logged while the candidate is enrolled.")
    if held_on is None or held_on > timezone.localdate():
        raise DomainError("Give the date the session was held: today or earlier.")
    if channel not in SupportChannel.values or not (notes or "").strip():
        raise DomainError("Say how the session was held, and write its notes.")
    session = SupportSession.objects.create(
        enrolment=enrolment, held_on=held_on, channel=channel, notes=notes.strip(), logged_by=by
    )
    record_action(enrolment, action="log_support_session", by=by)
    return session


@transaction.atomic
def book_familiarisation(enrolment, event, *, by):
    """Seed 004: "Familiarisation experience": a place at a familiarisation visit for an
    enrolled candidate, through the events' own registration (the candidate is emailed as
    anyone registering is, with the calendar file and a link to cancel). Booked with the
    account's email address, which is how the programme page finds their registrations."""
    if enrolment.status != S.ENROLLED:
        raise DomainError("Familiarisation visits are booked for enrolled candidates.")
    if event.kind != EventKind.FAMILIARISATION:
        raise DomainError("Choose a familiarisation visit.")
    candidate = enrolment.candidate
    record_action(enrolment, action="book_familiarisation_visit", by=by)
    return register(
        event,
        full_name=candidate.full_name or candidate.email,
        email=candidate.email,
        phone=enrolment.phone,
        role_considered=RoleConsidered.POLICE_OFFICER,
        access_needs=enrolment.access_needs,
    )
