"""The placement days themselves (seed 001, the Work Experience Protocol): who escorts a
participant, what they do (3.5.2, 3.5.6), the Student Placement Risk Assessment (3.5.4),
DRAs (3.5.5), confirming attendance (3.3.2), the daily register and the diary (3.4.3).
One function per change."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.audit import record_action
from accounts.roles import Role, has_role
from kentplacements.workflow import DomainError
from notifications.services import notify

from ..enums import (
    ENDED_APPLICATIONS,
    ActivityKind,
    ActivityLocation,
    ApplicationStatus,
    ForbiddenActivity,
    ProgrammeStatus,
)
from ..links import absolute_url
from ..models import (
    Activity,
    AttendanceRecord,
    DiaryEntry,
    DynamicRiskAssessment,
    RiskAssessment,
    RiskAttachment,
    SecurityBriefing,
    WorkExperienceApplication,
)
from ..models.work_experience import DEFAULT_REVIEW_DAYS
from ..personal_data import find_forbidden_situations, find_personal_data
from ..selectors.placement_days import ON_PLACEMENT, recruitment_team

# Protocol 3.3.2: "confirmation of attendance is received"; the applicant is reminded
# this long before the deadline, and staff are told once it has passed.
ATTENDANCE_REMINDER_LEAD = timedelta(days=2)

S = ApplicationStatus
# Protocol 3.5.4: the Student Placement Risk Assessment is completed "at the start of the
# placement": from clearance on, so that it is ready for the first day (issue 10: it is no
# longer a condition of confirming the place).
RISK_ASSESSED_FROM = (S.CLEARED, S.AGREEMENT_PENDING, S.CONFIRMED, S.ATTENDING)


def _require_escort_or_team(application, by) -> None:
    """Protocol 3.5.5: the escorting officer (or the Corporate Recruitment Team, who run
    the programme) records what happens to a participant; nobody else, and nobody once
    the participant has withdrawn, completed or been discontinued (the rule
    placements.record_for_participant says both)."""
    if by.has_perm("placements.record_for_participant", application):
        return
    if application.status in ENDED_APPLICATIONS:
        raise DomainError(
            f"This participant's placement has ended ({application.get_status_display().lower()}): "
            "their record can be read but not added to."
        )
    raise DomainError("Only the participant's escorting officer or the Corporate Recruitment Team may do this.")


def _require_team(by) -> None:
    if not has_role(by, Role.RECRUITMENT_TEAM):
        raise DomainError("Only the Corporate Recruitment Team may do this.")


def programme_day_problem(programme, day) -> str:
    """Issue 8: what happens on a placement (activities, DRAs; the register checks its own
    day) happens on one of the programme's days; "" when ``day`` is one of them."""
    if programme.starts_on <= day <= programme.ends_on:
        return ""
    return f"Choose a day of the programme: {programme.starts_on:%-d %B} to {programme.ends_on:%-d %B %Y}."


def _check_programme_day(programme, day) -> None:
    if problem := programme_day_problem(programme, day):
        raise DomainError(problem)


# --- the escorting officer ------------------------------------------------------------


@transaction.atomic
def assign_escorting_officer(application, *, by, officer):
    _require_team(by)
    if not has_role(officer, Role.ESCORTING_OFFICER):
        raise DomainError(f"{officer} is not an escorting officer: give them the role first.")
    application.escorting_officer = officer
    application.save(update_fields=["escorting_officer"])
    record_action(application, action="assign_escorting_officer", by=by, reason=f"{officer} escorts them")
    return application


def check_not_forbidden(*texts, not_forbidden: bool) -> None:
    """Protocol 3.5.2: notes that mention an ERV, a sudden death or a post mortem are saved
    only once the writer confirms the participant was kept away from it (the forms show
    the warning first: forms.placement_days.WarnsOfForbiddenSituations)."""
    found = [mention for text in texts for mention in find_forbidden_situations(text or "")]
    if found and not not_forbidden:
        raise DomainError(
            f"Protocol 3.5.2: this mentions {', '.join(found)}. Confirm the participant was not deployed "
            "in an ERV and did not attend a sudden death, a post mortem or a similar incident."
        )


