"""Volunteers' hours (seed 002: the role is for adults "able to commit to 16 hours a month";
DOMAIN.md: "monthly hours log against the commitment, with a reminder when short"). An
active volunteer logs each duty they give time to, and may correct or remove one while its
month is open; near the month's end, whoever is short of their role's hours is reminded.

One function per change (STYLE.md): checks, a transaction holding the application's row lock
(so two entries for one day cannot together pass 24 hours), the action log. Logging,
correcting and removing email nobody: the volunteer did it and sees it on their page."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone

from accounts.audit import record_action
from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.services import notify_many

from ..enums import VolunteerApplicationStatus
from ..models import DutyLog, VolunteerApplication
from ..months import hours_figure, last_day_of, month_name, month_of, months_after, starts_at
from .applications import applicant_message, locked_application

ACTIVE = VolunteerApplicationStatus.ACTIVE
# The months a duty may be logged, corrected or removed in: this one and the one before, so
# a duty on a month's last evening can still be logged on the first days of the next. The
# months before are closed: the totals the team reads and exports for them no longer move.
OPEN_MONTHS = 2
# The month-end reminder (issue 11) goes from this many days before the month's last day (the
# 25th of a 30-day month): time enough to log what was forgotten or to give the hours still
# owed. The daily task sends it on the first run in that window, once a month per volunteer.
REMINDER_DAYS_BEFORE_MONTH_END = 5
HOURS_STEP = Decimal("0.25")  # a quarter of an hour: 2.5 and 3.75 are hours people log
HOURS_IN_A_DAY = Decimal(24)
NO_HOURS = Value(Decimal(0), output_field=DecimalField(max_digits=6, decimal_places=2))


def first_open_month(today):
    return months_after(month_of(today), 1 - OPEN_MONTHS)


def with_active_since(applications):
    """``applications`` with ``active_since``: when each became an active volunteer, as the
    action log says (move_status logs every move, to active too, whichever service makes it);
    None where the log does not say (a volunteer made active before the log was kept)."""
    became_active = ActionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(VolunteerApplication),
        object_id=Cast(OuterRef("pk"), CharField()),
        to_state=ACTIVE,
    ).order_by("created_at")
    return applications.annotate(active_since=Subquery(became_active.values("created_at")[:1]))


def active_since(application):
    """The day ``application`` became an active volunteer, or None if the log does not say."""
    since = with_active_since(VolunteerApplication.objects.filter(pk=application.pk)).values_list(
        "active_since", flat=True
    )
    moment = since.first()
    return timezone.localdate(moment) if moment else None


def first_loggable_day(application, today):
    """The earliest day a duty may be logged: the first open month's first day, or the day
    the volunteer became active if that is later."""
    first = first_open_month(today)
    since = active_since(application)
    return max(first, since) if since else first


def _date_problem(application, day, today) -> str:
    if day > today:
        return "The date is in the future: log a duty once you have done it."
    first = first_loggable_day(application, today)
    if day >= first:
        return ""
    if first > first_open_month(today):
        return f"You became an active volunteer on {first:%-d %B %Y}: log duties from that day."
    return (
        f"Duties before {first:%-d %B %Y} can no longer be logged: their month is closed. "
        "If one is missing, tell the Corporate Recruitment Team."
    )


def _hours_problem(application, day, hours, replacing) -> str:
    if hours <= 0:
        return "Give the hours you gave: more than 0."
    if hours > HOURS_IN_A_DAY:
        return "A day has 24 hours: give at most 24."
    if hours % HOURS_STEP:
        return "Give the hours in quarters of an hour, like 2.5 or 3.75."
    if day is None:
        return ""
    others = application.duties.filter(date=day).exclude(pk=getattr(replacing, "pk", None))
    logged = others.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if logged + hours > HOURS_IN_A_DAY:
        return (
            f"You have already logged {hours_figure(logged)} hours on {day:%-d %B %Y}: "
            f"with {hours_figure(hours)} more the day would have more than 24."
        )
    return ""


def duty_problems(application, *, date, hours, activity, replacing=None, today=None) -> dict[str, str]:
    """Field name -> what is wrong with a duty, in words the volunteer can act on, shown
    next to the field (the form passes None for a field it has already refused)."""
    today = today or timezone.localdate()
    problems = {}
    if date is not None and (problem := _date_problem(application, date, today)):
        problems["date"] = problem
    if hours is not None:
        day = None if "date" in problems else date
        if problem := _hours_problem(application, day, hours, replacing):
            problems["hours"] = problem
    if activity is not None and not activity.strip():
        problems["activity"] = "Say what the duty was."
    return problems


def _own_active(application, by) -> VolunteerApplication:
    """The volunteer's own active application, locked: only they log their hours."""
    if by != application.applicant:
        raise DomainError("Only the volunteer logs, corrects or removes their hours.")
    application = locked_application(application)
    if application.status != ACTIVE:
        raise DomainError("Hours are logged once you are an active volunteer.")
    return application


