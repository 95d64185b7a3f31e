"""Work experience (seed 001, the Work Experience Protocol): expressions of interest,
programmes opening and closing, and the application's lifecycle. One function per state
change (STYLE.md); each checks APPLICATION_WORKFLOW, writes inside a transaction, records
the action and queues a kind email to the applicant (many are 16 or 17)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q
from django.utils import timezone

from accounts.audit import move_status, record_action
from accounts.personal_data import check_may_erase
from accounts.roles import Role, has_role
from accounts.services import assign_role
from kentplacements.workflow import DomainError
from notifications.services import notify
from vetting.enums import WORK_EXPERIENCE_CHECKS
from vetting.services.agreements import agreement_signed, agreement_signed_where, open_agreement
from vetting.services.checks import request_checks, vetting_cleared, vetting_cleared_where
from vetting.services.closing import subject_closed
from vetting.services.references import references_received, references_received_where

from ..capacity import PROGRAMME_PLACES, release, take
from ..enums import (
    APPLICATION_WORKFLOW,
    DECLINED_ONLY_FOR_CONDUCT,
    ENDED_APPLICATIONS,
    PLACE_HOLDING_APPLICATIONS,
    PROGRAMME_WORKFLOW,
    ApplicationStatus,
    DeclineReason,
    ExceptionRule,
    ProgrammeStatus,
)
from ..links import absolute_url
from ..models import ExpressionOfInterest, WorkExperienceApplication, WorkExperienceProgramme
from ..selectors.discretion import waived, waived_questions
from .placement_days import attendance_deadline

S = ApplicationStatus

# The answers an applicant types, as the draft form and the services take them.
APPLICATION_FIELDS = (
    "date_of_birth",
    "school",
    "school_email",
    "eligibility_answers",
    "statement",
    "reasonable_adjustments",
    "emergency_contact_name",
    "emergency_contact_phone",
    "guardian_name",
    "guardian_email",
    "guardian_phone",
)
# What a field holds when left empty (the rest hold "").
EMPTY_ANSWERS = {"date_of_birth": None, "eligibility_answers": {}}


class ApplicationAlreadySent(DomainError):
    pass


# --- Expressions of interest (protocol 3.2.3) ---------------------------------------------


@transaction.atomic
def register_interest(*, full_name: str, email: str) -> ExpressionOfInterest:
    """Anyone may ask to hear about future programmes; someone who unsubscribed and
    registers again is back on the list. Issue 8: the page answers the same whether or not
    the address was already on the list (it must not tell a stranger who is); only the
    email, which reaches the address's owner, says which."""
    existing = ExpressionOfInterest.objects.select_for_update().filter(email__iexact=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                interest = ExpressionOfInterest.objects.create(full_name=full_name, email=email)
        except IntegrityError:  # a concurrent registration of the same address won
            existing = ExpressionOfInterest.objects.get(email__iexact=email)
        else:
            _email_interest(interest, "we_interest_added", key=f"we-interest-added-{interest.pk}")
            return interest
    if existing.unsubscribed_at is not None:
        existing.unsubscribed_at = None
        existing.save(update_fields=["unsubscribed_at"])
        record_action(existing, action="resubscribe")
        _email_interest(existing, "we_interest_added", key=f"we-interest-back-{existing.pk}-{timezone.localdate()}")
        return existing
    # At most one "already on the list" a day, so the form cannot be used to flood an inbox.
    _email_interest(existing, "we_interest_already", key=f"we-interest-already-{existing.pk}-{timezone.localdate()}")
    return existing


def _email_interest(interest, name, *, key) -> None:
    notify(
        recipient=interest.email,
        template=f"placements/{name}",
        context={"name": interest.full_name},
        key=key,
        related=interest,
    )


@transaction.atomic
def unsubscribe_interest(interest: ExpressionOfInterest) -> ExpressionOfInterest:
    if interest.unsubscribed_at is None:
        interest.unsubscribed_at = timezone.now()
        interest.save(update_fields=["unsubscribed_at"])
        record_action(interest, action="unsubscribe")
    return interest


# --- Programmes (protocol 3.1) ------------------------------------------------------------


def _move_programme(programme, target, *, by, action) -> WorkExperienceProgramme:
    programme = WorkExperienceProgramme.objects.select_for_update().get(pk=programme.pk)
    move_status(programme, target, workflow=PROGRAMME_WORKFLOW, by=by, action=action)
    return programme


@transaction.atomic
def open_programme(programme, *, by) -> WorkExperienceProgramme:
    programme = _move_programme(programme, ProgrammeStatus.OPEN, by=by, action="open")
    _tell_interested_people(programme)
    return programme


def _tell_interested_people(programme):
    """Protocol 3.2.3: Corporate Recruitment notify those who expressed an interest. Once
    per person per programme: the key makes re-opening a closed programme send nothing."""
    context = _programme_context(programme)
    for interest in ExpressionOfInterest.objects.filter(unsubscribed_at__isnull=True):
        notify(
            recipient=interest.email,
            template="placements/we_programme_open",
            context={
                **context,
                "name": interest.full_name,
                "unsubscribe_url": absolute_url("we_unsubscribe", interest.unsubscribe_token),
            },
            key=f"we-interest-{interest.pk}-programme-{programme.pk}",
            related=interest,
        )


@transaction.atomic
def close_programme(programme, *, by) -> WorkExperienceProgramme:
    return _move_programme(programme, ProgrammeStatus.CLOSED, by=by, action="close")


@transaction.atomic
def start_programme(programme, *, by) -> WorkExperienceProgramme:
    """The placement days have begun; applications stay closed."""
    return _move_programme(programme, ProgrammeStatus.RUNNING, by=by, action="start")


@transaction.atomic
def finish_programme(programme, *, by) -> WorkExperienceProgramme:
    return _move_programme(programme, ProgrammeStatus.FINISHED, by=by, action="finish")


def closed_problem(programme, now=None, *, application=None) -> str:
    """Why this programme takes no applications now, or "" when it does. An exception to
    the closing time (2.3) lets this application in after it, until the programme runs."""
    now = now or timezone.now()
    late_allowed = waived(application, ExceptionRule.CLOSING_TIME)
    open_statuses = (ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED) if late_allowed else (ProgrammeStatus.OPEN,)
    if programme.status not in open_statuses or now < programme.applications_open_at:
        return f"{programme.title} is not open for applications."
    if now >= programme.applications_close_at and not late_allowed:
        closed_at = timezone.localtime(programme.applications_close_at)
        return f"Applications for {programme.title} closed at {closed_at:%-H:%M on %-d %B %Y}."
    return ""


# --- Checks an application must pass before it is sent ------------------------------------


def question_field(question_id) -> str:
    """The name under which an eligibility question's answer is checked and shown."""
    return f"question_{question_id}"


def eligibility_problems(programme, answers: dict) -> dict[int, str]:
    """Question ID -> why the answer does not meet the criterion (its explanation), or
    "Answer this question." Ineligible answers are explained, never silently rejected."""
    problems = {}
    for question in programme.questions.all():
        answer = answers.get(str(question.pk))
        if answer is None:
            problems[question.pk] = "Answer this question."
        elif answer != question.eligible_answer:
            problems[question.pk] = question.explanation
    return problems


# Issue 8: a date of birth must give a plausible age on the first day of the programme; a
# typing slip (2100, 1900) is shown next to the field rather than saved. 13 is the youngest
# anyone is in Year 9, when schools start arranging work experience; 100 is generous.
PLAUSIBLE_AGES = range(13, 101)


def date_of_birth_problem(programme, date_of_birth) -> str:
    """Why this date of birth cannot be right, or ""; checked on drafts too."""
    if programme.age_on_first_day(date_of_birth) not in PLAUSIBLE_AGES:
        return (
            f"Check your date of birth: on the first day of the programme ({programme.starts_on:%-d %B %Y}) you "
            f"would be {programme.age_on_first_day(date_of_birth)}. Enter a date that makes you between "
            f"{PLAUSIBLE_AGES.start} and {PLAUSIBLE_AGES.stop - 1}."
        )
    return ""


def age_problem(programme, date_of_birth) -> str:
    if problem := date_of_birth_problem(programme, date_of_birth):
        return problem
    if programme.age_on_first_day(date_of_birth) < programme.minimum_age:
        return (
            f"You need to be {programme.minimum_age} or over on the first day of the programme "
            f"({programme.starts_on:%-d %B %Y}) to take part."
        )
    return ""


def application_problems(application) -> dict[str, str]:
    """Field name -> what to put right before the application can be sent."""
    required = {
        "date_of_birth": "Enter your date of birth.",
        "school": "Enter the name of your school or college.",
        "statement": "Tell us why you would like to do work experience with Kent Police.",
        "emergency_contact_name": "Enter the name of someone we can call in an emergency.",
        "emergency_contact_phone": "Enter a phone number for your emergency contact.",
    }
    # Protocol 3.5.3: under 18 on the first day, a parent or guardian gives consent.
    if application.needs_guardian_consent:
        required |= {
            "guardian_name": "You are under 18 on the first day: enter your parent or guardian's name.",
            "guardian_email": "You are under 18 on the first day: enter your parent or guardian's email.",
            "guardian_phone": "You are under 18 on the first day: enter your parent or guardian's phone number.",
        }
    problems = {name: message for name, message in required.items() if not getattr(application, name)}
    # Protocol 2.3: an exception to the minimum age or to a criterion waives that check only.
    check_age = date_of_birth_problem if waived(application, ExceptionRule.MINIMUM_AGE) else age_problem
    if application.date_of_birth and (problem := check_age(application.programme, application.date_of_birth)):
        problems["date_of_birth"] = problem
    waived_criteria = waived_questions(application)
    for question_id, problem in eligibility_problems(application.programme, application.eligibility_answers).items():
        if question_id not in waived_criteria or str(question_id) not in application.eligibility_answers:
            problems[question_field(question_id)] = problem
    return problems


# --- The applicant's draft and submission (protocol 3.2) ----------------------------------


@transaction.atomic
def save_draft(programme, applicant, answers: dict) -> WorkExperienceApplication:
    """The applicant's single draft for a programme, created or updated. Once sent it is
    no longer theirs to edit."""
    existing = WorkExperienceApplication.objects.filter(programme=programme, applicant=applicant).first()
    if problem := closed_problem(programme, application=existing):
        raise DomainError(problem)
    if (born := answers.get("date_of_birth")) and (problem := date_of_birth_problem(programme, born)):
        raise DomainError(problem)
    application, _ = WorkExperienceApplication.objects.get_or_create(programme=programme, applicant=applicant)
    application = WorkExperienceApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != S.DRAFT:
        raise ApplicationAlreadySent("You have already sent this application.")
    for name in APPLICATION_FIELDS:
        setattr(application, name, answers.get(name) or EMPTY_ANSWERS.get(name, ""))
    application.save()
    return application


@transaction.atomic
def submit_application(application, *, by) -> WorkExperienceApplication:
    """draft -> applied. Idempotent: sending an application already sent (a double click)
    returns it unchanged and emails nothing more."""
    application = _locked(application)
    if application.status == S.APPLIED:
        return application
    APPLICATION_WORKFLOW.check(application.status, S.APPLIED)
    if problem := closed_problem(application.programme, application=application):
        raise DomainError(problem)
    if problems := application_problems(application):
        raise DomainError(" ".join(problems.values()))
    application.status = S.APPLIED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    record_action(application, action="submit", by=by, from_state=S.DRAFT, to_state=S.APPLIED)
    if not has_role(application.applicant, Role.APPLICANT):
        assign_role(application.applicant, Role.APPLICANT, by=by, reason="sent a work experience application")
    _email_applicant(application, "applied")
    return application


# --- Staff decisions through the lifecycle ------------------------------------------------


def _locked(application) -> WorkExperienceApplication:
    return (
        WorkExperienceApplication.objects.select_for_update(of=("self",))
        .select_related("programme", "applicant")
        .get(pk=application.pk)
    )


def _move(application, target, *, by, action, reason="", **changes) -> WorkExperienceApplication:
    """Check and make one move of the lifecycle. An application leaving the states that
    hold a place gives its place back to the programme; one that ends closes what vetting
    still has open for it."""
    application = _locked(application)
    previous = application.status
    move_status(application, target, workflow=APPLICATION_WORKFLOW, by=by, action=action, reason=reason, **changes)
    if previous in PLACE_HOLDING_APPLICATIONS and target not in PLACE_HOLDING_APPLICATIONS:
        release(PROGRAMME_PLACES, application.programme_id, by=by, holder=application)
    if target in ENDED_APPLICATIONS:  # issue 10: no check, referee or consent link left open
        subject_closed(application, by=by)
    return application


@transaction.atomic
def shortlist_application(application, *, by) -> WorkExperienceApplication:
    application = _move(application, S.SHORTLISTED, by=by, action="shortlist")
    _email_applicant(application, "shortlisted")
    return application


@transaction.atomic
def decline_application(application, *, by, reason: DeclineReason, note: str = "") -> WorkExperienceApplication:
    """Protocol 3.1.2 and 3.2.2: not eligible, no room, or the exigencies of duty; and 2.4:
    conduct, at any stage."""
    reason = DeclineReason(reason)
    if reason != DeclineReason.CONDUCT and application.status in DECLINED_ONLY_FOR_CONDUCT:
        raise DomainError(
            f"While an application is at “{ApplicationStatus(application.status).label}” it can be declined "
            "only for conduct."
        )
    application = _move(
        application,
        S.DECLINED,
        by=by,
        action="decline",
        reason=note or reason.label,
        decline_reason=reason,
        status_reason=note,
    )
    _email_applicant(application, "declined", reason=reason.label, note=note)
    return application


@transaction.atomic
def start_vetting(application, *, by) -> WorkExperienceApplication:
    """Protocol 3.3.1: vetting in line with Force Policy P04. The required checks are
    requested of the vetting officer; their decisions call record_clearance (placements/vetted.py)."""
    application = _move(application, S.VETTING, by=by, action="start_vetting")
    request_checks(application, WORK_EXPERIENCE_CHECKS, by=by)
    _email_applicant(application, "vetting")
    return application


@transaction.atomic
def record_clearance(application, *, by, cleared: bool, note: str = "") -> WorkExperienceApplication:
    target = S.CLEARED if cleared else S.VETTING_REFUSED
    application = _move(application, target, by=by, action="record_clearance", reason=note)
    # Vetting detail stays with the vetting team (DOMAIN.md §3): the email says only the outcome.
    _email_applicant(application, "cleared" if cleared else "vetting_refused")
    return application


@transaction.atomic
def request_agreement(application, *, by) -> WorkExperienceApplication:
    """Protocol 3.4.1: the Work Placement Agreement is signed before the start date. The
    agreement, and the guardian's consent link (3.5.3), are vetting's: it emails them."""
    application = _move(application, S.AGREEMENT_PENDING, by=by, action="request_agreement")
    open_agreement(application, by=by)
    return application


@dataclass(frozen=True)
class Requirement:
    """Something that must be in before a place is confirmed, and its words when it is not;
    ``met`` asks it of one application, ``where`` of a queryset in SQL (the staff home's
    queues, placements.queues), and the two must agree (placements/tests/test_requirement_queues.py)."""

    name: str
    missing: str
    met: Callable[[WorkExperienceApplication], bool]
    where: Callable[[], Q]


# Protocol 3.3.2 and 3.4.1: what the joining instructions wait for ("once the necessary
# checks and references have been completed"), then what confirming the place waits for
# (those, and "confirmation of attendance is received"). The checks, references and the
# signed agreement come from the vetting app (issue 10): each is one line here. (The Student
# Placement Risk Assessment is not one: it comes "at the start of the placement", 3.5.4,
# before the first activity.)
JOINING_REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "vetting_cleared",
        "the vetting checks are not all cleared",
        vetting_cleared,
        # the placement's last day, as vetting.subjects describes an application
        lambda: vetting_cleared_where(WorkExperienceApplication, ends_on=OuterRef("programme__ends_on")),
    ),
    Requirement(
        "references_received",
        "the references are not all received",
        references_received,
        lambda: references_received_where(WorkExperienceApplication),
    ),
    Requirement(
        "agreement_signed",
        "the Work Placement Agreement is not signed by everyone",
        agreement_signed,
        lambda: agreement_signed_where(WorkExperienceApplication),
    ),
)
CONFIRM_REQUIREMENTS: tuple[Requirement, ...] = (
    *JOINING_REQUIREMENTS,
    Requirement(
        "attendance_confirmed",
        "the applicant has not confirmed they will attend",
        lambda application: application.attendance_confirmed_at is not None,
        lambda: Q(attendance_confirmed_at__isnull=False),
    ),
)
AGREEMENT_SIGNED = next(requirement for requirement in JOINING_REQUIREMENTS if requirement.name == "agreement_signed")