# --- the security briefing (3.4.1) --------------------------------------------------------


@transaction.atomic
def record_security_briefing(application, *, by, given_by, given_on):
    """Protocol 3.4.1: force security requirements "must be explained by the nominated
    local contact at the start of the individual's placement"; recorded once, before any
    activity (record_activity)."""
    _require_escort_or_team(application, by)
    if application.status not in ON_PLACEMENT:
        raise DomainError("The security briefing is given once the placement is confirmed.")
    _check_programme_day(application.programme, given_on)
    if SecurityBriefing.objects.filter(application=application).exists():
        raise DomainError("This participant's security briefing is already recorded.")
    briefing = SecurityBriefing.objects.create(
        application=application, given_by=given_by.strip(), given_on=given_on, recorded_by=by
    )
    record_action(briefing, action="record_security_briefing", by=by)
    return briefing


# --- activities (3.5.2, 3.5.6) ----------------------------------------------------------


def _check_kind(kind: str) -> None:
    if kind in ForbiddenActivity.values:
        # Protocol 3.5.2: never, whatever the circumstances.
        raise DomainError(
            f"Protocol 3.5.2: work-experience participants are never allowed this: {ForbiddenActivity(kind).label}."
        )
    if kind not in ActivityKind.values:
        raise DomainError("Protocol 3.5.6: choose one of the activities that may be accommodated.")


def _check_ready_for_activities(application, kind) -> None:
    """Protocol 3.4.1 and 3.5.4: the security briefing and the Student Placement Risk
    Assessment, covering this attachment, come before the activity."""
    if not SecurityBriefing.objects.filter(application=application).exists():
        raise DomainError("Record the security briefing (protocol 3.4.1) before any activity.")
    if not RiskAssessment.objects.filter(application=application).exists():
        raise DomainError("Record the Student Placement Risk Assessment (protocol 3.5.4) before any activity.")
    if not RiskAttachment.objects.filter(assessment__application=application, kind=kind).exists():
        raise DomainError(
            f"The Student Placement Risk Assessment does not cover {ActivityKind(kind).label.lower()} yet: "
            "add it as an attachment first (protocol 3.5.4)."
        )


def _off_site_confirmer(application, by, location, off_site_covered):
    """Protocol 3.5.2: "in most cases" participants remain on site; off site, the
    escorting officer (nobody else) confirms the risk assessment covers it."""
    if location == ActivityLocation.ON_SITE:
        return None
    if location != ActivityLocation.OFF_SITE:
        raise DomainError("Say whether the activity is on site or off site.")
    if application.escorting_officer_id != by.pk:
        raise DomainError("Only the participant's escorting officer may take them off site.")
    if not off_site_covered:
        raise DomainError("Confirm the Student Placement Risk Assessment covers this off-site activity.")
    return by


@transaction.atomic
def record_activity(
    application,
    *,
    by,
    date,
    kind,
    notes="",
    location=ActivityLocation.ON_SITE,
    off_site_covered=False,
    not_forbidden=False,
):
    _require_escort_or_team(application, by)
    _check_programme_day(application.programme, date)
    _check_kind(kind)
    _check_ready_for_activities(application, kind)
    confirmer = _off_site_confirmer(application, by, location, off_site_covered)
    check_not_forbidden(notes, not_forbidden=not_forbidden)
    activity = Activity.objects.create(
        application=application,
        date=date,
        kind=kind,
        location=location,
        off_site_confirmed_by=confirmer,
        escorting_officer=application.escorting_officer or by,
        notes=notes.strip(),
    )
    record_action(activity, action="record_activity", by=by, to_state=kind)
    return activity


