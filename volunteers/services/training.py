"""The training course (seed 002: "training will start at the end of April which will take
place over five weekends over a 10 week period"): the recruitment team sets up a campaign's
course, moves its weekends, keeps each weekend's register of the trainees (the campaign's
applications in training) and, once a trainee has attended every weekend, completes their
training: the application becomes an active volunteer. One function per change (STYLE.md):
checks, a transaction, the action log, and an email to whoever it concerns."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.audit import record_action
from kentplacements.workflow import DomainError

from ..enums import VolunteerApplicationStatus
from ..models import RecruitmentCampaign, TrainingAttendance, TrainingCourse, TrainingSession, VolunteerApplication
from .applications import email_applicant, locked_application, move_application

S = VolunteerApplicationStatus
# Seed 002: five weekends over ten weeks, so one every other weekend.
WEEKENDS = 5
WEEKS_APART = 2
SATURDAY = 5  # date.weekday()
# What set_up_training proposes; the team then changes each weekend's times and place.
WEEKEND_STARTS = time(9, 0)  # on the Saturday
WEEKEND_ENDS = time(16, 30)  # on the Sunday
DEFAULT_PLACE = "Kent Police College, Coverdale Avenue, Maidstone ME15 9DW"
# Sanity checks on dates typed by hand: a weekend (Friday evening at the earliest to Sunday
# night) and within two years of today either way (a slip of the year: 2062, 1926).
LONGEST_SESSION = timedelta(days=3)
FURTHEST = timedelta(days=730)


def first_saturday(day):
    return day + timedelta(days=(SATURDAY - day.weekday()) % 7)


def weekend_times(starts_on) -> list[tuple[datetime, datetime]]:
    """The course's weekends: from the first Saturday on or after ``starts_on``, one every
    ``WEEKS_APART`` weeks, Saturday morning to Sunday afternoon."""
    first = first_saturday(starts_on)
    saturdays = [first + timedelta(weeks=WEEKS_APART * n) for n in range(WEEKENDS)]
    return [
        (
            timezone.make_aware(datetime.combine(saturday, WEEKEND_STARTS)),
            timezone.make_aware(datetime.combine(saturday + timedelta(days=1), WEEKEND_ENDS)),
        )
        for saturday in saturdays
    ]


def year_problem(day, today=None) -> str:
    today = today or timezone.localdate()
    if abs(day - today) > FURTHEST:
        return f"Check the year: training takes place within two years of today ({today:%-d %B %Y})."
    return ""


def session_problems(starts_at, ends_at, location: str) -> dict[str, str]:
    """Field name -> why these times or this place cannot be a training weekend's; shown
    next to the field on the page, and refused by reschedule_session."""
    problems = {}
    if problem := year_problem(timezone.localdate(starts_at)):
        problems["starts_at"] = problem
    if ends_at <= starts_at:
        problems["ends_at"] = "The weekend must end after it starts."
    elif ends_at - starts_at > LONGEST_SESSION:
        problems["ends_at"] = "A training weekend lasts three days at most: check the end date."
    if not location.strip():
        problems["location"] = "Say where the training takes place."
    return problems


def trainees(campaign):
    """Seed 002's trainees: the campaign's applications in training (offered and accepted)."""
    return VolunteerApplication.objects.filter(campaign=campaign, status=S.IN_TRAINING).select_related("applicant")


@transaction.atomic
def set_up_training(campaign, *, by, starts_on=None) -> TrainingCourse:
    """The campaign's course with its five weekends, from ``starts_on`` or else the
    campaign's ``training_starts_on``, at WEEKEND_STARTS to WEEKEND_ENDS at DEFAULT_PLACE.
    The campaign row is locked, so a double click makes one course (the database's
    one-to-one holds it too)."""
    campaign = RecruitmentCampaign.objects.select_for_update().select_related("role").get(pk=campaign.pk)
    if TrainingCourse.objects.filter(campaign=campaign).exists():
        raise DomainError(f"The training for {campaign} is already set up.")
    starts_on = starts_on or campaign.training_starts_on
    if starts_on is None:
        raise DomainError(f"Give the day training starts: {campaign} has no training date yet.")
    if problem := year_problem(starts_on):
        raise DomainError(problem)
    course = TrainingCourse.objects.create(campaign=campaign, set_up_by=by, set_up_at=timezone.now())
    weekends = weekend_times(starts_on)
    for starts_at, ends_at in weekends:  # one by one, so each weekend's history starts here
        TrainingSession.objects.create(course=course, starts_at=starts_at, ends_at=ends_at, location=DEFAULT_PLACE)
    record_action(
        campaign,
        action="set_up_training",
        by=by,
        reason=f"{WEEKENDS} weekends from {timezone.localtime(weekends[0][0]):%A %-d %B %Y}",
    )
    return course


def _locked_session(session) -> TrainingSession:
    return (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("course__campaign__role")
        .get(pk=session.pk)
    )


@transaction.atomic
def reschedule_session(session, *, by, starts_at, ends_at, location: str) -> TrainingSession:
    """New times or place for a weekend whose register is not kept yet (once it is, the
    weekend has taken place as recorded). Each trainee is emailed the new times."""
    session = _locked_session(session)
    location = location.strip()
    if problems := session_problems(starts_at, ends_at, location):
        raise DomainError(" ".join(problems.values()))
    if session.attendance.exists():
        raise DomainError("This weekend's register is kept: it has taken place, so its dates stay as they are.")
    if (session.starts_at, session.ends_at, session.location) == (starts_at, ends_at, location):
        return session
    was = f"{session.when()}, {session.location}"
    session.starts_at, session.ends_at, session.location = starts_at, ends_at, location
    session.save()
    record_action(session, action="reschedule_training_session", by=by, reason=f"Was {was}")
    stamp = f"-{session.pk}-{timezone.now():%Y%m%d%H%M%S%f}"
    for trainee in trainees(session.course.campaign).select_related("campaign__role"):
        email_applicant(trainee, "training_moved", key_suffix=stamp, was=was, when=session.when(), place=location)
    return session


def _trainee(application, campaign_id) -> VolunteerApplication:
    application = locked_application(application)
    name = application.applicant.full_name or application.applicant.email
    if application.status != S.IN_TRAINING:
        raise DomainError(f"{name} is not in training: their application is {application.get_status_display()}.")
    if application.campaign_id != campaign_id:
        raise DomainError(f"{name} is not a trainee of this course.")
    return application


@transaction.atomic
def record_attendance(session, application, attended: bool, *, by) -> TrainingAttendance:
    """Whether the trainee attended the weekend, once it has started. Saving the same
    answer again changes and logs nothing; a correction is logged as a new entry."""
    session = TrainingSession.objects.select_related("course").get(pk=session.pk)
    application = _trainee(application, session.course.campaign_id)
    if session.starts_at > timezone.now():
        raise DomainError(f"The weekend of {session.when()} has not started: keep its register once it has.")
    row = TrainingAttendance.objects.filter(session=session, application=application).first()
    if row is not None and row.attended == attended:
        return row
    row = row or TrainingAttendance(session=session, application=application)
    row.attended, row.recorded_by, row.recorded_at = attended, by, timezone.now()
    row.save()
    saturday = f"{timezone.localtime(session.starts_at):%-d %B %Y}"
    record_action(
        application,
        action="record_training_attendance",
        by=by,
        reason=f"Weekend of {saturday}: {'attended' if attended else 'did not attend'}",
    )
    return row


@transaction.atomic
def record_register(session, attended_ids, *, by) -> list[TrainingAttendance]:
    """A weekend's whole register at once: the trainees ticked attended, the others did
    not. Every row is saved, or none is."""
    campaign = TrainingSession.objects.select_related("course__campaign").get(pk=session.pk).course.campaign
    return [
        record_attendance(session, trainee, trainee.pk in attended_ids, by=by)
        for trainee in trainees(campaign).order_by("pk")
    ]


def missing_weekends(sessions, attendance: dict) -> str:
    """What keeps the trainee from completing, in words ("absent on 2 May 2026; no
    attendance recorded for 16 May 2026"), or "" when they attended every weekend.
    ``attendance``: session pk -> attended, for this trainee."""
    absent = [s for s in sessions if attendance.get(s.pk) is False]
    unknown = [s for s in sessions if s.pk not in attendance]
    parts = []
    if absent:
        parts.append(f"absent on {_dates(absent)}")
    if unknown:
        parts.append(f"no attendance recorded for {_dates(unknown)}")
    return "; ".join(parts)


def _dates(sessions) -> str:
    return ", ".join(f"{timezone.localtime(s.starts_at):%-d %B %Y}" for s in sessions)


@transaction.atomic
def complete_training(application, *, by) -> VolunteerApplication:
    """Seed 002's training done: the trainee attended every weekend of the course (the
    pilot has no catch-up weekends, so a missed one keeps them in training until the team
    records it attended), and becomes an active volunteer, emailed a welcome."""
    application = _trainee(application, application.campaign_id)
    name = application.applicant.full_name or application.applicant.email
    course = TrainingCourse.objects.filter(campaign_id=application.campaign_id).first()
    if course is None:
        raise DomainError(f"The training for {application.campaign} is not set up yet.")
    sessions = list(course.sessions.all())
    attendance = dict(
        TrainingAttendance.objects.filter(application=application, session__course=course).values_list(
            "session_id", "attended"
        )
    )
    if missing := missing_weekends(sessions, attendance):
        raise DomainError(f"{name} cannot complete the training yet: every weekend must be attended ({missing}).")
    application = move_application(application, S.ACTIVE, by=by, action="complete_training")
    email_applicant(application, "welcome", hours=application.campaign.role.monthly_hours)
    return application