def meeting(requirements) -> Q:
    """The applications that meet every one of ``requirements``, in SQL."""
    condition = Q()
    for requirement in requirements:
        condition &= requirement.where()
    return condition


def _missing(requirements, application) -> list[str]:
    return [requirement.missing for requirement in requirements if not requirement.met(application)]


def missing_for_joining_instructions(application) -> list[str]:
    """What the joining instructions still wait for, in words: the application page shows it."""
    return _missing(JOINING_REQUIREMENTS, application)


def missing_for_confirmation(application) -> list[str]:
    """What is not in yet, in words ("" for none): the application page shows it by the button."""
    return _missing(CONFIRM_REQUIREMENTS, application)


@transaction.atomic
def send_joining_instructions(application, *, by) -> WorkExperienceApplication:
    """Protocol 3.3.2: once the checks and references are complete (and the agreement signed,
    3.4.1), the Corporate Recruitment Team sends the joining instructions, which ask the
    applicant to confirm they will attend. Once: sending again (a double click, or two of the
    team at once) changes nothing and emails nothing more."""
    if not by.has_perm("placements.decide_applications"):
        raise DomainError("Only the Corporate Recruitment Team may send the joining instructions.")
    application = _locked(application)
    if application.status != S.AGREEMENT_PENDING:
        raise DomainError("The joining instructions are sent once the Work Placement Agreement has been asked for.")
    if application.joining_instructions_sent_at is not None:
        return application
    if missing := missing_for_joining_instructions(application):
        raise DomainError(f"The joining instructions cannot be sent yet: {'; '.join(missing)}.")
    application.joining_instructions_sent_at = timezone.now()
    application.save(update_fields=["joining_instructions_sent_at"])
    record_action(application, action="send_joining_instructions", by=by)
    _email_applicant(application, "joining_instructions")
    return application