# --- the Student Placement Risk Assessment (3.5.4) ------------------------------------------


def _check_review_due(assessed_on, review_due) -> None:
    if review_due < assessed_on:
        raise DomainError("The review date must be on or after the date of the assessment.")


@transaction.atomic
def record_risk_assessment(
    application, *, by, owner, assessed_on, summary, review_every_days=DEFAULT_REVIEW_DAYS, review_due=None
):
    """Protocol 3.5.4: completed "at the start of the placement": from clearance on, and
    before the first activity (record_activity). The first review falls due
    ``review_every_days`` after the assessment, unless a ``review_due`` is given."""
    _require_escort_or_team(application, by)
    if application.status not in RISK_ASSESSED_FROM:
        raise DomainError("The Student Placement Risk Assessment is recorded once vetting has cleared the applicant.")
    if review_every_days < 1:
        raise DomainError("Review the assessment at least every few days: give a number of days of 1 or more.")
    review_due = review_due or assessed_on + timedelta(days=review_every_days)
    _check_review_due(assessed_on, review_due)
    if RiskAssessment.objects.filter(application=application).exists():
        raise DomainError("This participant already has a Student Placement Risk Assessment: review it instead.")
    assessment = RiskAssessment.objects.create(
        application=application,
        owner=owner,
        assessed_on=assessed_on,
        review_every_days=review_every_days,
        review_due=review_due,
        summary=summary,
    )
    record_action(assessment, action="record_risk_assessment", by=by)
    return assessment


@transaction.atomic
def add_risk_attachment(
    assessment, *, by, kind, findings, hazards_identified, who_might_be_harmed, precautions_in_place, participant_told
):
    """Protocol 3.5.4: "the principles of the force's generic risk assessment framework
    should be applied to each attachment": one per activity area, with every check of the
    framework done (models.RiskAttachment)."""
    _require_escort_or_team(assessment.application, by)
    _check_kind(kind)
    checks = {
        "hazards_identified": hazards_identified,
        "who_might_be_harmed": who_might_be_harmed,
        "precautions_in_place": precautions_in_place,
        "participant_told": participant_told,
    }
    if not all(checks.values()):
        raise DomainError("Protocol 3.5.4: apply every step of the risk assessment framework to the attachment.")
    if RiskAttachment.objects.filter(assessment=assessment, kind=kind).exists():
        raise DomainError(f"The assessment already covers {ActivityKind(kind).label.lower()}.")
    attachment = RiskAttachment.objects.create(
        assessment=assessment, kind=kind, findings=findings.strip(), recorded_by=by, **checks
    )
    record_action(attachment, action="add_risk_attachment", by=by, to_state=kind)
    return attachment


@transaction.atomic
def review_risk_assessment(assessment, *, by, summary, review_due=None):
    """Protocol 3.5.4: "reviewed regularly"; the next review falls due at the set interval
    from today (or on ``review_due``). Once the placement has ended none is chased
    (overdue_risk_reviews)."""
    _require_escort_or_team(assessment.application, by)
    today = timezone.localdate()
    review_due = review_due or today + timedelta(days=assessment.review_every_days)
    earliest = max(today, assessment.assessed_on)
    if review_due < earliest:
        raise DomainError(f"The next review must be due on or after {earliest:%-d %B %Y}.")
    assessment.summary = summary
    assessment.review_due = review_due
    assessment.last_reviewed_on = today
    assessment.save(update_fields=["summary", "review_due", "last_reviewed_on"])
    record_action(assessment, action="review_risk_assessment", by=by)
    return assessment


def overdue_risk_reviews(today):
    """Assessments overdue for review while the placement is still to come or under way:
    once the programme's last day has passed, the programme is finished or the
    participant has withdrawn, completed or been discontinued, there is nothing left to
    review (issue 8 §5: owners were emailed every day for ever). Also a staff work queue."""
    return (
        RiskAssessment.objects.filter(review_due__lt=today, application__programme__ends_on__gte=today)
        .exclude(application__programme__status=ProgrammeStatus.FINISHED)
        .exclude(application__status__in=ENDED_APPLICATIONS)
    )