def _checked(application, *, date, hours, activity, replacing=None) -> str:
    if problems := duty_problems(application, date=date, hours=hours, activity=activity, replacing=replacing):
        raise DomainError(" ".join(problems.values()))
    return activity.strip()


def _open_duty(duty, by) -> DutyLog:
    """The duty, locked with its application, while its month is open."""
    _own_active(duty.application, by)
    duty = DutyLog.objects.select_for_update().select_related("application").get(pk=duty.pk)
    if duty.date < first_open_month(timezone.localdate()):
        raise DomainError(f"The duty on {duty.date:%-d %B %Y} is in a closed month: it can no longer be changed.")
    return duty


@transaction.atomic
def log_duty(application, *, by, date, hours, activity) -> DutyLog:
    application = _own_active(application, by)
    activity = _checked(application, date=date, hours=hours, activity=activity)
    duty = DutyLog.objects.create(
        application=application, date=date, hours=hours, activity=activity, logged_at=timezone.now()
    )
    record_action(application, action="log_duty", by=by, reason=str(duty))
    return duty


@transaction.atomic
def correct_duty(duty, *, by, date, hours, activity) -> DutyLog:
    """The new date must be in an open month too (a duty is not moved into a closed one)."""
    duty = _open_duty(duty, by)
    activity = _checked(duty.application, date=date, hours=hours, activity=activity, replacing=duty)
    before = str(duty)
    duty.date, duty.hours, duty.activity = date, hours, activity
    duty.save(update_fields=["date", "hours", "activity"])
    record_action(duty.application, action="correct_duty", by=by, reason=f"{before} → {duty}")
    return duty


@transaction.atomic
def remove_duty(duty, *, by) -> None:
    duty = _open_duty(duty, by)
    record_action(duty.application, action="remove_duty", by=by, reason=str(duty))
    duty.delete()


# --- totals ------------------------------------------------------------------------------


def active_volunteers():
    return VolunteerApplication.objects.filter(status=ACTIVE).select_related("applicant", "campaign__role")


def duties_between(first_month, last_month):
    """Duties from the first day of ``first_month`` to the last of ``last_month``."""
    return DutyLog.objects.filter(date__gte=first_month, date__lte=last_day_of(last_month))


def monthly_totals(applications, first_month, last_month) -> dict:
    """(application id, month) -> the hours logged, for each month from ``first_month`` to
    ``last_month`` that has any, in one query whatever the number of volunteers."""
    rows = (
        duties_between(first_month, last_month)
        .filter(application__in=applications)
        .annotate(month=TruncMonth("date"))
        .values("application_id", "month")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    return {(row["application_id"], row["month"]): row["total"] for row in rows}


# --- the month-end reminder --------------------------------------------------------------


def reminder_starts_on(today):
    return last_day_of(today) - timedelta(days=REMINDER_DAYS_BEFORE_MONTH_END)


def _hours_page(application) -> str:
    return settings.SITE_URL + reverse("volunteer_hours", args=[application.pk])


@transaction.atomic
def send_hours_reminders(today=None) -> int:
    """Run by celery beat every day: from reminder_starts_on to the month's end, each active
    volunteer whose hours this month are short of their role's is emailed what they have
    logged and what the role asks, once a month (the outbox key carries the month). A
    volunteer who became active this month is not: their first month is not a whole one."""
    today = today or timezone.localdate()
    if today < reminder_starts_on(today):
        return 0
    month = month_of(today)
    this_month = Q(duties__date__gte=month, duties__date__lte=last_day_of(month))
    short = (
        with_active_since(active_volunteers())
        .annotate(logged=Coalesce(Sum("duties__hours", filter=this_month), NO_HOURS))
        .filter(logged__lt=F("campaign__role__monthly_hours"))
        .exclude(active_since__gte=starts_at(month))
        .order_by("pk")
    )
    messages = [
        applicant_message(
            application,
            "hours_reminder",
            key_suffix=f"-{month:%Y-%m}",
            month=month_name(month),
            month_ends=f"{last_day_of(month):%A %-d %B}",
            logged=str(hours_figure(application.logged)),
            asked=application.campaign.role.monthly_hours,
            hours_url=_hours_page(application),
        )
        for application in short
    ]
    return len(notify_many(messages))