@transaction.atomic
def confirm_application(application, *, by) -> WorkExperienceApplication:
    """agreement_pending -> confirmed, taking one of the programme's places, once the
    applicant has confirmed they will attend (protocol 3.3.2); they are told their place is
    confirmed (they had the joining instructions before)."""
    if missing := missing_for_confirmation(application):
        raise DomainError(f"This place cannot be confirmed yet: {'; '.join(missing)}.")
    application = _move(application, S.CONFIRMED, by=by, action="confirm")
    # The conditional UPDATE of the one counter helper; programme_capacity_never_exceeded stands behind it.
    if not take(PROGRAMME_PLACES, application.programme_id, by=by, holder=application):
        if not waived(application, ExceptionRule.CAPACITY):
            raise DomainError("This programme has no places left.")
        _add_a_place(application, by=by)
    _email_applicant(application, "confirmed")
    if application.needs_guardian_consent and application.guardian_email:
        _email_guardian_confirmed(application)
    return application


def _email_guardian_confirmed(application) -> None:
    """Protocol 3.5.3: under 18 on the first day, the parent or guardian consented to the
    placement, so they are told it is confirmed: when, where, and whom to call. No link: they
    have no account, and the applicant's own page is the applicant's."""
    notify(
        recipient=application.guardian_email,
        template="placements/we_confirmed_guardian",
        context={
            **_programme_context(application.programme),
            **_joining_context(application.programme),
            "guardian_name": application.guardian_name,
            "applicant_full_name": application.applicant.full_name,
        },
        key=f"we-confirmed-guardian-{application.pk}",
        related=application,
    )