def _overdue_reviews(today):
    """Overdue and not yet chased today."""
    return overdue_risk_reviews(today).exclude(last_reminded_on=today)


def remind_overdue_risk_reviews(today=None) -> int:
    """Run by celery beat daily: email the owner of each assessment whose review is
    overdue, once a day (``last_reminded_on`` records the day it went)."""
    today = today or timezone.localdate()
    return sum(_remind_owner(pk, today) for pk in _overdue_reviews(today).values_list("pk", flat=True))


@transaction.atomic
def _remind_owner(assessment_id, today) -> bool:
    assessment = (
        _overdue_reviews(today)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("owner", "application__applicant", "application__programme")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        return False
    application = assessment.application
    notify(
        recipient=assessment.owner.email,
        template="placements/day_risk_review_overdue",
        context={
            "owner_name": assessment.owner.full_name,
            "participant_name": application.applicant.full_name,
            "programme_title": application.programme.title,
            "review_due": assessment.review_due,
            "page_url": absolute_url("staff_participant", application.pk),
        },
        key=f"day-risk-review-{assessment.pk}-{today.isoformat()}",
        related=assessment,
    )
    assessment.last_reminded_on = today
    assessment.save(update_fields=["last_reminded_on"])
    return True


# --- DRAs (3.5.5) -------------------------------------------------------------------------


@transaction.atomic
def record_dra(application, *, by, occurred_at, event, hazards, controls, outcome="", not_forbidden=False):
    """Protocol 3.5.5: every incident or event is subject to a DRA, recorded by the
    escorting officer; the supervisor reads it on the participant's staff page."""
    _require_escort_or_team(application, by)
    check_not_forbidden(event, hazards, controls, outcome, not_forbidden=not_forbidden)
    if occurred_at > timezone.now():
        raise DomainError("A DRA records something that has happened: the time cannot be in the future.")
    _check_programme_day(application.programme, timezone.localdate(occurred_at))
    dra = DynamicRiskAssessment.objects.create(
        application=application,
        recorded_by=by,
        occurred_at=occurred_at,
        event=event,
        hazards=hazards,
        controls=controls,
        outcome=outcome,
    )
    record_action(dra, action="record_dra", by=by)
    return dra


# --- confirming attendance (3.3.2) ------------------------------------------------------------


def attendance_deadline(programme):
    return programme.starts_on - timedelta(days=programme.attendance_confirmation_days)


@transaction.atomic
def confirm_attendance(application, *, by):
    """Protocol 3.3.2: the applicant confirms they will attend once the joining instructions
    have gone, and before the place is confirmed (confirm_application waits for it).
    Confirming twice changes nothing."""
    if application.applicant_id != by.pk:
        raise DomainError("Only the applicant can confirm they will attend.")
    if application.attendance_confirmed_at is not None:
        return application
    if not awaits_attendance(application):
        raise DomainError("You can confirm you will attend once we have sent your joining instructions.")
    application.attendance_confirmed_at = timezone.now()
    application.save(update_fields=["attendance_confirmed_at"])
    record_action(application, action="confirm_attendance", by=by)
    return application


def awaits_attendance(application) -> bool:
    """The joining instructions have gone and the place waits for the applicant's answer."""
    return application.status == ApplicationStatus.AGREEMENT_PENDING and bool(application.joining_instructions_sent_at)


def chase_attendance_confirmations(now=None) -> int:
    """Run by celery beat daily: remind applicants two days before their deadline, then
    tell the Corporate Recruitment Team once it has passed. The timestamps on the
    application make each step happen once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = WorkExperienceApplication.objects.filter(
        status=ApplicationStatus.AGREEMENT_PENDING,
        joining_instructions_sent_at__isnull=False,
        attendance_confirmed_at__isnull=True,
        programme__starts_on__gte=today,
    )
    return sum(_chase(pk, today, now) for pk in waiting.values_list("pk", flat=True))


@transaction.atomic
def _chase(application_id, today, now) -> bool:
    application = (
        WorkExperienceApplication.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("applicant", "programme")
        .filter(pk=application_id, attendance_confirmed_at__isnull=True)
        .first()
    )
    if application is None:
        return False
    deadline = attendance_deadline(application.programme)
    if today > deadline and application.attendance_flagged_at is None:
        _flag_to_team(application, deadline)
        application.attendance_flagged_at = now
        application.save(update_fields=["attendance_flagged_at"])
        return True
    if deadline - ATTENDANCE_REMINDER_LEAD <= today <= deadline and application.attendance_reminded_at is None:
        _remind_applicant(application, deadline)
        application.attendance_reminded_at = now
        application.save(update_fields=["attendance_reminded_at"])
        return True
    return False


def _attendance_context(application, deadline) -> dict:
    return {
        "participant_name": application.applicant.full_name,
        "programme_title": application.programme.title,
        "starts_on": application.programme.starts_on,
        "deadline": deadline,
    }


def _remind_applicant(application, deadline) -> None:
    notify(
        recipient=application.applicant.email,
        template="placements/day_attendance_reminder",
        context={
            **_attendance_context(application, deadline),
            "confirm_url": absolute_url("confirm_attendance", application.pk),
        },
        key=f"day-attendance-reminder-{application.pk}",
        related=application,
    )


def _flag_to_team(application, deadline) -> None:
    context = {
        **_attendance_context(application, deadline),
        "page_url": absolute_url("staff_participant", application.pk),
    }
    for member in recruitment_team():
        notify(
            recipient=member.email,
            template="placements/day_attendance_flag",
            context=context,
            key=f"day-attendance-flag-{application.pk}-{member.pk}",
            related=application,
        )


# --- the daily register ---------------------------------------------------------------------


@transaction.atomic
def record_attendance(application, *, by, date, present: bool, note=""):
    """The daily register: one row per participant per day; saving again corrects it
    (attendance_once_a_day)."""
    _require_team(by)
    programme = application.programme
    if not programme.starts_on <= date <= programme.ends_on:
        raise DomainError("That day is not one of the programme's days.")
    record, created = AttendanceRecord.objects.update_or_create(
        application=application, date=date, defaults={"present": present, "note": note.strip(), "recorded_by": by}
    )
    # Who marked whom present or absent, and when; the note stays on the record only.
    record_action(
        record,
        action="record attendance" if created else "correct attendance",
        by=by,
        to_state="present" if present else "absent",
    )
    return record


@transaction.atomic
def record_register(*, by, date, entries):
    """The whole day's register at once: every row is saved, or none is.
    ``entries`` are (application, present, note)."""
    return [
        record_attendance(application, by=by, date=date, present=present, note=note)
        for application, present, note in entries
    ]


# --- the diary (3.4.3) -------------------------------------------------------------------------


@transaction.atomic
def add_diary_entry(application, *, by, date, text, not_forbidden=False):
    """Protocol 3.4.3: a participant's notes "must not breach the Data Protection Act ...
    or include sensitive information": text that looks like personal data (including the
    names of other people held here) is refused; a forbidden situation (3.5.2) needs the
    participant's confirmation."""
    if application.applicant_id != by.pk:
        raise DomainError("Only the participant keeps their diary.")
    check_not_forbidden(text, not_forbidden=not_forbidden)
    if found := find_personal_data(text, writer=by):
        raise DomainError(f"Protocol 3.4.3: remove the personal data first ({', '.join(found)}).")
    entry = DiaryEntry.objects.create(application=application, date=date, text=text.strip())
    # That an entry was written, never what it says (the participant's own notes).
    record_action(entry, action="add diary entry", by=by)
    return entry