def _add_a_place(application, *, by) -> None:
    """Protocol 2.3: an exception to capacity gives the full programme one more place, for
    this application; the capacity grows by one (logged), so the counter stays true."""
    programme = WorkExperienceProgramme.objects.select_for_update().get(pk=application.programme_id)
    programme.capacity += 1
    programme.save(update_fields=["capacity"])
    record_action(programme, action="add_place", by=by, reason=f"An exception to capacity for {application}")
    if not take(PROGRAMME_PLACES, programme.pk, by=by, holder=application):
        raise DomainError("This programme has no places left.")


@transaction.atomic
def withdraw_application(application, *, by) -> WorkExperienceApplication:
    """The applicant may withdraw at any time before completion; a place they held is freed."""
    application = _move(application, S.WITHDRAWN, by=by, action="withdraw")
    _email_applicant(application, "withdrawn")
    return application


@transaction.atomic
def withdraw_for_erasure(application, *, by) -> WorkExperienceApplication:
    """The applicant asked for their personal data to be erased (issue 13): the Head of
    Resourcing's erasure withdraws the application first, so it leaves the team's queues and a
    place it held is freed; vetting closes what it has open, and referees still asked are told,
    as for any withdrawal. No email to the applicant, nor to their parent or guardian: they asked
    to be forgotten, and the erasure deletes the outbox rows to the applicant's address anyway."""
    check_may_erase(by)
    return _move(application, S.WITHDRAWN, by=by, action="withdraw_for_erasure")


@transaction.atomic
def mark_attending(application, *, by) -> WorkExperienceApplication:
    """On the first day, not before: the participant has arrived (issue 10)."""
    APPLICATION_WORKFLOW.check(application.status, S.ATTENDING)
    if timezone.localdate() < application.programme.starts_on:
        raise DomainError(
            f"A participant is marked as attending from the first day ({application.programme.starts_on:%-d %B %Y})."
        )
    return _move(application, S.ATTENDING, by=by, action="mark_attending")


@transaction.atomic
def complete_application(application, *, by) -> WorkExperienceApplication:
    application = _move(application, S.COMPLETED, by=by, action="complete")
    _email_applicant(application, "completed")
    return application


@transaction.atomic
def discontinue_application(application, *, by, reason: str) -> WorkExperienceApplication:
    """Protocol 2.4: the force may discontinue a placement "without notice, where standards
    are not met", from any state after shortlisting (issue 10). The conduct reason is
    recorded and told to the participant, their guardian and their school."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Give the reason for discontinuing the placement.")
    application = _move(application, S.DISCONTINUED, by=by, action="discontinue", reason=reason, status_reason=reason)
    _email_applicant(application, "discontinued", reason=reason)
    # Protocol 2.4 with 3.5.3: a participant under 18 is in their parent or guardian's
    # care, so the guardian is told as well; and the school, when the applicant gave its contact.
    context = {**application_context(application), "reason": reason}
    if application.needs_guardian_consent and application.guardian_email:
        notify(
            recipient=application.guardian_email,
            template="placements/we_discontinued_guardian",
            context={**context, "guardian_name": application.guardian_name},
            key=f"we-discontinued-guardian-{application.pk}",
            related=application,
        )
    if application.school_email:
        notify(
            recipient=application.school_email,
            template="placements/we_discontinued_school",
            context={**context, "applicant_full_name": application.applicant.full_name, "school": application.school},
            key=f"we-discontinued-school-{application.pk}",
            related=application,
        )
    return application


# --- Emails -------------------------------------------------------------------------------


def _programme_context(programme) -> dict:
    return {
        "programme_title": programme.title,
        "starts_on": f"{programme.starts_on:%A %-d %B %Y}",
        "ends_on": f"{programme.ends_on:%A %-d %B %Y}",
        "venue": programme.venue,
        "closes_at": f"{timezone.localtime(programme.applications_close_at):%-H:%M on %A %-d %B %Y}",
        "programme_url": absolute_url("we_programme", programme.pk),
    }


def application_context(application) -> dict:
    return {
        **_programme_context(application.programme),
        "applicant_name": application.applicant.get_short_name(),
        "my_applications_url": absolute_url("we_my_applications"),
    }


def _joining_context(programme) -> dict:
    return {
        "arrival_time": f"{programme.arrival_time:%-H:%M}" if programme.arrival_time else "",
        "what_to_bring": programme.what_to_bring,
        "dress_code": programme.dress_code,
        "contact_details": programme.contact_details,
    }


def _email_applicant(application, name, **extra):
    context = application_context(application) | extra
    if name in ("joining_instructions", "confirmed"):
        context |= _joining_context(application.programme)
    if name == "joining_instructions":
        context["confirm_attendance_url"] = absolute_url("confirm_attendance", application.pk)
        context["confirm_by"] = f"{attendance_deadline(application.programme):%A %-d %B %Y}"
    if name == "confirmed":
        # Protocol 3.5.3: under 18, the participant is in their parent or guardian's care.
        context["under_18"] = application.needs_guardian_consent
    notify(
        recipient=application.applicant.email,
        template=f"placements/we_{name}",
        context=context,
        key=f"we-{name}-{application.pk}",
        related=application,
    )
